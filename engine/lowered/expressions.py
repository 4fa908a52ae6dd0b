"""Lowering of expressions: an AST expression of a checked program becomes a typed node with
its explicit operator.

The types come from the same algebra as the type checker (`engine.types`), so what the
checker accepted is what the back ends compute. The program is checked: an operation the
checker refuses cannot reach here (an `AssertionError` if it does).
"""

from __future__ import annotations

from decimal import Decimal

from ...dsl import nodes, printer
from ..compiler.program import Program
from ..domain import types
from ..domain.literals import literal_type, literal_value
from ..domain.types import Kind, Type
from . import nodes as low

_GROUPS = {
    "toutes": low.Quantifier.ALL,
    "une": low.Quantifier.ANY,
    "aucune": low.Quantifier.NONE,
}
GROUP_TEXT = {
    low.Quantifier.ALL: "toutes ces conditions",
    low.Quantifier.ANY: "une de ces conditions",
    low.Quantifier.NONE: "aucune de ces conditions",
}
_COMPARATORS = {c.value: c for c in low.Comparator}
_CONNECTIVES = {c.value: c for c in low.Connective}
_ROUNDINGS = {r.value: r for r in low.Rounding}
_EXTREMES = {e.value: e for e in low.Extreme}


def shown(expr: nodes.Expr) -> str:
    return printer.expression(expr, pretty=True)


class ExpressionLowering:
    """Lowers the expressions of one program; `previous` is the type of `précédent` while a
    yearly value is lowered (None elsewhere)."""

    def __init__(self, program: Program, previous: Type | None = None) -> None:
        self.facts = program.facts  # not the program: a shared lowering holds it weakly
        self.parameters = program.parameters
        self.rules = program.rules
        self.previous = previous

    def expr(self, expr: nodes.Expr) -> low.Expr:
        match expr:
            case nodes.Number() | nodes.Quantity():
                return self._constant(expr, literal_value(expr), literal_type(expr))
            case nodes.DateLiteral(value=value):
                return self._constant(expr, value, types.DATE)
            case nodes.Text(value=value):
                return self._constant(expr, value, types.TEXTE)
            case nodes.Boolean(value=value):
                return self._constant(expr, value, types.BOOLEEN)
            case nodes.Ref(kind="valeur", name=name):
                return self._constant(expr, name, Type(Kind.VALUE, values=(name,)))
            case nodes.Ref():
                return self._ref(expr)
            case nodes.Previous():
                assert self.previous is not None  # E310
                return low.Previous(type=self.previous, text="précédent", span=expr.span)
            case nodes.Call():
                return self._call(expr)
            case nodes.ListLiteral(items=items):
                lowered = tuple(self.expr(i) for i in items)
                element = list_element([i.type for i in lowered])
                list_type = Type(Kind.LISTE, element=element)
                return low.ListOf(lowered, type=list_type, text=shown(expr), span=expr.span)
            case nodes.Negation(operand=operand):
                inner = self.expr(operand)
                return low.Negate(inner, type=inner.type, text=shown(expr), span=expr.span)
            case nodes.Arithmetic():
                return self._arithmetic(expr)
            case nodes.Comparison():
                return self._comparison(expr)
            case nodes.Membership(item=item, collection=collection):
                return low.Member(
                    self.expr(item),
                    self.expr(collection),
                    type=types.BOOLEEN,
                    text=shown(expr),
                    span=expr.span,
                )
            case nodes.Not(operand=operand):
                inner = self.expr(operand)
                return low.Not(inner, type=types.BOOLEEN, text=shown(expr), span=expr.span)
            case nodes.Logical(op=op, left=left, right=right):
                return low.Logical(
                    _CONNECTIVES[op],
                    self.expr(left),
                    self.expr(right),
                    type=types.BOOLEEN,
                    text=shown(expr),
                    span=expr.span,
                )
            case nodes.Group():
                return self._group(expr)
        raise AssertionError(expr)

    def _constant(self, node: nodes.Expr, value: object, type_: Type) -> low.Constant:
        return low.Constant(value, type=type_, text=shown(node), span=node.span)

    def _ref(self, ref: nodes.Ref) -> low.Expr:
        name = ref.name
        if ref.kind == "donnée":
            fact = self.facts[name]
            text = fact.decl.label or name
            return low.FactRef(name, type=fact.type, text=text, span=ref.span)
        if ref.kind == "paramètre":
            parameter = self.parameters[name]
            return low.ParameterRef(name, type=parameter.type, text=name, span=ref.span)
        rule = self.rules[name]
        return low.RuleRef(name, type=rule.type, text=name, span=ref.span)

    def _call(self, call: nodes.Call) -> low.Expr:
        args = tuple(self.expr(a) for a in call.args)
        result = types.call(call.function, [a.type for a in args])
        assert isinstance(result, Type), result
        text, span = shown(call), call.span
        if call.function in _ROUNDINGS:
            (arg,) = args
            return low.Round(_ROUNDINGS[call.function], arg, type=result, text=text, span=span)
        if call.function in _EXTREMES:
            return low.Extremum(_EXTREMES[call.function], args, type=result, text=text, span=span)
        assert call.function == "nombre", call.function
        (arg,) = args
        return low.Count(arg, type=result, text=text, span=span)

    def _arithmetic(self, expr: nodes.Arithmetic) -> low.Arithmetic:
        left, right = self.expr(expr.left), self.expr(expr.right)
        result = types.arithmetic(expr.op, left.type, right.type)
        assert result is not None, expr
        return low.Arithmetic(
            operator(expr.op, left.type.kind, right.type.kind),
            left,
            right,
            expr,
            type=result,
            text=shown(expr),
            span=expr.span,
        )

    def _comparison(self, expr: nodes.Comparison) -> low.Compare:
        left, right = self.expr(expr.left), self.expr(expr.right)
        durations = left.type.kind is Kind.DUREE
        return low.Compare(
            _COMPARATORS[expr.op],
            low.Ordering.DURATIONS if durations else low.Ordering.VALUES,
            left,
            right,
            expr,
            type=types.BOOLEEN,
            text=shown(expr),
            span=expr.span,
        )

    def _group(self, group: nodes.Group) -> low.Group:
        quantifier = _GROUPS[group.quantifier]
        return low.Group(
            quantifier,
            tuple(self.line(item) for item in group.items),
            type=types.BOOLEEN,
            text=GROUP_TEXT[quantifier],
            span=group.span,
        )

    def line(self, check: nodes.Check) -> low.Expr:
        """A line of a condition list: the bare condition, or a `Line` when it has a label or
        a citation, or an `Implication` when it has a guard."""
        condition = self.expr(check.expr)
        citation = check.citation.text if check.citation else None
        if check.guard is None and check.label is None and citation is None:
            return condition
        text = check.label or shown(check.expr)
        if check.guard is None:
            return low.Line(
                condition, check.label, citation, type=types.BOOLEEN, text=text, span=check.span
            )
        guard = self.expr(check.guard)
        return low.Implication(
            condition,
            guard,
            check.label,
            citation,
            type=types.BOOLEEN,
            text=check.label or f"{text}, si {shown(check.guard)}",
            span=check.span,
        )


def list_element(items: list[Type]) -> Type | None:
    """The type of a list literal's items: that of the checker, except that enumeration
    values keep every value written (the checker's `unify` keeps the first value's type,
    enough to check membership but not to say what the list holds)."""
    if items and all(t.kind is Kind.VALUE for t in items):
        return Type(Kind.VALUE, values=tuple(dict.fromkeys(v for t in items for v in t.values)))
    return types.unify(items)


def operator(op: str, left: Kind, right: Kind) -> low.Operator:
    """The operator `left op right` performs, from its operands' kinds."""
    kinds = {left, right}
    if Kind.DATE in kinds:
        if op == "-" and kinds == {Kind.DATE}:
            return low.Operator.DATE_MINUS_DATE
        if op == "+":
            date_first = left is Kind.DATE
            return (
                low.Operator.DATE_PLUS_DURATION if date_first else low.Operator.DURATION_PLUS_DATE
            )
        return low.Operator.DATE_MINUS_DURATION
    if Kind.DUREE in kinds:
        if op == "*":
            return low.Operator.DURATION_TIMES_INTEGER
        if op == "+":
            return low.Operator.DURATION_PLUS_DURATION
        return low.Operator.DURATION_MINUS_DURATION
    return {
        "+": low.Operator.ADD,
        "-": low.Operator.SUBTRACT,
        "*": low.Operator.MULTIPLY,
        "/": low.Operator.DIVIDE,
    }[op]


def constant_value(expr: nodes.Expr) -> object:
    """The value of a constant written in a declaration (`entre` bounds): a number, a
    quantity, a date, or a negated number; None for anything else."""
    match expr:
        case nodes.Number() | nodes.Quantity():
            return literal_value(expr)
        case nodes.DateLiteral(value=value):
            return value
        case nodes.Negation(operand=operand):
            inner = constant_value(operand)
            return -inner if isinstance(inner, int | Decimal) else None
    return None
