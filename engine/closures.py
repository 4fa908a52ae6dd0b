"""Expressions -> Python closures that return a `Trace`: rules are compiled, never `eval`-ed.

Each closure takes the evaluation `Context` and returns the trace of its node: the value, the
static step that says what the node is, and the traces of the operands that decided it.
Unknown, non-applicable and non-covered operands propagate (three-valued logic: `faux et
inconnu` is `faux`, `vrai ou non couvert` is `vrai`); an operation that needs all its
operands (arithmetic, comparison, call) keeps, once one is not covered, only the facts that
could still decide it (`trace.strict`).
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..dsl import nodes, printer
from . import types, values
from .guards import guarded, outside_calendar
from .lowered.expressions import literal_value
from .lowered.operations import all_of, any_of, divide
from .passes.typecheck import literal_type
from .trace import SPECIAL, Step, Trace, Unknown, merge, strict
from .types import Kind, Type

if TYPE_CHECKING:
    from .evaluator import Context
    from .program import Program

Closure = Callable[["Context"], Trace]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def step(kind: str, expr: nodes.Node, text: str | None = None, **extra: Any) -> Step:
    shown = text if text is not None else printer.expression(expr, pretty=True)  # type: ignore[arg-type]
    return Step(kind, shown, expr.span, **extra)


def constant(kind: str, node: nodes.Node, value: object, type_: Type) -> tuple[Closure, Type]:
    trace = Trace(step(kind, node, type=type_), value)
    return (lambda ctx: trace), type_


class ExprCompiler:
    """Compiles expressions of one rule base; types come from the same algebra as the checker."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.owner = ""  # the rule or parameter being compiled, named by evaluation errors

    def compile(self, expr: nodes.Expr, this: Step | None = None) -> tuple[Closure, Type]:
        """The closure of `expr` and its type; `this` replaces the step of an operation node,
        so a labelled, cited condition line is one node of the trace, not two."""
        match expr:
            case nodes.Number() | nodes.Quantity():
                return constant("valeur", expr, literal_value(expr), literal_type(expr))
            case nodes.DateLiteral(value=value):
                return constant("valeur", expr, value, types.DATE)
            case nodes.Text(value=value):
                return constant("valeur", expr, value, types.TEXTE)
            case nodes.Boolean(value=value):
                return constant("valeur", expr, value, types.BOOLEEN)
            case nodes.Ref(kind="valeur", name=name):
                return constant("valeur", expr, name, Type(Kind.VALUE, values=(name,)))
            case nodes.Ref():
                return self._ref(expr)
            case nodes.Call():
                return self._call(expr)
            case nodes.ListLiteral():
                return self._list(expr)
            case nodes.Negation(operand=operand):
                inner, type_ = self.compile(operand)
                this = this or step("calcul", expr, type=type_, operation="-")
                return unary(this, inner, operator.neg), type_
            case nodes.Arithmetic():
                return self._arithmetic(expr, this)
            case nodes.Comparison():
                return self._comparison(expr, this)
            case nodes.Membership():
                item, _ = self.compile(expr.item)
                collection, _ = self.compile(expr.collection)
                this = attrs.evolve(this or step("appartenance", expr), operator="dans")
                return binary(this, item, collection, _contains), types.BOOLEEN
            case nodes.Not(operand=operand):
                inner, _ = self.compile(operand)
                return unary(this or step("non", expr), inner, operator.not_), types.BOOLEEN
            case nodes.Logical():
                return self._logical(expr, this), types.BOOLEEN
            case nodes.Group():
                return self._group(expr), types.BOOLEEN
        raise AssertionError(expr)

    # ------------------------------------------------------------ names

    def _ref(self, ref: nodes.Ref) -> tuple[Closure, Type]:
        name = ref.name
        if ref.kind == "donnée":
            fact = self.program.facts[name]
            this = Step("donnée", fact.decl.label or name, ref.span, name=name, type=fact.type)
            unknown = Trace(this, Unknown(frozenset({name})))

            def read_fact(ctx: Context) -> Trace:
                value = ctx.facts.get(name, unknown)
                return unknown if value is unknown else Trace(this, value)

            return read_fact, fact.type
        if ref.kind == "paramètre":
            parameter = self.program.parameters[name]
            return (lambda ctx: ctx.law.parameter(name)), parameter.type
        rule = self.program.rules[name]

        def read_rule(ctx: Context) -> Trace:
            memo = ctx.memo
            found = memo.get(name)
            if found is None:
                found = memo[name] = ctx.law.rule(name)(ctx)
            return found

        return read_rule, rule.type

    # ------------------------------------------------------------ calculations

    def _call(self, call: nodes.Call) -> tuple[Closure, Type]:
        compiled = [self.compile(arg) for arg in call.args]
        closures = [c for c, _ in compiled]
        result = types.call(call.function, [t for _, t in compiled])
        assert isinstance(result, Type)
        this = step("appel", call, type=result, operation=call.function)
        function = _FUNCTIONS[call.function]

        def run(ctx: Context) -> Trace:
            found = [c(ctx) for c in closures]
            args = [t.value for t in found]
            if any(type(a) in SPECIAL for a in args):
                return Trace(this, strict(*args), tuple(found))
            return Trace(this, function(args), tuple(found))

        return run, result

    def _list(self, literal: nodes.ListLiteral) -> tuple[Closure, Type]:
        compiled = [self.compile(item) for item in literal.items]
        closures = [c for c, _ in compiled]
        element = types.unify([t for _, t in compiled])
        this = step("valeur", literal)

        def run(ctx: Context) -> Trace:
            found = [c(ctx) for c in closures]
            items = tuple(t.value for t in found)
            if any(type(i) in SPECIAL for i in items):
                return Trace(this, strict(*items), tuple(found))
            return Trace(this, items, tuple(found))

        return run, Type(Kind.LISTE, element=element)

    def _arithmetic(self, expr: nodes.Arithmetic, this: Step | None) -> tuple[Closure, Type]:
        left, left_type = self.compile(expr.left)
        right, right_type = self.compile(expr.right)
        result = types.arithmetic(expr.op, left_type, right_type)
        assert result is not None
        kinds = {left_type.kind, right_type.kind}
        this = this or step("calcul", expr, type=result, operation=printer.pretty_operator(expr.op))
        compute = guarded(_arithmetic_operation(expr, kinds), expr, self.owner)
        return binary(this, left, right, compute), result

    def _comparison(self, expr: nodes.Comparison, this: Step | None) -> tuple[Closure, Type]:
        left, left_type = self.compile(expr.left)
        right, _ = self.compile(expr.right)
        shown = printer.expression(expr, pretty=True)
        operator_ = printer.pretty_operator(expr.op)
        if this is None:
            this = Step("comparaison", shown, expr.span, operator=operator_)
        else:
            this = attrs.evolve(this, operator=operator_)
        compare = _COMPARE[expr.op]
        if left_type.kind is not Kind.DUREE:
            return binary(this, left, right, compare), types.BOOLEEN

        owner = self.owner

        def run(ctx: Context) -> Trace:
            a, b = left(ctx), right(ctx)
            if type(a.value) in SPECIAL or type(b.value) in SPECIAL:
                return Trace(this, strict(a.value, b.value), (a, b))
            day = ctx.date
            try:
                left_hours = values.length_in_hours(a.value, day)  # type: ignore[arg-type]
                right_hours = values.length_in_hours(b.value, day)  # type: ignore[arg-type]
            except values.CalendarError:
                raise outside_calendar(expr, owner, a.value, b.value, day) from None
            value = compare(left_hours, right_hours)
            return Trace(this, value, (a, b))

        return run, types.BOOLEEN

    # ------------------------------------------------------------ conditions

    def _logical(self, expr: nodes.Logical, this: Step | None) -> Closure:
        left, _ = self.compile(expr.left)
        right, _ = self.compile(expr.right)
        this = attrs.evolve(this or step("logique", expr), logic=expr.op)
        decisive = expr.op == "ou"
        combine = any_of if decisive else all_of

        def run(ctx: Context) -> Trace:
            a = left(ctx)
            if a.value is decisive:
                return Trace(this, decisive, (a,))
            b = right(ctx)
            return Trace(this, combine([a.value, b.value]), (a, b))

        return run

    def _group(self, group: nodes.Group) -> Closure:
        checks = [self._check(item) for item in group.items]
        this = step("groupe", group, _GROUP_TEXT[group.quantifier], logic=group.quantifier)
        quantifier = group.quantifier

        def run(ctx: Context) -> Trace:
            found = tuple(check(ctx) for check in checks)
            results = [t.value for t in found]
            if quantifier == "toutes":
                value = all_of(results)
            elif quantifier == "une":
                value = any_of(results)
            else:
                value = any_of(results)
                value = (not value) if type(value) is bool else value
            return Trace(this, value, found)

        return run

    def _check(self, check: nodes.Check) -> Closure:
        citation = check.citation.text if check.citation else None
        text = check.label or printer.expression(check.expr, pretty=True)
        if check.guard is None and check.label is None and citation is None:
            return self.compile(check.expr)[0]
        if check.guard is None:
            this = Step("condition", text, check.span, citation, alias=check.expr.span)
            if isinstance(check.expr, _OPERATIONS):
                return self.compile(check.expr, this)[0]
            return unary(this, self.compile(check.expr)[0], bool)
        inner, _ = self.compile(check.expr)
        guard, _ = self.compile(check.guard)
        guard_text = printer.expression(check.guard, pretty=True)
        shown = check.label or f"{text}, si {guard_text}"
        this = Step("implication", shown, check.span, citation)

        def run(ctx: Context) -> Trace:
            g = guard(ctx)
            if g.value is False:
                return Trace(this, True, (g,))
            a = inner(ctx)
            if g.value is True or a.value is True:
                return Trace(this, a.value, (g, a))
            return Trace(this, merge(g.value, a.value), (g, a))

        return run


_OPERATIONS = (nodes.Comparison, nodes.Membership, nodes.Not, nodes.Logical)

_GROUP_TEXT = {
    "toutes": "toutes ces conditions",
    "une": "une de ces conditions",
    "aucune": "aucune de ces conditions",
}


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


def _arithmetic_operation(expr: nodes.Arithmetic, kinds: set[Kind]) -> Callable[[Any, Any], object]:
    op = expr.op
    if Kind.DATE in kinds:
        if op == "-" and kinds == {Kind.DATE}:
            return values.difference
        if op == "+":
            return lambda a, b: (
                values.shift(a, b) if isinstance(a, datetime.date) else values.shift(b, a)
            )
        return lambda a, b: values.shift(a, b, -1)
    if Kind.DUREE in kinds:
        if op == "*":
            return lambda a, b: a.times(b) if isinstance(a, values.Duration) else b.times(a)
        return operator.add if op == "+" else operator.sub
    if op == "/":
        return divide(expr)
    return {"+": operator.add, "-": operator.sub, "*": operator.mul}[op]


def _round(quantum: Decimal) -> Callable[[list[Any]], object]:
    return lambda args: values.round_half_up(Decimal(args[0]), quantum)


_FUNCTIONS: dict[str, Callable[[list[Any]], object]] = {
    "arrondi_centime": _round(values.CENT),
    "arrondi_euro": _round(values.EURO),
    "minimum": min,
    "maximum": max,
    "nombre": lambda args: len(args[0]),
}
