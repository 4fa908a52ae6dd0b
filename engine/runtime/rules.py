"""Rule bodies -> closures: cases, barèmes, lists, and default logic over the exceptions.

An exception that applies overrides the base value; one that `prime sur` another overrides
it too. When two applicable exceptions of equal rank disagree, evaluation stops with a
`ConflictError` naming both: the law as encoded is ambiguous for that situation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ...dsl.errors import ConflictError, Diagnostic
from ..domain.outcomes import NA, SPECIAL, merge, strict
from ..domain.types import Type
from ..lowered import declarations as decl
from ..lowered import nodes as low
from ..lowered import operations
from ..lowered.operations import conflict
from .closures import ExprCompiler
from .context import Closure, Context
from .trace import Step, StepKind, Trace, Version

APPLIES, REJECTED, UNDECIDED = "applies", "rejected", "undecided"


@attrs.frozen
class Branch:
    condition: Closure
    value: Closure
    step: Step


@attrs.frozen
class DerogationCode:
    """A compiled exception: its cases, and the keys of the exceptions it overrides."""

    key: str
    overrides: frozenset[str]
    branches: tuple[Branch, ...]
    step: Step

    def attempt(self, ctx: Context) -> tuple[str, Trace]:
        seen: list[Trace] = []
        for branch in self.branches:
            condition = branch.condition(ctx)
            if condition.value is True:
                value = branch.value(ctx)
                return APPLIES, Trace(self.step, value.value, (condition, value))
            seen.append(condition)
            if condition.value is not False:
                return UNDECIDED, Trace(self.step, merge(condition.value), tuple(seen))
        return REJECTED, Trace(self.step, NA, tuple(seen))

    def possible_values(self, ctx: Context, undecided: Trace) -> list[object]:
        """The values an undecided exception could still give: its undecided case's and those
        of the cases after it (the cases before it were rejected)."""
        first = len(undecided.children) - 1
        return [branch.value(ctx).value for branch in self.branches[first:]]


@attrs.frozen
class VersionCode:
    """The compiled version of a rule in force on some dates."""

    step: Step
    applicability: Closure | None
    base: Closure
    exceptions: tuple[DerogationCode, ...]


class RuleCompiler:
    """Compiles the lowered declarations of a rule: its versions and its exceptions."""

    def __init__(self, exprs: ExprCompiler) -> None:
        self.exprs = exprs

    def version(self, version: decl.Version) -> VersionCode:
        self.exprs.owner = version.name
        this = Step(
            StepKind.RULE,
            version.text,
            version.span,
            version.citation,
            version.name,
            version.type,
            Version(version.period, version.article),
        )
        applicability = None
        if version.applicability is not None:
            applicability = self.exprs.compile(version.applicability)
        unless = tuple(self.derogation(d, version.name) for d in version.unless)
        return VersionCode(this, applicability, self._base(version.body, version.type), unless)

    def derogation(self, derogation: decl.Derogation, owner: str) -> DerogationCode:
        self.exprs.owner = owner
        this = Step(
            StepKind.DEROGATION,
            derogation.text,
            derogation.span,
            derogation.citation,
            type=derogation.type,
        )
        kind = StepKind.DEROGATION if derogation.inline else StepKind.CASE
        branches = tuple(self._branch(case, kind) for case in derogation.cases)
        return DerogationCode(derogation.key, derogation.overrides, branches, this)

    def _branch(self, case: low.Case, kind: StepKind) -> Branch:
        condition = self.exprs.compile(case.condition)
        value = self.exprs.compile(case.value)
        return Branch(
            condition, value, Step(kind, case.text, case.span, case.citation, type=case.value.type)
        )

    # ------------------------------------------------------------ base values

    def _base(self, body: low.Body, type_: Type) -> Closure:
        match body:
            case low.Formula():
                return self._value(body, type_)
            case low.Table():
                return self._table(body, type_)
            case low.ListBuild():
                return self._list(body, type_)
            case low.Cases():
                return self._cases(body, type_)
        raise AssertionError(body)

    def _value(self, formula: low.Formula, type_: Type) -> Closure:
        inner = self.exprs.compile(formula.value)
        if formula.citation is None:
            return inner
        this = Step(StepKind.VALUE, formula.text, formula.span, formula.citation, type=type_)
        return lambda ctx: _wrap(this, inner(ctx))

    def _cases(self, body: low.Cases, type_: Type) -> Closure:
        cases = [self._branch(case, StepKind.CASE) for case in body.cases]
        default = body.otherwise.value
        fallback = self._value(default, type_) if default is not None else None
        otherwise = Step(
            StepKind.OTHERWISE, body.otherwise.text, body.otherwise.span, body.otherwise.citation
        )

        def run(ctx: Context) -> Trace:
            rejected: list[Trace] = []
            pending: list[tuple[Trace, Trace]] = []
            for case in cases:
                condition = case.condition(ctx)
                value = condition.value
                if value is True:
                    chosen = case.value(ctx)
                    found = Trace(case.step, chosen.value, (condition, chosen))
                    return _settle(found, pending)
                if value is not False:
                    pending.append((condition, case.value(ctx)))
                    continue
                rejected.append(condition)
            if fallback is None:
                return _settle(Trace(otherwise, NA, tuple(rejected)), pending)
            chosen = fallback(ctx)
            return _settle(Trace(otherwise, chosen.value, (*rejected, chosen)), pending)

        return run

    def _table(self, table: low.Table, type_: Type) -> Closure:
        key = self.exprs.compile(table.key)
        rows = [self._row(row, type_) for row in table.rows]
        this = Step(StepKind.SCALE, table.text, table.span, type=type_)

        def run(ctx: Context) -> Trace:
            k = key(ctx)
            if type(k.value) in SPECIAL:
                return Trace(this, k.value, (k,))
            for matches, value, row_step in rows:
                verdict = matches(ctx, k.value)
                if verdict is True:
                    chosen = value(ctx)
                    return Trace(this, chosen.value, (k, Trace(row_step, chosen.value, (chosen,))))
                if verdict is not False:
                    return Trace(this, verdict, (k,))
            return Trace(this, NA, (k,))

        return run

    def _row(
        self, row: low.Row, type_: Type
    ) -> tuple[Callable[[Context, Any], object], Closure, Step]:
        value = self.exprs.compile(row.value)
        this = Step(StepKind.ROW, row.text, row.span, row.citation, type=type_)
        return _matcher(self.exprs, row.key), value, this

    def _list(self, build: low.ListBuild, type_: Type) -> Closure:
        elements = []
        for element in build.elements:
            value = self.exprs.compile(element.value)
            condition = self.exprs.compile(element.condition) if element.condition else None
            shown = Step(
                StepKind.ELEMENT, element.text, element.span, element.citation, type=type_.element
            )
            elements.append((value, condition, shown))
        this = Step(StepKind.LIST, "liste", build.span, type=type_)

        def run(ctx: Context) -> Trace:
            kept: list[object] = []
            found: list[Trace] = []
            undecided: list[object] = []
            for value, condition, element_step in elements:
                if condition is not None:
                    c = condition(ctx)
                    if c.value is False:
                        found.append(Trace(element_step, NA, (c,)))
                        continue
                    if c.value is not True:
                        undecided.append(c.value)
                        found.append(Trace(element_step, c.value, (c,)))
                        continue
                v = value(ctx)
                kept.append(v.value)
                found.append(Trace(element_step, v.value, (v,)))
            if undecided or any(type(k) in SPECIAL for k in kept):
                return Trace(this, strict(*undecided, *kept), tuple(found))
            return Trace(this, tuple(kept), tuple(found))

        return run


def _settle(found: Trace, pending: list[tuple[Trace, Trace]]) -> Trace:
    """`found` is what the cases give when every undecided earlier case turns out false; it
    stands when each of those cases would give the same value, else the rule is unknown."""
    if not pending:
        return found
    value = found.value
    if type(value) not in SPECIAL and all(v.value == value for _, v in pending):
        return Trace(found.step, value, (*found.children, *(c for c, _ in pending)))
    conditions = tuple(c for c, _ in pending)
    unknown = merge(*(c.value for c in conditions), *(v.value for _, v in pending), value)
    return Trace(found.step, unknown, conditions)


def _wrap(this: Step, inner: Trace) -> Trace:
    return Trace(this, inner.value, (inner,))


def _matcher(exprs: ExprCompiler, key: low.RowKey) -> Callable[[Context, Any], object]:
    bounds = [exprs.compile(b) for b in low.key_bounds(key)]

    def test(ctx: Context, value: Any) -> object:
        found = [b(ctx).value for b in bounds]
        if any(type(f) in SPECIAL for f in found):
            return strict(*found)
        return operations.matches(key, value, found)

    return test


def rule_closure(name: str, code: VersionCode, derogations: Sequence[DerogationCode]) -> Closure:
    """The closure evaluating one rule on one date: its version and the exceptions in force."""
    exceptions = (*code.exceptions, *derogations)
    this = code.step
    applicability = code.applicability
    base = code.base

    def run(ctx: Context) -> Trace:
        head: tuple[Trace, ...] = ()
        if applicability is not None:
            gate = applicability(ctx)
            if gate.value is not True:
                closed = NA if gate.value is False else merge(gate.value)
                return Trace(this, closed, (gate,))
            head = (gate,)
        if not exceptions:
            chosen = base(ctx)
            return Trace(this, chosen.value, (*head, chosen))
        live, undecided, rejected = _default_logic(exceptions, ctx)
        fallback = None if live else base(ctx)
        if undecided:
            values = [t.value for _, t in live] if fallback is None else [fallback.value]
            if not _settled(values, undecided, ctx):
                pending = tuple(t for _, t in undecided)
                return Trace(this, merge(*(t.value for t in pending)), (*head, *pending))
        irrelevant = tuple(t for _, t in undecided)
        if fallback is not None:
            return Trace(this, fallback.value, (*head, fallback, *rejected, *irrelevant))
        first_code, first = live[0]
        for other_code, trace in live[1:]:
            if trace.value != first.value and type(trace.value) not in SPECIAL:
                raise ConflictError([_conflict(name, first_code, first, other_code, trace)])
        deciding = tuple(t for _, t in live)
        return Trace(this, first.value, (*head, *deciding, *rejected, *irrelevant))

    return run


Attempt = tuple[DerogationCode, Trace]


def _default_logic(
    exceptions: Sequence[DerogationCode], ctx: Context
) -> tuple[list[Attempt], list[Attempt], tuple[Trace, ...]]:
    """(applying and not overridden, undecided and not overridden, rejected traces)."""
    outcomes = [(code, *code.attempt(ctx)) for code in exceptions]
    applying = [(code, trace) for code, state, trace in outcomes if state == APPLIES]
    dominated = frozenset().union(*(code.overrides for code, _ in applying))
    live = [(c, t) for c, t in applying if c.key not in dominated]
    undecided = [
        (c, t) for c, state, t in outcomes if state == UNDECIDED and c.key not in dominated
    ]
    rejected = tuple(t for _, state, t in outcomes if state == REJECTED)
    return live, undecided, rejected


def _settled(fallback: list[object], undecided: list[Attempt], ctx: Context) -> bool:
    """Whether the value is the same whichever undecided exceptions turn out to apply: then
    the missing facts they wait for cannot change the conclusion, which stays decided."""
    possible = [*fallback]
    for code, trace in undecided:
        possible += code.possible_values(ctx, trace)
    first = possible[0]
    return type(first) not in SPECIAL and all(
        type(value) not in SPECIAL and value == first for value in possible
    )


def _conflict(
    name: str, a: DerogationCode, first: Trace, b: DerogationCode, second: Trace
) -> Diagnostic:
    return conflict(
        name,
        (a.step.span, a.step.citation, first.value),
        (b.step.span, b.step.citation, second.value),
    )
