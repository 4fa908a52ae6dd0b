"""One evaluation of the rule base in SQL over one table: facts, parameters, rules.

`Translation` is the `Scope` the expressions read names from: a fact is a column of the
first layer, a parameter the constant of its value on the day (computed here by the
evaluator, a yearly revaluation included: it depends on the date alone), a rule the columns
of its own layer, translated on first use (so only what the requested conclusions read is
written, each rule once). With `masks`, each term also carries the bit mask of the facts
it misses (for completion); without, only what raised an error or a conflict.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import NoReturn

import attrs
from sqlglot import exp

from ...dsl.errors import AlineaError, Diagnostic, RuleError
from ..compiler.program import Program
from ..domain.outcomes import NA, NotCovered
from ..domain.types import Kind, Type
from ..lowered import declarations as decl
from ..lowered import nodes as low
from ..lowered.program import Lowered
from ..runtime.evaluator import Evaluator
from .bodies import Bodies, Sources
from .calendar import DATES, DURATIONS
from .derogations import default_logic
from .expressions import Expressions
from .layers import Layers
from .literals import known, shape_of
from .scales import Scales
from .shapes import Form, Shape, fact_shape, of_type
from .terms import (
    UNDECIDED,
    WITHIN,
    Bounds,
    Code,
    Term,
    is_false,
    is_null,
    is_true,
    number,
    special,
    when,
)


class Raises:
    """What can raise on a row (an error code, a conflict's two sources), by index."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def index(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text)


@attrs.frozen
class Translated:
    """A rule in the query: its term (columns) and, if asked for, its sources."""

    term: Term
    sources: Sources
    source: exp.Expr


class Parameters:
    """The values of the parameters on one day, from the evaluator (shared by the
    translations of one query)."""

    def __init__(self, program: Program, day: datetime.date) -> None:
        self.evaluator = Evaluator(program)
        self.law = self.evaluator.law(day)
        self._values: dict[str, object] = {}

    def value(self, name: str) -> object:
        """The value, `NA`, a `NotCovered`, or the `AlineaError` its computation raises."""
        if name not in self._values:
            try:
                self._values[name] = self.law.parameter(name).value
            except AlineaError as error:
                self._values[name] = error
        return self._values[name]


class Translation:
    """The rules of `lowered` over the table read by `layers`' first layer."""

    def __init__(
        self,
        program: Program,
        lowered: Lowered,
        parameters: Parameters,
        layers: Layers,
        facts: Mapping[str, exp.Expr],
        raises: Raises,
        masks: Mapping[str, int] | None,
        sources: dict[str, Sources] | None = None,
    ) -> None:
        self.program = program
        self.lowered = lowered
        self.day = lowered.day
        self.parameters = parameters
        self.layers = layers
        self.facts_read = facts
        self.raises = raises
        self.bits = masks or {}
        self.masks = masks is not None
        self.rules: dict[str, Translated] = {}
        self.sources = {} if sources is None else sources
        self.owner = ""
        self.scales = Scales(self._fact_type, parameters.value, lowered.rule)

    # ------------------------------------------------------------ Scope

    def fact(self, ref: low.FactRef) -> Term:
        type_ = self.program.facts[ref.name].type
        shape = fact_shape(type_)
        column = exp.column(self.fact_column(ref.name))
        detail = None
        if self.masks:
            detail = when((is_null(column), number(1 << self.bits[ref.name])), otherwise=number(0))
        return Term(
            column,
            shape,
            frozenset({Code.VALUE, Code.UNKNOWN}),
            None,
            detail,
            1,
            _bounds(type_.kind),
        )

    def fact_column(self, name: str) -> str:
        found = self.facts_read[name]
        assert isinstance(found, exp.Column)
        return found.name

    def parameter(self, name: str) -> Term:
        found = self.parameters.value(name)
        type_ = self.program.parameters[name].type
        shape = of_type(type_, self.scales.expr(low.ParameterRef(name, type=type_, text=name)))
        if found is NA:
            return special(Code.NOT_APPLICABLE, shape)
        if isinstance(found, NotCovered):
            return special(Code.NOT_COVERED, shape)
        if isinstance(found, AlineaError):
            (diagnostic, *_) = found.diagnostics
            return special(Code.ERROR, shape, number(self.raised(diagnostic.code)))
        return known(found, shape_of(found, shape))

    def rule(self, name: str) -> Term:
        return self.translated(name).term

    def raised(self, text: str) -> int:
        return self.raises.index(text)

    def refuse(self, node: low.Expr, why: str) -> NoReturn:
        raise RuleError(
            [
                Diagnostic(
                    "P001",
                    f"« {self.owner} » ne se traduit pas en SQL : {why} (« {node.text} »)",
                    node.span,
                    "évaluez cette règle situation par situation (alinea eval), ou récrivez "
                    "l'expression",
                )
            ]
        )

    # ------------------------------------------------------------ rules

    def translated(self, name: str) -> Translated:
        found = self.rules.get(name)
        if found is None:
            owner, self.owner = self.owner, name
            try:
                found = self.rules[name] = self._rule(name)
            finally:
                self.owner = owner
        return found

    def shape(self, name: str) -> Shape:
        return of_type(self.program.rules[name].type, self.scales.rule(name))

    def _rule(self, name: str) -> Translated:
        found = self.lowered.rule(name)
        shape = self.shape(name)
        sources = self.sources.setdefault(name, Sources())
        if isinstance(found, decl.Absent):
            code = Code.NOT_COVERED if found.gap is not None else Code.NOT_APPLICABLE
            return Translated(special(code, shape), sources, exp.Null())
        version = found.version
        bodies = Bodies(Expressions(self), sources, shape)
        if found.exceptions:
            term, source = default_logic(
                bodies, found, lambda: bodies.body(version.body, version.span), self.raised
            )
        else:
            term, source = bodies.body(version.body, version.span)
        term = bodies.shaped(term)
        if version.applicability is not None:
            gate = self.layers.bind(Expressions(self).expr(version.applicability))
            term, source = _gated(gate, term, source, sources.code(version.span), shape)
        term = self.layers.bind(term, "r")
        return Translated(term, sources, source)

    def _fact_type(self, name: str) -> Type:
        return self.program.facts[name].type


def _gated(
    gate: Term, term: Term, source: exp.Expr, version: exp.Expr, shape: Shape
) -> tuple[Term, exp.Expr]:
    """Applicability: the rule when `gate` holds, non applicable when it does not, the
    gate's own status when it is undecided (it is read first: its error comes first)."""
    opened = is_true(gate.value)
    closed = is_false(gate.value)
    value = when((opened, term.value))
    status = when(
        (opened, term.status), (closed, number(Code.NOT_APPLICABLE)), otherwise=gate.status
    )
    detail = None
    if term.detail_expr is not None or gate.detail_expr is not None:
        detail = when((opened, term.detail), (closed, number(0)), otherwise=gate.detail)
    statuses = term.statuses | {Code.NOT_APPLICABLE} | gate.special
    level = max(term.level, gate.level)
    gated = Term(value, shape, statuses, status, detail, level, term.bounds)
    return gated, when((opened, source), otherwise=version)


def _bounds(kind: Kind) -> Bounds:
    if kind is Kind.DATE:
        return DATES
    if kind is Kind.DUREE:
        return DURATIONS
    return WITHIN


__all__ = ["UNDECIDED", "Form", "Parameters", "Raises", "Translated", "Translation"]
