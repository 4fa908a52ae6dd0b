"""Calculations on numbers: exact decimals, half-up rounding, and the documented limits.

A decimal keeps the scale its exact result needs (a sum the larger of its operands', a
product the sum of theirs), so SQL computes what Python's `Decimal` does. Each result is
known at compile time to lie in an interval (`Term.bounds`, from the facts' `entre`, the
constants and the operations): only where that interval reaches the limit of 10^15 is a
check written, which makes the row's status `erreur` (V003) as the evaluator stops there;
and a product that could overflow SQL's 38 digits first compares its floating-point
estimate with the limit, so that the exact product is only computed where it fits.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from sqlglot import exp

from ..lowered import nodes as low
from . import calendar
from .checks import clipped, limited, raising
from .combine import strict
from .shapes import MAX_SCALE, PRECISION, Form, Shape, cast
from .terms import LIMIT, Bounds, Term, is_, neg, when

if TYPE_CHECKING:
    from .expressions import Expressions

NUMERIC = {low.Operator.ADD, low.Operator.SUBTRACT, low.Operator.MULTIPLY, low.Operator.DIVIDE}
BIGINT_LIMIT = Decimal(2**63 - 1)
ESTIMATE = "1.000001e15"
"""Above this, a floating-point estimate of a product surely exceeds the limit."""


def binary(tr: Expressions, node: low.Arithmetic) -> Term:
    if node.operator not in NUMERIC:
        return calendar.binary(tr, node)
    left, right = tr.expr(node.left), tr.expr(node.right)
    if node.operator is low.Operator.DIVIDE:
        return _divide(tr, node, left, right)
    integers = left.shape.form is Form.INTEGER and right.shape.form is Form.INTEGER
    if node.operator is low.Operator.MULTIPLY:
        scale = left.shape.scale + right.shape.scale
        bounds = _product(left.bounds, right.bounds)
    else:
        scale = max(left.shape.scale, right.shape.scale)
        sign = 1 if node.operator is low.Operator.ADD else -1
        bounds = _sum(left.bounds, right.bounds, sign)
    if scale > MAX_SCALE:
        tr.scope.refuse(node, f"le résultat exact garde {scale} décimales, plus que {MAX_SCALE}")
    shape = Shape(Form.INTEGER) if integers else Shape(Form.DECIMAL, scale)
    room = BIGINT_LIMIT if integers else Decimal(10) ** (PRECISION - scale) - 1
    overflows = max(abs(bounds[0]), abs(bounds[1])) >= room
    if overflows and node.operator is low.Operator.MULTIPLY:
        return _estimated_product(tr, left, right, shape, bounds)
    a, b = _operand(left, shape), _operand(right, shape)
    kind = {
        low.Operator.ADD: exp.Add,
        low.Operator.SUBTRACT: exp.Sub,
        low.Operator.MULTIPLY: exp.Mul,
    }[node.operator]
    value: exp.Expr = exp.Paren(this=kind(this=a, expression=b))
    if not integers:
        value = cast(value, shape)
    term = strict(tr.layers, [left, right], value, shape, tr.masks, clipped(bounds))
    if _within(bounds):
        return term
    return limited(tr, term)


def _operand(term: Term, shape: Shape) -> exp.Expr:
    if shape.form is Form.DECIMAL and term.shape.form is Form.INTEGER:
        return cast(term.value, Shape(Form.DECIMAL, 0))
    return term.value


def _estimated_product(
    tr: Expressions, left: Term, right: Term, shape: Shape, bounds: Bounds
) -> Term:
    """A product that could overflow SQL's types. Integers: computed in 38 digits (two
    numbers below 10^15 make less than 10^30), checked, then an integer again. Decimals:
    computed exactly only where a floating-point estimate keeps it near the limit, an
    error (V003) elsewhere."""
    if shape.form is Form.INTEGER:
        wide = Shape(Form.DECIMAL, 0)
        product = exp.Mul(this=cast(left.value, wide), expression=cast(right.value, wide))
        term = strict(
            tr.layers, [left, right], cast(product, wide), wide, tr.masks, clipped(bounds)
        )
        checked = limited(tr, term)
        return attrs.evolve(checked, value=cast(checked.value, shape), shape=shape)
    left, right = tr.bound(left), tr.bound(right)
    double = exp.DataType.build("DOUBLE")
    estimate = exp.Abs(
        this=exp.Mul(
            this=exp.Cast(this=left.value, to=double),
            expression=exp.Cast(this=right.value, to=double),
        )
    )
    fits = exp.LT(this=estimate, expression=exp.Literal.number(ESTIMATE))
    product = exp.Mul(this=_operand(left, shape), expression=_operand(right, shape))
    value = when((fits, cast(product, shape)))
    term = strict(tr.layers, [left, right], value, shape, tr.masks, clipped(bounds))
    return limited(tr, term, neg(this=fits))


def _divide(tr: Expressions, node: low.Arithmetic, left: Term, right: Term) -> Term:
    """A division by a constant whose inverse is a finite decimal is an exact product (the
    quotient Python computes); by zero, an error (V001) wherever the dividend is known.
    Other divisions would need Python's 28 significant digits: not translated."""
    divisor = node.right
    if not isinstance(divisor, low.Constant) or isinstance(divisor.value, bool):
        tr.scope.refuse(node, "une division par une valeur qui n'est pas une constante")
    value = Decimal(divisor.value)  # type: ignore[arg-type]
    if value == 0:
        never = exp.Cast(this=exp.Null(), to=Shape(Form.DECIMAL, left.shape.scale).sql())
        term = strict(tr.layers, [left], never, Shape(Form.DECIMAL, left.shape.scale), tr.masks)
        return raising(tr, term, neg(this=is_(this=left.value, expression=exp.Null())), "V001")
    inverse = Decimal(1) / value
    if inverse * value != 1 or -inverse.as_tuple().exponent > MAX_SCALE:  # type: ignore[operator]
        tr.scope.refuse(
            node, f"une division par {value:f}, dont l'inverse n'est pas un décimal fini"
        )
    constant = low.Constant(inverse, type=node.type, text=f"{inverse:f}")
    product = low.Arithmetic(
        low.Operator.MULTIPLY, node.left, constant, node.source, type=node.type, text=node.text
    )
    return binary(tr, product)


def negate(tr: Expressions, node: low.Negate) -> Term:
    found = tr.expr(node.operand)
    if found.shape.form is Form.DURATION:
        return calendar.negate(tr, found)
    low_, high = found.bounds
    return Term(
        exp.Neg(this=exp.Paren(this=found.value)),
        found.shape,
        found.statuses,
        found.status_expr,
        found.detail_expr,
        found.level,
        (-high, -low_),
    )


def rounded(tr: Expressions, node: low.Round) -> Term:
    """Half-up (away from zero on a half, as `ROUND_HALF_UP`) to the cent or the euro."""
    found = tr.expr(node.operand)
    scale = 2 if node.rounding is low.Rounding.CENT else 0
    shape = Shape(Form.DECIMAL, scale)
    source = found.value
    if found.shape.form is Form.INTEGER:
        source = cast(source, Shape(Form.DECIMAL, 0))
    value = cast(exp.Round(this=source, decimals=exp.Literal.number(scale)), shape)
    low_, high = found.bounds
    bounds = (low_ - 1, high + 1)
    term = strict(tr.layers, [found], value, shape, tr.masks, clipped(bounds))
    return term if _within(bounds) else limited(tr, term)


def _sum(a: Bounds, b: Bounds, sign: int) -> Bounds:
    if sign > 0:
        return (a[0] + b[0], a[1] + b[1])
    return (a[0] - b[1], a[1] - b[0])


def _product(a: Bounds, b: Bounds) -> Bounds:
    corners = [x * y for x in a for y in b]
    return (min(corners), max(corners))


def _within(bounds: Bounds) -> bool:
    return bounds[0] > -LIMIT and bounds[1] < LIMIT
