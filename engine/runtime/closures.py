"""Lowered expressions -> Python closures that return a `Trace`: rules are compiled, never
`eval`-ed.

Each closure takes the evaluation `Context` and returns the trace of its node: the value, the
static step that says what the node is, and the traces of the operands that decided it.
Unknown, non-applicable and non-covered operands propagate (three-valued logic: `faux et
inconnu` is `faux`, `vrai ou non couvert` is `vrai`); an operation that needs all its
operands (arithmetic, comparison, call) keeps, once one is not covered, only the facts that
could still decide it (`trace.strict`).

The closures translate the lowered program (`engine/lowered/`): each node says its type, its
operator and its text, so nothing here re-derives the meaning of the language; what an
operator computes comes from `lowered.operations`, shared with the reference interpreter.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import attrs

from ...dsl import printer
from ..domain import values
from ..domain.guards import guarded, outside_calendar
from ..domain.outcomes import SPECIAL, Unknown, merge, strict
from ..lowered import nodes as low
from ..lowered.operations import COMPARE, all_of, any_of, arithmetic, extremum, rounded
from .context import Closure, Context, YearlyContext
from .trace import Step, StepKind, Trace

if TYPE_CHECKING:
    from ..compiler.program import Program

_FUSED = (low.Compare, low.Member, low.Not, low.Logical)


def step(kind: StepKind, node: low.Expr, **extra: Any) -> Step:
    return Step(kind, node.text, node.span, **extra)


class ExprCompiler:
    """Compiles the lowered expressions of one rule base into closures."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.owner = ""  # the rule or parameter being compiled, named by evaluation errors

    def compile(self, expr: low.Expr, this: Step | None = None) -> Closure:
        """The closure of `expr`; `this` replaces the step of an operation node, so a
        labelled, cited condition line is one node of the trace, not two."""
        match expr:
            case low.Constant(value=value):
                trace = Trace(step(StepKind.VALUE, expr, type=expr.type), value)
                return lambda ctx: trace
            case low.FactRef():
                return self._fact(expr)
            case low.ParameterRef(name=name):
                return lambda ctx: ctx.law.parameter(name)
            case low.RuleRef(name=name):
                return _rule(name)
            case low.Previous():
                return _read_previous
            case low.Round() | low.Extremum() | low.Count():
                return self._call(expr)
            case low.ListOf():
                return self._list(expr)
            case low.Negate(operand=operand):
                this = this or step(StepKind.CALCULATION, expr, type=expr.type, operation="-")
                return unary(this, self.compile(operand), operator.neg)
            case low.Arithmetic():
                return self._arithmetic(expr, this)
            case low.Compare():
                return self._comparison(expr, this)
            case low.Member(item=item, collection=collection):
                this = attrs.evolve(this or step(StepKind.MEMBERSHIP, expr), operator="dans")
                return binary(this, self.compile(item), self.compile(collection), _contains)
            case low.Not(operand=operand):
                return unary(this or step(StepKind.NOT, expr), self.compile(operand), operator.not_)
            case low.Logical():
                return self._logical(expr, this)
            case low.Group():
                return self._group(expr)
            case low.Line():
                return self._line(expr)
            case low.Implication():
                return self._implication(expr)
        raise AssertionError(expr)

    # ------------------------------------------------------------ names

    def _fact(self, ref: low.FactRef) -> Closure:
        name = ref.name
        this = Step(StepKind.FACT, ref.text, ref.span, name=name, type=ref.type)
        unknown = Trace(this, Unknown(frozenset({name})))

        def read_fact(ctx: Context) -> Trace:
            value = ctx.facts.get(name, unknown)
            return unknown if value is unknown else Trace(this, value)

        return read_fact

    # ------------------------------------------------------------ calculations

    def _call(self, call: low.Round | low.Extremum | low.Count) -> Closure:
        match call:
            case low.Round(rounding=rounding, operand=operand):
                args, function = (operand,), rounding.value
                compute: Callable[[list[Any]], object] = lambda a: rounded(rounding, a[0])  # noqa: E731
            case low.Extremum(extreme=extreme, args=args):
                function = extreme.value
                compute = lambda a: extremum(extreme, a)  # noqa: E731
            case low.Count(operand=operand):
                args, function = (operand,), "nombre"
                compute = lambda a: len(a[0])  # noqa: E731
        closures = [self.compile(arg) for arg in args]
        this = step(StepKind.CALL, call, type=call.type, operation=function)

        def run(ctx: Context) -> Trace:
            found = [c(ctx) for c in closures]
            values_ = [t.value for t in found]
            if any(type(a) in SPECIAL for a in values_):
                return Trace(this, strict(*values_), tuple(found))
            return Trace(this, compute(values_), tuple(found))

        return run

    def _list(self, literal: low.ListOf) -> Closure:
        closures = [self.compile(item) for item in literal.items]
        this = step(StepKind.VALUE, literal)

        def run(ctx: Context) -> Trace:
            found = [c(ctx) for c in closures]
            items = tuple(t.value for t in found)
            if any(type(i) in SPECIAL for i in items):
                return Trace(this, strict(*items), tuple(found))
            return Trace(this, items, tuple(found))

        return run

    def _arithmetic(self, expr: low.Arithmetic, this: Step | None) -> Closure:
        left, right = self.compile(expr.left), self.compile(expr.right)
        operation = printer.pretty_operator(expr.written)
        this = this or step(StepKind.CALCULATION, expr, type=expr.type, operation=operation)
        compute = guarded(arithmetic(expr), expr.source, self.owner)
        return binary(this, left, right, compute)

    def _comparison(self, expr: low.Compare, this: Step | None) -> Closure:
        left, right = self.compile(expr.left), self.compile(expr.right)
        operator_ = printer.pretty_operator(expr.source.op)
        if this is None:
            this = Step(StepKind.COMPARISON, expr.text, expr.span, operator=operator_)
        else:
            this = attrs.evolve(this, operator=operator_)
        compare = COMPARE[expr.comparator]
        if expr.ordering is low.Ordering.VALUES:
            return binary(this, left, right, compare)

        owner, source = self.owner, expr.source

        def run(ctx: Context) -> Trace:
            a, b = left(ctx), right(ctx)
            if type(a.value) in SPECIAL or type(b.value) in SPECIAL:
                return Trace(this, strict(a.value, b.value), (a, b))
            day = ctx.date
            try:
                left_hours = values.length_in_hours(a.value, day)  # type: ignore[arg-type]
                right_hours = values.length_in_hours(b.value, day)  # type: ignore[arg-type]
            except values.CalendarError:
                raise outside_calendar(source, owner, a.value, b.value, day) from None
            return Trace(this, compare(left_hours, right_hours), (a, b))

        return run

    # ------------------------------------------------------------ conditions

    def _logical(self, expr: low.Logical, this: Step | None) -> Closure:
        left, right = self.compile(expr.left), self.compile(expr.right)
        this = attrs.evolve(this or step(StepKind.LOGIC, expr), logic=expr.connective.value)
        decisive = expr.connective is low.Connective.OR
        combine = any_of if decisive else all_of

        def run(ctx: Context) -> Trace:
            a = left(ctx)
            if a.value is decisive:
                return Trace(this, decisive, (a,))
            b = right(ctx)
            return Trace(this, combine([a.value, b.value]), (a, b))

        return run

    def _group(self, group: low.Group) -> Closure:
        checks = [self.compile(item) for item in group.items]
        this = step(StepKind.GROUP, group, logic=group.quantifier.value)
        quantifier = group.quantifier

        def run(ctx: Context) -> Trace:
            found = tuple(check(ctx) for check in checks)
            results = [t.value for t in found]
            if quantifier is low.Quantifier.ALL:
                value = all_of(results)
            elif quantifier is low.Quantifier.ANY:
                value = any_of(results)
            else:
                value = any_of(results)
                value = (not value) if type(value) is bool else value
            return Trace(this, value, found)

        return run

    def _line(self, line: low.Line) -> Closure:
        condition = line.condition
        this = Step(StepKind.CONDITION, line.text, line.span, line.citation, alias=condition.span)
        if isinstance(condition, _FUSED):
            return self.compile(condition, this)
        return unary(this, self.compile(condition), bool)

    def _implication(self, line: low.Implication) -> Closure:
        inner, guard = self.compile(line.condition), self.compile(line.guard)
        this = Step(StepKind.IMPLICATION, line.text, line.span, line.citation)

        def run(ctx: Context) -> Trace:
            g = guard(ctx)
            if g.value is False:
                return Trace(this, True, (g,))
            a = inner(ctx)
            if g.value is True or a.value is True:
                return Trace(this, a.value, (g, a))
            return Trace(this, merge(g.value, a.value), (g, a))

        return run


def _rule(name: str) -> Closure:
    def read_rule(ctx: Context) -> Trace:
        memo = ctx.memo
        found = memo.get(name)
        if found is None:
            found = memo[name] = ctx.law.rule(name)(ctx)
        return found

    return read_rule


def _read_previous(ctx: Context) -> Trace:
    return cast(YearlyContext, ctx).previous


def unary(this: Step, inner: Closure, function: Callable[[Any], object]) -> Closure:
    def run(ctx: Context) -> Trace:
        a = inner(ctx)
        if type(a.value) in SPECIAL:
            return Trace(this, a.value, (a,))
        return Trace(this, function(a.value), (a,))

    return run


def binary(
    this: Step, left: Closure, right: Closure, function: Callable[[Any, Any], object]
) -> Closure:
    def run(ctx: Context) -> Trace:
        a, b = left(ctx), right(ctx)
        if type(a.value) in SPECIAL or type(b.value) in SPECIAL:
            return Trace(this, strict(a.value, b.value), (a, b))
        return Trace(this, function(a.value, b.value), (a, b))

    return run


def _contains(item: object, collection: tuple[object, ...]) -> bool:
    return item in collection
