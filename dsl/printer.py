"""Expressions (and the small pieces of declarations: types, periods, citations, barème
keys) back to text: canonical source for the formatter, or pretty for people.

Parentheses are added only where precedence needs them, so `(a + b) * c` survives and
`a + (b * c)` prints as `a + b * c`; both parse back to the same tree.
"""

from __future__ import annotations

from decimal import Decimal

from . import nodes

_PRECEDENCE = {"ou": 1, "et": 2, "non": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
_PRETTY = {">=": "≥", "<=": "≤", "!=": "≠", "*": "×"}
_PLURAL = {"jour": "jours", "an": "ans", "heure": "heures"}
_QUANTIFIERS = {"toutes": "toutes ces conditions", "une": "une de ces conditions"}
SUM = _PRECEDENCE["+"]


def pretty_operator(op: str) -> str:
    return _PRETTY.get(op, op)


def number(value: Decimal) -> str:
    return f"{value:f}"


def quantity(value: Decimal, unit: str) -> str:
    if unit in _PLURAL and value != 1:
        unit = _PLURAL[unit]
    return f"{number(value)} {unit}"


def text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expression(expr: nodes.Expr, *, pretty: bool = False, context: int = 0) -> str:
    """The source text of `expr`; with `pretty`, ≥ ≤ ≠ × as people write them.

    `context` is the precedence the place allows (`SUM` where the grammar only takes a sum:
    bounds, barème keys): a looser expression there gets parentheses.
    """
    return _Printer(pretty).show(expr, context)


def group_head(quantifier: str) -> str:
    """`toutes ces conditions`, `une de ces conditions`, `aucune de ces conditions`."""
    return _QUANTIFIERS.get(quantifier, f"{quantifier} de ces conditions")


def citation(source: nodes.Citation) -> str:
    return f"selon {text(source.text)}"


def period(days: nodes.Period) -> str:
    if days.start is not None and days.end is not None:
        return f"du {days.start.isoformat()} au {days.end.isoformat()}"
    if days.start is not None:
        return f"depuis {days.start.isoformat()}"
    if days.end is not None:
        return f"jusqu'au {days.end.isoformat()}"
    raise ValueError("une période a au moins une borne")


YEARLY = "chaque année"


def type_expr(type_: nodes.TypeExpr) -> str:
    match type_:
        case nodes.TypeName(name=name):
            return name
        case nodes.EnumType(values=values):
            return f"énumération ({', '.join(values)})"
        case nodes.ListType(element=element):
            return f"liste de {type_expr(element)}"
    raise AssertionError(type_)


def row_key(key: nodes.RowKey, *, pretty: bool = False) -> str:
    """A barème key as written: `3`, `de 2 à 4`, `5 ou plus`, `moins de 2`, `autre`."""

    def show(expr: nodes.Expr) -> str:
        return expression(expr, pretty=pretty, context=SUM)

    match key:
        case nodes.KeyEqual(value=value):
            return show(value)
        case nodes.KeyRange(low=low, high=high):
            return f"de {show(low)} à {show(high)}"
        case nodes.KeyAtLeast(low=low):
            return f"{show(low)} ou plus"
        case nodes.KeyBelow(high=high):
            return f"moins de {show(high)}"
    return "autre"


class _Printer:
    def __init__(self, pretty: bool) -> None:
        self.pretty = pretty

    def op(self, op: str) -> str:
        return _PRETTY.get(op, op) if self.pretty else op

    def show(self, expr: nodes.Expr, context: int = 0) -> str:
        level, shown = self._show(expr)
        return f"({shown})" if level < context else shown

    def _show(self, expr: nodes.Expr) -> tuple[int, str]:
        match expr:
            case nodes.Number(value=value):
                return 9, number(value)
            case nodes.Quantity(value=value, unit=unit):
                return 9, quantity(value, unit)
            case nodes.DateLiteral(value=value):
                return 9, value.isoformat()
            case nodes.Text(value=value):
                return 9, text(value)
            case nodes.Boolean(value=value):
                return 9, "vrai" if value else "faux"
            case nodes.Name(name=name) | nodes.Ref(name=name):
                return 9, name
            case nodes.Previous():
                return 9, "précédent"
            case nodes.Call(function=function, args=args):
                return 9, f"{function}({', '.join(self.show(a) for a in args)})"
            case nodes.ListLiteral(items=items):
                return 9, f"[{', '.join(self.show(i) for i in items)}]"
            case nodes.Negation(operand=operand):
                return 7, "-" + self.show(operand, 7)
            case nodes.Arithmetic(op=op, left=left, right=right):
                level = _PRECEDENCE[op]
                return (
                    level,
                    f"{self.show(left, level)} {self.op(op)} {self.show(right, level + 1)}",
                )
            case nodes.Comparison(op=op, left=left, right=right):
                return 4, f"{self.show(left, 5)} {self.op(op)} {self.show(right, 5)}"
            case nodes.Membership(item=item, collection=collection):
                return 4, f"{self.show(item, 5)} dans {self.show(collection, 5)}"
            case nodes.Not(operand=operand):
                return 3, "non " + self.show(operand, 3)
            case nodes.Logical(op=op, left=left, right=right):
                level = _PRECEDENCE[op]
                return level, f"{self.show(left, level)} {op} {self.show(right, level + 1)}"
            case nodes.Group(quantifier=quantifier, items=items):
                return 0, f"{group_head(quantifier)} : " + " ; ".join(
                    self.show(i.expr) for i in items
                )
        raise AssertionError(expr)
