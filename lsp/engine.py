"""Everything the language server takes from the engine, in one module.

The server reads the rule language through `alinea.dsl` directly; what it needs of the
engine — how a file is placed in its rule base, the compiler passes and the program they
build, coverage warnings, the values and words of explanations — comes through here, so
that a change in the engine's layout is mended in this file only.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Sequence
from pathlib import Path

from ..dsl import nodes
from ..dsl.errors import AlineaError, Diagnostic
from ..engine.compiler import bases, loader, timeline
from ..engine.compiler import cache as parse_cache
from ..engine.compiler.bases import BASE_NAMES, Selection, enclosing_base
from ..engine.compiler.passes import Compiled, Memos, compile_checked, position, resolve_names
from ..engine.compiler.program import (
    FactSymbol,
    Origin,
    ParameterEntry,
    ParameterSymbol,
    Program,
    RuleSymbol,
    RuleVersion,
    Symbol,
)
from ..engine.compiler.timeline import Coverages
from ..engine.domain.french import show
from ..engine.domain.types import FUNCTIONS, Kind, Type
from ..engine.domain.values import short_date
from ..engine.explain.explanation import article_text, period_text
from ..engine.runtime.evaluator import Evaluator

__all__ = [
    "BASE_NAMES",
    "FUNCTIONS",
    "Compiled",
    "Coverages",
    "Evaluator",
    "FactSymbol",
    "Kind",
    "Memos",
    "Origin",
    "ParameterEntry",
    "ParameterSymbol",
    "Program",
    "RuleSymbol",
    "RuleVersion",
    "Selection",
    "Symbol",
    "Type",
    "absence",
    "article_text",
    "cached_modules",
    "compile_checked",
    "coverage_warnings",
    "display",
    "enum_values",
    "parameter_value",
    "period_text",
    "position",
    "resolve_names",
    "rule_files",
    "selection",
    "short_date",
    "show",
    "store_modules",
]

EXTENSION = loader.EXTENSION


def display(path: Path) -> str:
    """How `alinea check` names a file in its diagnostics."""
    return loader.display(path)


def rule_files(root: Path) -> list[Path]:
    """The rule files of a base folder on disk (none when it has gone)."""
    try:
        return loader.rule_files([root])
    except AlineaError:
        return []


def base_root(path: Path) -> Path | None:
    """The rule base a file belongs to: its nearest enclosing `regles/` folder."""
    return enclosing_base(path)


def selection(files: Sequence[Path], asked: Path, root: Path | None) -> Selection:
    """The selection `alinea check FILE` makes for `asked` within these files: the whole base
    is compiled, the diagnostics of `asked` reported (`Selection.reported`)."""
    enclosing = root is not None and len(files) > 1
    origin = bases.Origin.ENCLOSING if enclosing else bases.Origin.GIVEN
    return Selection(tuple(files), (asked,), origin, root if enclosing else None)


def coverage_warnings(
    program: Program, day: datetime.date, memo: timeline.Coverages
) -> list[Diagnostic]:
    """W701, as `alinea check --date DAY` gives it; `memo` keeps each name's coverage for
    the next check of the same base."""
    return timeline.warnings(program, day, memo=memo)


def absence(program: Program, name: str, day: datetime.date) -> str | None:
    """Why a rule or parameter has no version on `day`, in words (None when it has one)."""
    return timeline.describe(program, name, day)


def parameter_value(evaluator: Evaluator, name: str, day: datetime.date) -> str:
    """A parameter's value on `day` as explanations write it (yearly revaluations
    computed), or why it has none."""
    symbol = evaluator.program.parameters[name]
    try:
        trace = evaluator.law(day).parameter(name)
    except AlineaError as error:
        return error.diagnostics[0].message if error.diagnostics else "valeur incalculable"
    return show(trace.value, symbol.type)


def cached_modules(texts: dict[str, str]) -> tuple[nodes.Module, ...] | None:
    """The parse of these files from the on-disk cache `alinea check` fills, if there."""
    return parse_cache.load(loader._key(texts), list(texts))


def store_modules(texts: dict[str, str], modules: tuple[nodes.Module, ...]) -> None:
    """Store a parse of unedited files where `alinea check` will find it."""
    with contextlib.suppress(OSError):
        parse_cache.store(loader._key(texts), modules)


def enum_values(type_: Type) -> tuple[str, ...]:
    """The values of an enumeration type, or of the elements of a list of one."""
    while type_.kind is Kind.LISTE and type_.element is not None:
        type_ = type_.element
    return type_.values


def function_names() -> dict[str, str]:
    """The built-in functions and what each does."""
    return {name: function.description for name, function in FUNCTIONS.items()}
