"""The decimals each rule's value keeps, known before its SQL is written.

A rule's column has one type, `DECIMAL(38, scale)`, for every case, row and exception
that can give its value: the largest scale of them, computed as `arithmetic` does (a sum
keeps the larger scale of its operands, a product their sum, a rounding its quantum).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..domain.types import Type
from ..lowered import declarations as decl
from ..lowered import nodes as low
from . import layout
from .literals import scale_of


class Scales:
    """Scales of expressions and rules, with those of rules and parameters kept."""

    def __init__(
        self,
        fact_kind: Callable[[str], Type],
        parameter: Callable[[str], object],
        rule: Callable[[str], decl.RuleAt],
    ) -> None:
        self.fact_kind = fact_kind
        self.parameter_value = parameter
        self.rule_at = rule
        self._rules: dict[str, int] = {}

    def rule(self, name: str) -> int:
        found = self._rules.get(name)
        if found is None:
            found = self._rules[name] = self._rule(name)
        return found

    def _rule(self, name: str) -> int:
        found = self.rule_at(name)
        if isinstance(found, decl.Absent):
            return 0
        version = found.version
        values: list[low.Expr] = []
        for derogation in found.exceptions:
            values += [case.value for case in derogation.cases]
        values += _body_values(version.body)
        return max((self.expr(v) for v in values), default=0)

    def expr(self, node: low.Expr) -> int:
        match node:
            case low.Constant(value=value):
                return _scale(value)
            case low.FactRef(name=name):
                return layout.FACT_SCALES.get(self.fact_kind(name).kind, 0)
            case low.ParameterRef(name=name):
                return _scale(self.parameter_value(name))
            case low.RuleRef(name=name):
                return self.rule(name)
            case low.Arithmetic(operator=operator, left=left, right=right):
                if operator is low.Operator.MULTIPLY:
                    return self.expr(left) + self.expr(right)
                if operator is low.Operator.DIVIDE:
                    return self.expr(left) + _inverse_scale(right)
                return max(self.expr(left), self.expr(right))
            case low.Negate(operand=operand):
                return self.expr(operand)
            case low.Round(rounding=rounding):
                return 2 if rounding is low.Rounding.CENT else 0
            case low.Extremum(args=args) | low.ListOf(items=args):
                return max((self.expr(a) for a in args), default=0)
        return 0


def _body_values(body: low.Body) -> list[low.Expr]:
    match body:
        case low.Formula(value=value):
            return [value]
        case low.Cases(cases=cases, otherwise=otherwise):
            found = [case.value for case in cases]
            if otherwise.value is not None:
                found.append(otherwise.value.value)
            return found
        case low.Table(rows=rows):
            return [row.value for row in rows]
        case low.ListBuild(elements=elements):
            return [element.value for element in elements]
    return []


def _scale(value: object) -> int:
    if isinstance(value, Decimal):
        return scale_of(value)
    if isinstance(value, tuple):
        return max((_scale(v) for v in value), default=0)
    return 0


def _inverse_scale(divisor: low.Expr) -> int:
    """The decimals of the inverse of a constant divisor (`arithmetic._divide`)."""
    if isinstance(divisor, low.Constant) and isinstance(divisor.value, int | Decimal):
        value = Decimal(divisor.value)
        if value != 0:
            return scale_of(Decimal(1) / value)
    return 0
