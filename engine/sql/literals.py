"""Constants of the rules as typed SQL literals: `0.35` is `CAST('0.35' AS DECIMAL(38, 2))`,
a date `CAST('2026-04-01' AS DATE)`, a durée the struct of its units.

Only values the rule base writes (or computes from the date alone, such as a parameter's
revaluation) become literals; the situations' values are only ever read from the table.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlglot import exp

from ..domain.values import Duration
from .shapes import UNITS, Form, Shape, cast
from .terms import WITHIN, Bounds, Term


def scale_of(value: Decimal) -> int:
    """The decimals an exact decimal needs (trailing zeros dropped)."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def shape_of(value: object, hint: Shape | None = None) -> Shape:
    """The shape of a constant; `hint` (the shape of its list) for an empty list."""
    if isinstance(value, bool):
        return Shape(Form.BOOLEAN)
    if isinstance(value, int):
        return Shape(Form.INTEGER)
    if isinstance(value, Decimal):
        return Shape(Form.DECIMAL, scale_of(value))
    if isinstance(value, datetime.date):
        return Shape(Form.DATE)
    if isinstance(value, Duration):
        return Shape(Form.DURATION)
    if isinstance(value, tuple):
        element: Shape | None = hint.element if hint is not None else None
        for item in value:
            found = shape_of(item)
            element = found if element is None else element.widened(found)
        return Shape(Form.LIST, element=element)
    return Shape(Form.TEXT)


def literal(value: object, shape: Shape) -> exp.Expr:
    """`value` as a SQL literal of `shape`."""
    match shape.form:
        case Form.BOOLEAN:
            assert isinstance(value, bool)
            return exp.true() if value else exp.false()
        case Form.INTEGER:
            assert isinstance(value, int)
            return cast(exp.Literal.number(value), shape)
        case Form.DECIMAL:
            assert isinstance(value, int | Decimal)
            return cast(exp.Literal.string(f"{Decimal(value):f}"), shape)
        case Form.DATE:
            assert isinstance(value, datetime.date)
            return cast(exp.Literal.string(value.isoformat()), shape)
        case Form.DURATION:
            assert isinstance(value, Duration)
            return duration(*(exp.Literal.number(getattr(value, unit)) for unit in UNITS))
        case Form.LIST:
            assert isinstance(value, tuple)
            element = shape.element or Shape(Form.TEXT)
            if not value:
                return cast(exp.Array(expressions=[]), shape)
            return exp.Array(expressions=[literal(item, element) for item in value])
    return exp.Literal.string(str(value))


def duration(*units: exp.Expr) -> exp.Expr:
    """The struct of a durée from its four units (years, months, days, hours)."""
    return exp.Struct(
        expressions=[
            exp.PropertyEQ(this=exp.to_identifier(name), expression=cast_bigint(unit))
            for name, unit in zip(UNITS, units, strict=True)
        ]
    )


def cast_bigint(expression: exp.Expr) -> exp.Expr:
    return cast(expression, Shape(Form.INTEGER))


def bounds_of(value: object) -> Bounds:
    """The interval of a known value: itself for a number or a date (its ordinal), the
    days it spans either way for a durée."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return (Decimal(value), Decimal(value))
    if isinstance(value, datetime.date):
        return (Decimal(value.toordinal()), Decimal(value.toordinal()))
    if isinstance(value, Duration):
        days = span(value)
        return (-days, days)
    return WITHIN


def span(duration_: Duration) -> Decimal:
    """The most calendar days a duration spans."""
    days = 366 * abs(duration_.years) + 31 * abs(duration_.months) + abs(duration_.days)
    return Decimal(days + -(-abs(duration_.hours) // 24))


def known(value: object, shape: Shape) -> Term:
    """The term of a value known at compile time."""
    return Term(literal(value, shape), shape, bounds=bounds_of(value), known=(value,))
