"""Expressions back to text: canonical source for the formatter, or pretty for people.

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


def expression(expr: nodes.Expr, *, pretty: bool = False) -> str:
    """The source text of `expr`; with `pretty`, ≥ ≤ ≠ × as people write them."""
    return _Printer(pretty).show(expr)


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
                head = _QUANTIFIERS.get(quantifier, f"{quantifier} de ces conditions")
                return 0, f"{head} : " + " ; ".join(self.show(i.expr) for i in items)
        raise AssertionError(expr)
