"""Lowered expressions -> z3 terms, node by node.

Each node of `engine/lowered/nodes.py` is translated from what it says: an `Arithmetic`
by its `Operator`, a `Compare` by its `Comparator` and `Ordering`, a `Round` by its
`Rounding`, the connectives as Kleene's, a `Group` by its `Quantifier`, an `Implication`
as a guarded line. The node's type chooses only the z3 sort of the result (`terms.sort_of`).

A value computed from constants also carries the runtime's value (`Sym.known`), computed by
the reference operations (`engine/lowered/operations.py`, with the limits of
`domain/guards.py`): a parameter is that constant (`symbolic.Encoder.parameter`), so its
figure is the runtime's to the last digit (a quotient to 28 digits); and two constants
compare as the runtime compares them (`terms.equal`). The term itself is written in z3 as
for any other value, so the search sees the same formula whether an operand is a constant
or a fact.

Every decision (a comparison, a membership, a line of a condition list, an extremum's
choice) is an *atom* the search uses to split situations into regions (`Scope.atom`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

import attrs
import z3

from ..dsl.errors import EvaluationError
from ..engine.domain.guards import guarded
from ..engine.domain.types import Type
from ..engine.domain.values import Duration
from ..engine.lowered import nodes as low
from ..engine.lowered import operations
from . import operators
from .terms import (
    FALSE,
    UNSET,
    Dur,
    Sort,
    Sym,
    Unsupported,
    any_,
    as_sort,
    boolean,
    concat,
    sequence,
    sort_of,
)


class Scope(Protocol):
    """What an expression reads, from the declaration it is written in."""

    @property
    def day(self) -> datetime.date: ...

    def fact(self, name: str) -> Sym: ...

    def parameter(self, name: str) -> Sym: ...

    def rule(self, name: str) -> Sym: ...

    def previous(self) -> Sym: ...

    def atom(self, sym: Sym) -> Sym: ...

    def value_id(self, value: str) -> int: ...


class Expressions:
    """Translates the expressions of one declaration."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def expr(self, node: low.Expr) -> Sym:
        match node:
            case low.Constant(value=value):
                return self.constant(value, node.type)
            case low.FactRef(name=name):
                return self.scope.fact(name)
            case low.ParameterRef(name=name):
                return as_sort(self.scope.parameter(name), sort_of(node.type)[0])
            case low.RuleRef(name=name):
                return as_sort(self.scope.rule(name), sort_of(node.type)[0])
            case low.Previous():
                return self.scope.previous()
            case low.Line(condition=condition):
                return self.expr(condition)
        return self._operation(node)

    def condition(self, node: low.Expr) -> Sym:
        """A condition, remembered as a decision of the search."""
        return self.scope.atom(self.expr(node))

    def _operation(self, node: low.Expr) -> Sym:
        match node:
            case low.Arithmetic():
                return self._arithmetic(node)
            case low.Compare():
                return self._compare(node)
            case low.Negate(operand=operand):
                inner = self.expr(operand)
                return self._known(operators.negated(inner), lambda v: -v, inner)
            case low.Round(rounding=rounding, operand=operand):
                inner = self.expr(operand)
                found = operators.rounded(rounding, inner)
                return self._known(found, lambda v: operations.rounded(rounding, v), inner)
            case low.Extremum():
                return self._extremum(node)
            case low.Count(operand=operand):
                inner = self.expr(operand)
                return self._known(Sym(Sort.INT, inner.na, z3.Length(inner.value)), len, inner)
            case low.ListOf():
                return self._list(node)
            case low.Member():
                return self._member(node)
        return self._logic(node)

    def _logic(self, node: low.Expr) -> Sym:
        match node:
            case low.Not(operand=operand):
                return operators.negation(self.expr(operand))
            case low.Logical(connective=connective, left=left, right=right):
                parts = [self.expr(left), self.expr(right)]
                if connective is low.Connective.AND:
                    return operators.conjunction(parts)
                return operators.disjunction(parts)
            case low.Group(quantifier=quantifier, items=items):
                lines = [self.condition(item) for item in items]
                if quantifier is low.Quantifier.ALL:
                    return operators.conjunction(lines)
                found = operators.disjunction(lines)
                return found if quantifier is low.Quantifier.ANY else operators.negation(found)
            case low.Implication(condition=condition, guard=guard):
                inner = self.expr(condition)
                return operators.implication(inner, self.condition(guard))
        raise Unsupported(f"expression {type(node).__name__}")

    # ------------------------------------------------------------ operations

    def _arithmetic(self, node: low.Arithmetic) -> Sym:
        a, b = self.expr(node.left), self.expr(node.right)
        found = operators.arithmetic(node.operator, a, b, sort_of(node.type)[0])
        return self._known(found, guarded(operations.arithmetic(node), node.source, ""), a, b)

    def _compare(self, node: low.Compare) -> Sym:
        a, b = self.expr(node.left), self.expr(node.right)
        return self.scope.atom(operators.compare(node, a, b, self.scope.day))

    def _member(self, node: low.Member) -> Sym:
        item, collection = self.expr(node.item), self.expr(node.collection)
        unit = z3.Unit(as_sort(item, collection.element or Sort.INT).value)
        na = any_(item.na, collection.na)
        return self.scope.atom(boolean(na, z3.Contains(collection.value, unit)))

    def _extremum(self, node: low.Extremum) -> Sym:
        args = [self.expr(a) for a in node.args]
        extreme = node.extreme
        sort, _ = sort_of(node.type)
        if sort not in {Sort.INT, Sort.REAL, Sort.DATE}:
            raise Unsupported(f"{extreme.value} de durées ou de valeurs non numériques")
        na = any_(*(a.na for a in args))
        best = args[0].value
        for arg in args[1:]:
            better = arg.value < best if extreme is low.Extreme.MINIMUM else arg.value > best
            self.scope.atom(boolean(na, better))
            best = z3.If(better, arg.value, best)
        found = Sym(sort, na, best)
        return self._known(found, lambda *v: operations.extremum(extreme, list(v)), *args)

    def _list(self, node: low.ListOf) -> Sym:
        items = [self.expr(i) for i in node.items]
        if not items:
            raise Unsupported("liste vide ou d'éléments de sortes différentes")
        _, element = sort_of(node.type)
        parts = [z3.Unit(as_sort(i, element or Sort.INT).value) for i in items]
        value = concat(parts, sequence(element))
        found = Sym(Sort.LIST, any_(*(i.na for i in items)), value, element)
        return self._known(found, lambda *v: tuple(v), *items)

    # ------------------------------------------------------------ constants

    @staticmethod
    def _known(found: Sym, compute: Callable[..., object], *args: Sym) -> Sym:
        """`found` with its runtime value when every operand is a constant: what the
        reference operation computes (nothing when it stops, as at a zero divisor)."""
        if any(a.known is UNSET for a in args):
            return found
        try:
            value = compute(*(a.known for a in args))
        except (EvaluationError, ArithmeticError):
            return found
        return attrs.evolve(found, known=value)

    def constant(self, value: object, type_: Type) -> Sym:
        sort, element = sort_of(type_)
        return Sym(sort, FALSE, self._term(value, sort, element), element, value)

    def _term(self, value: Any, sort: Sort, element: Sort | None) -> Any:
        match sort:
            case Sort.BOOL:
                return z3.BoolVal(bool(value))
            case Sort.INT:
                return z3.IntVal(int(value))
            case Sort.REAL if isinstance(value, int):  # an entier read as a real (`as_sort`)
                return z3.ToReal(z3.IntVal(value))
            case Sort.REAL:
                numerator, denominator = Decimal(value).as_integer_ratio()
                return z3.RealVal(f"{numerator}/{denominator}")
            case Sort.DATE:
                assert isinstance(value, datetime.date)
                return z3.IntVal(value.toordinal())
            case Sort.DURATION:
                assert isinstance(value, Duration)
                months = value.years * 12 + value.months
                return Dur(months, z3.IntVal(value.days), z3.IntVal(value.hours))
            case Sort.TEXT:
                return z3.StringVal(str(value))
            case Sort.ENUM:
                return z3.IntVal(self.scope.value_id(str(value)))
        assert element is not None
        units = [z3.Unit(self._term(item, element, None)) for item in value]
        return concat(units, sequence(element))
