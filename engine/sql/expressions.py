"""Lowered expressions -> `Term`s: the meaning of each node of `engine/lowered/nodes.py` in
SQL, as the reference interpreter (`lowered/interpreter.py`) gives it.

Names are read through the `Scope` (facts are columns, parameters constants of the date,
rules the columns of their own layer); conditions keep Kleene's logic read left to right
(`combine.settled`); calculations propagate nulls (`combine.strict`). Dates, durations and
the checks of the documented limits are in `calendar` and `arithmetic`.
"""

from __future__ import annotations

import datetime
from typing import NoReturn, Protocol

from sqlglot import exp

from ..lowered import nodes as low
from . import arithmetic, calendar, folding
from .combine import settled, strict
from .layers import Layers
from .literals import known, shape_of
from .shapes import Form, Shape, cast, of_type
from .terms import (
    VALUE_ONLY,
    Term,
    all_of,
    any_of,
    conj,
    disj,
    is_,
    is_false,
    is_null,
    neg,
    not_null,
    when,
)


class Scope(Protocol):
    """What the translation of one declaration reads from the query being built."""

    layers: Layers
    masks: bool
    day: datetime.date

    def fact(self, ref: low.FactRef) -> Term: ...

    def parameter(self, name: str) -> Term: ...

    def rule(self, name: str) -> Term: ...

    def raised(self, text: str) -> int:
        """The index of a raise (`V001`, a conflict's two sources) in the query."""
        ...

    def refuse(self, node: low.Expr, why: str) -> NoReturn:
        """Stop the compilation: `node` cannot be translated (P001)."""
        ...


COMPARATORS: dict[low.Comparator, type[exp.Binary]] = {
    low.Comparator.EQ: exp.EQ,
    low.Comparator.NE: exp.NEQ,
    low.Comparator.LT: exp.LT,
    low.Comparator.LE: exp.LTE,
    low.Comparator.GT: exp.GT,
    low.Comparator.GE: exp.GTE,
}


class Expressions:
    """Translates the expressions of one declaration."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.layers = scope.layers
        self.masks = scope.masks

    def expr(self, node: low.Expr) -> Term:
        match node:
            case low.Constant(value=value):
                shape = shape_of(value, of_type(node.type))
                return known(value, shape)
            case low.FactRef():
                return self.scope.fact(node)
            case low.ParameterRef(name=name):
                return self.scope.parameter(name)
            case low.RuleRef(name=name):
                return self.scope.rule(name)
            case low.Arithmetic():
                return arithmetic.binary(self, node)
            case low.Negate():
                return arithmetic.negate(self, node)
            case low.Round():
                return arithmetic.rounded(self, node)
            case low.Compare():
                return self._compare(node)
            case low.Member(item=item, collection=collection):
                return self._member(self.expr(item), self.expr(collection))
            case low.Not(operand=operand):
                found = self.expr(operand)
                folded = folding.negation(found)
                if folded is not None:
                    return folded
                return _same_status(found, neg(this=exp.Paren(this=found.value)))
            case low.Logical():
                return self._logical(node)
            case low.Group():
                return self._group(node)
            case low.Line(condition=condition):
                return self.expr(condition)
            case low.Implication():
                return self._implication(node)
            case low.Extremum():
                return self._extremum(node)
            case low.Count(operand=operand):
                found = self.expr(operand)
                counted = exp.ArraySize(this=found.value)
                shape = Shape(Form.INTEGER)
                return strict(self.layers, [found], counted, shape, self.masks)
            case low.ListOf():
                return self._list(node)
        self.scope.refuse(node, "cette construction n'a pas de traduction en SQL")

    # ------------------------------------------------------------ helpers

    def bound(self, term: Term) -> Term:
        """`term` with a value free to read twice."""
        return self.layers.bind_value(term)

    def null_unless_decided(self, operands: list[Term], value: exp.Expr) -> exp.Expr:
        """`value`, null when one operand is undecided (for SQL functions that skip
        nulls)."""
        open_ = [is_null(o.value) for o in operands if o.special]
        return when((any_of(open_), exp.Null()), otherwise=value) if open_ else value

    # ------------------------------------------------------------ comparisons

    def _compare(self, node: low.Compare) -> Term:
        left, right = self.expr(node.left), self.expr(node.right)
        operator = COMPARATORS[node.comparator]
        if node.ordering is low.Ordering.DURATIONS:
            a = calendar.hours(self, left, node)
            b = calendar.hours(self, right, node)
        else:
            a, b = _comparable(left, right)
        value = operator(this=a, expression=b)
        return strict(self.layers, [left, right], value, Shape(Form.BOOLEAN), self.masks)

    def _member(self, item: Term, collection: Term) -> Term:
        element = collection.shape.element or item.shape
        wanted = element.widened(item.shape)
        items = collection.value
        if wanted != element:
            items = cast(items, Shape(Form.LIST, element=wanted))
        if item.special:
            item = self.bound(item)
        contains = exp.ArrayContains(this=items, expression=_as(item.value, item.shape, wanted))
        value = self.null_unless_decided([item], contains)
        return strict(self.layers, [item, collection], value, Shape(Form.BOOLEAN), self.masks)

    # ------------------------------------------------------------ conditions

    def _logical(self, node: low.Logical) -> Term:
        """Kleene `et`/`ou` read left to right: SQL's AND and OR are Kleene's; the right
        operand is read (and may raise) only when the left one does not decide."""
        left, right = self.expr(node.left), self.expr(node.right)
        folded = folding.logical(node.connective, left, right)
        if folded is not None:
            return folded
        if node.connective is low.Connective.AND:
            value: exp.Expr = conj(this=left.value, expression=right.value)
            read_right = neg(this=is_false(left.value))
        else:
            value = disj(this=left.value, expression=right.value)
            read_right = neg(this=is_(this=left.value, expression=exp.true()))
        value = exp.Paren(this=value)
        level = max(left.level, right.level)
        read = [(None, left), (read_right, right)]
        return settled(
            self.layers, value, Shape(Form.BOOLEAN), self.masks, [left, right], read, level
        )

    def _group(self, node: low.Group) -> Term:
        folded, items = folding.group(node.quantifier, [self.expr(item) for item in node.items])
        if folded is not None:
            return folded
        if node.quantifier is low.Quantifier.ALL:
            value: exp.Expr = exp.Paren(this=all_of([i.value for i in items]))
        else:
            value = exp.Paren(this=any_of([i.value for i in items]))
            if node.quantifier is low.Quantifier.NONE:
                value = neg(this=value)
        level = max(i.level for i in items)
        read: list[tuple[exp.Expr | None, Term]] = [(None, i) for i in items]
        return settled(self.layers, value, Shape(Form.BOOLEAN), self.masks, items, read, level)

    def _implication(self, node: low.Implication) -> Term:
        """`A si B`: true when B is false, else A; undecided B and A not true merge."""
        guard, condition = self.expr(node.guard), self.expr(node.condition)
        value = exp.Paren(
            this=disj(this=neg(this=exp.Paren(this=guard.value)), expression=condition.value)
        )
        level = max(guard.level, condition.level)
        read = [(None, guard), (neg(this=is_false(guard.value)), condition)]
        merged = [guard, condition]
        return settled(self.layers, value, Shape(Form.BOOLEAN), self.masks, merged, read, level)

    # ------------------------------------------------------------ calls and lists

    def _extremum(self, node: low.Extremum) -> Term:
        args = [self.expr(arg) for arg in node.args]
        shape = args[0].shape
        for arg in args[1:]:
            shape = shape.widened(arg.shape)
        args = [self.bound(a) if a.special else a for a in args]
        values = [_as(a.value, a.shape, shape) for a in args]
        function = exp.Least if node.extreme is low.Extreme.MINIMUM else exp.Greatest
        value = self.null_unless_decided(
            args, function(this=values[0], expressions=values[1:], ignore_nulls=True)
        )
        pick = min if node.extreme is low.Extreme.MINIMUM else max
        bounds = (pick(a.bounds[0] for a in args), pick(a.bounds[1] for a in args))
        return strict(self.layers, args, value, shape, self.masks, bounds)

    def _list(self, node: low.ListOf) -> Term:
        items = [self.expr(item) for item in node.items]
        hint = of_type(node.type)
        element = hint.element
        for item in items:
            element = item.shape if element is None else element.widened(item.shape)
        shape = Shape(Form.LIST, element=element)
        if not items:
            return Term(cast(exp.Array(expressions=[]), shape), shape)
        assert element is not None
        items = [self.bound(i) if i.special else i for i in items]
        value = exp.Array(expressions=[_as(i.value, i.shape, element) for i in items])
        return strict(self.layers, items, self.null_unless_decided(items, value), shape, self.masks)


def _same_status(term: Term, value: exp.Expr) -> Term:
    """An operation that keeps its operand's status (negation)."""
    return Term(value, term.shape, term.statuses, term.status_expr, term.detail_expr, term.level)


def _as(value: exp.Expr, shape: Shape, wanted: Shape) -> exp.Expr:
    return value if shape == wanted else cast(value, wanted)


def _comparable(left: Term, right: Term) -> tuple[exp.Expr, exp.Expr]:
    """The two values, a number of one kind cast to the other's: an integer compared with
    a decimal, and two decimals of different scales (Spark compares `DECIMAL(38, 2)` with
    `DECIMAL(38, 0)` in the second, rounding 10338.73 to 10339)."""
    forms = {left.shape.form, right.shape.form}
    if forms == {Form.INTEGER, Form.DECIMAL} or (
        forms == {Form.DECIMAL} and left.shape.scale != right.shape.scale
    ):
        shape = left.shape.widened(right.shape)
        return _as(left.value, left.shape, shape), _as(right.value, right.shape, shape)
    return left.value, right.value


__all__ = ["VALUE_ONLY", "Expressions", "Scope", "not_null"]
