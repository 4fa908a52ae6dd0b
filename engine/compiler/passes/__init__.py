"""The compiler passes, in the order they run.

Passes of one stage are independent and all run, so `alinea check` reports every problem of
that stage at once; a later stage runs only when the earlier ones found nothing, because its
findings would be consequences of those errors.

`compile_checked` runs them and returns what they found; `compile_modules`, what commands
call, raises it. Given a `Memos` kept from one compile to the next (the language server
keeps one per base), the passes that read each declaration on its own (name resolution,
types, the levels of the dependency graph) reuse what they found for the declarations that
are the same nodes as at the last compile, reading the same things (`memo`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import attrs

from ....dsl import nodes
from ....dsl.errors import CompileError, Diagnostic
from ..program import Program
from . import (
    cycles,
    depth,
    derogations,
    events,
    graph,
    literals,
    lookalikes,
    names,
    sources,
    typecheck,
    versions,
    yearly,
)

Pass = Callable[[Program], list[Diagnostic]]


@attrs.define
class Memos:
    """What the passes keep from one compile of a base to the next."""

    names: names.Names = attrs.Factory(names.Names)
    types: typecheck.Types = attrs.Factory(typecheck.Types)
    walks: depth.Walks = attrs.Factory(depth.Walks)


def stages(memos: Memos | None = None) -> tuple[tuple[Pass, ...], ...]:
    """The passes, stage by stage; those that can reuse their findings given the memos."""
    if memos is None:
        resolve: Pass = names.resolve
        types: Pass = typecheck.check
        build: Pass = graph.build
    else:
        resolve = partial(names.resolve, memo=memos.names)
        types = partial(typecheck.check, memo=memos.types)
        build = partial(graph.build, memo=memos.walks)
    return (
        (resolve, literals.check),  # literals first: later passes compute on dates
        (
            sources.check,
            types,
            versions.check,
            events.check,
            yearly.check,
            derogations.order,
            lookalikes.check,
        ),
        (build, cycles.detect),
        (depth.check,),  # needs the graph without cycles
    )


@attrs.frozen
class Compiled:
    """The passes run over some modules: `program` as far as they went (symbols declared and
    names resolved even when a later stage failed: tools read them), the diagnostics —
    the errors of the first failing stage and the warnings found until then, or the
    warnings of a program that compiles —, and whether every stage passed."""

    program: Program
    diagnostics: tuple[Diagnostic, ...]
    complete: bool


def compile_checked(modules: tuple[nodes.Module, ...], memos: Memos | None = None) -> Compiled:
    """Run the stages until one finds an error; never raises for the rules' errors."""
    program = Program(modules)
    warnings: list[Diagnostic] = []
    for stage in stages(memos):
        found = [diagnostic for run in stage for diagnostic in run(program)]
        warnings += [d for d in found if not d.is_error]
        errors = [d for d in found if d.is_error]
        if errors:
            return Compiled(program, tuple(sorted([*errors, *warnings], key=position)), False)
    program.warnings = sorted(warnings, key=position)
    return Compiled(program, tuple(program.warnings), complete=True)


STAGES = stages()
"""The passes without memos, as commands run them."""


def compile_modules(modules: tuple[nodes.Module, ...]) -> Program:
    """Run every pass; raises `CompileError` with all the errors of the first failing stage,
    and the warnings found so far. Warnings of a program that compiles stay in `program.warnings`.
    """
    compiled = compile_checked(modules)
    if not compiled.complete:
        raise CompileError(list(compiled.diagnostics))
    return compiled.program


def resolve_names(modules: tuple[nodes.Module, ...]) -> Program:
    """The symbols of modules and their names resolved, errors ignored: what a tool reads of
    a base that does not compile (the first stage declares and resolves)."""
    program = Program(modules)
    for run in stages()[0]:
        run(program)
    return program


def position(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    """The order diagnostics are reported in: file, line, column, code."""
    span = diagnostic.span
    return (
        (span.path, span.line, span.column, diagnostic.code)
        if span
        else ("", 0, 0, diagnostic.code)
    )
