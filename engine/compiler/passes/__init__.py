"""The compiler passes, in the order they run.

Passes of one stage are independent and all run, so `alinea check` reports every problem of
that stage at once; a later stage runs only when the earlier ones found nothing, because its
findings would be consequences of those errors.
"""

from __future__ import annotations

from collections.abc import Callable

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

STAGES: tuple[tuple[Pass, ...], ...] = (
    (names.resolve, literals.check),  # literals first: later passes compute on dates
    (
        sources.check,
        typecheck.check,
        versions.check,
        events.check,
        yearly.check,
        derogations.order,
        lookalikes.check,
    ),
    (graph.build, cycles.detect),
    (depth.check,),  # needs the graph without cycles
)


def compile_modules(modules: tuple[nodes.Module, ...]) -> Program:
    """Run every pass; raises `CompileError` with all the errors of the first failing stage, and
    the warnings found so far. Warnings of a program that compiles stay in `program.warnings`.
    """
    program = Program(modules)
    warnings: list[Diagnostic] = []
    for stage in STAGES:
        found = [diagnostic for run in stage for diagnostic in run(program)]
        warnings += [d for d in found if not d.is_error]
        errors = [d for d in found if d.is_error]
        if errors:
            raise CompileError(sorted([*errors, *warnings], key=_position))
    program.warnings = sorted(warnings, key=_position)
    return program


def _position(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    span = diagnostic.span
    return (
        (span.path, span.line, span.column, diagnostic.code)
        if span
        else ("", 0, 0, diagnostic.code)
    )
