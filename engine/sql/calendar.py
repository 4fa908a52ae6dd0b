"""Dates and durations in SQL, as `domain/values.py` computes them.

A durée is a struct of its four units, kept apart (1 an is not 12 mois, 48 heures not
2 jours: equality compares the units). `date + durée` moves by whole months first, a day
past the end of the target month becoming its last (31 janvier + 1 mois = 29 février), then
by days, the hours counting as whole days (floor); comparing two durations lays both back
from the evaluation date and compares hours. The evaluation date is a constant of the
query: a duration written in the rules is laid back at compile time.

`Term.bounds` of a date is the interval of its ordinal; of a durée, the most calendar days
it can span. Facts are within the documented ranges, so a date plus a fact's duration stays
in the calendar: only where the bounds do not show it is the V002 check written (and V003
on the units of `durée × entier`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlglot import exp

from ...dsl.limits import FIRST_DATE, LAST_DATE, MAX_DURATION_DAYS
from ..domain import values
from ..lowered import nodes as low
from .checks import raising
from .combine import strict
from .literals import duration
from .shapes import UNITS, Form, Shape, cast
from .terms import LIMIT, Bounds, Term, conj, disj, is_, neg

if TYPE_CHECKING:
    from .expressions import Expressions

DATE = Shape(Form.DATE)
DURATION = Shape(Form.DURATION)
INTEGER = Shape(Form.INTEGER)
WIDE = Shape(Form.DECIMAL, 0)

DATES: Bounds = (Decimal(FIRST_DATE.toordinal()), Decimal(LAST_DATE.toordinal()))
"""Where a date fact lies."""
DURATIONS: Bounds = (Decimal(-400_000), Decimal(400_000))
"""The most days a duration fact spans (1 000 years, or 12 000 months of 31 days)."""
CALENDAR = (Decimal(datetime.date.min.toordinal()), Decimal(datetime.date.max.toordinal()))
MONTHS_KEPT = 12 * 10_000
"""Beyond this many months, a date moved by them leaves the calendar whatever it is."""


def unit(term: Term, name: str) -> exp.Expr:
    return exp.Dot(this=term.value, expression=exp.to_identifier(name))


def binary(tr: Expressions, node: low.Arithmetic) -> Term:
    left, right = tr.expr(node.left), tr.expr(node.right)
    match node.operator:
        case low.Operator.DATE_PLUS_DURATION:
            return shift(tr, left, right, 1)
        case low.Operator.DURATION_PLUS_DATE:
            return shift(tr, right, left, 1)
        case low.Operator.DATE_MINUS_DURATION:
            return shift(tr, left, right, -1)
        case low.Operator.DATE_MINUS_DATE:
            days = exp.DateDiff(this=left.value, expression=right.value, unit=exp.var("DAY"))
            zero = exp.Literal.number(0)
            value = tr.null_unless_decided([left, right], duration(zero, zero, days, zero))
            magnitude = max(
                abs(left.bounds[1] - right.bounds[0]), abs(left.bounds[0] - right.bounds[1])
            )
            return strict(
                tr.layers, [left, right], value, DURATION, tr.masks, (-magnitude, magnitude)
            )
        case low.Operator.DURATION_PLUS_DURATION | low.Operator.DURATION_MINUS_DURATION:
            sign = 1 if node.operator is low.Operator.DURATION_PLUS_DURATION else -1
            return _units(tr, left, right, sign)
        case low.Operator.DURATION_TIMES_INTEGER:
            if left.shape.form is Form.DURATION:
                return _times(tr, left, right)
            return _times(tr, right, left)
    tr.scope.refuse(node, "opération de calendrier inconnue")


def shift(tr: Expressions, day: Term, moved: Term, sign: int) -> Term:
    """`day` plus (sign 1) or minus (-1) the duration `moved`."""
    moved = tr.bound(moved)
    months: exp.Expr = exp.Add(
        this=exp.Mul(this=unit(moved, "years"), expression=exp.Literal.number(12)),
        expression=unit(moved, "months"),
    )
    days: exp.Expr = exp.Add(
        this=unit(moved, "days"),
        expression=cast(
            exp.Floor(this=exp.Div(this=unit(moved, "hours"), expression=exp.Literal.number(24))),
            INTEGER,
        ),
    )
    if sign < 0:
        months, days = exp.Neg(this=exp.Paren(this=months)), exp.Neg(this=exp.Paren(this=days))
    value: exp.Expr = cast(exp.AddMonths(this=day.value, expression=months), DATE)
    value = cast(exp.DateAdd(this=value, expression=days, unit=exp.var("DAY")), DATE)
    reach = moved.bounds[1]
    bounds = (day.bounds[0] - reach, day.bounds[1] + reach)
    if CALENDAR[0] <= bounds[0] and bounds[1] <= CALENDAR[1]:
        return strict(tr.layers, [day, moved], value, DATE, tr.masks, bounds)
    return _calendar_checked(tr, day, moved, months, days, value, bounds)


def _calendar_checked(
    tr: Expressions,
    day: Term,
    moved: Term,
    months: exp.Expr,
    days: exp.Expr,
    value: exp.Expr,
    bounds: Bounds,
) -> Term:
    """A shift that may leave the calendar (years 1 to 9999): V002 there, computed only
    where the months and days are small enough for SQL's dates."""
    day = tr.bound(day)
    small = conj(
        this=exp.LTE(this=exp.Abs(this=months), expression=exp.Literal.number(MONTHS_KEPT)),
        expression=exp.LTE(
            this=exp.Abs(this=days), expression=exp.Literal.number(int(CALENDAR[1]))
        ),
    )
    computed = exp.Case().when(small, value)
    term = tr.bound(strict(tr.layers, [day, moved], computed, DATE, tr.masks, bounds))
    first, last = datetime.date.min.isoformat(), datetime.date.max.isoformat()
    inside = exp.Between(
        this=term.value,
        low=cast(exp.Literal.string(first), DATE),
        high=cast(exp.Literal.string(last), DATE),
    )
    decided = conj(
        this=neg(this=is_(this=day.value, expression=exp.Null())),
        expression=neg(this=is_(this=moved.value, expression=exp.Null())),
    )
    bad = conj(
        this=decided,
        expression=disj(this=neg(this=small), expression=neg(this=inside)),
    )
    return raising(tr, term, bad, "V002")


def hours(tr: Expressions, term: Term, node: low.Compare) -> exp.Expr:
    """The hours `term` covers laid back from the evaluation date (a constant's, computed
    here)."""
    day = tr.scope.day
    if term.known is not None:
        (value,) = term.known
        assert isinstance(value, values.Duration)
        return exp.Literal.number(values.length_in_hours(value, day))
    if term.bounds[1] > Decimal(day.toordinal() - 1):
        tr.scope.refuse(node, "une durée calculée qui pourrait remonter avant l'an 1")
    bound = tr.bound(term)
    months = exp.Add(
        this=exp.Mul(this=unit(bound, "years"), expression=exp.Literal.number(12)),
        expression=unit(bound, "months"),
    )
    anchor = cast(exp.Literal.string(day.isoformat()), DATE)
    start = cast(exp.AddMonths(this=anchor, expression=exp.Neg(this=exp.Paren(this=months))), DATE)
    back = exp.DateDiff(this=anchor, expression=start, unit=exp.var("DAY"))
    total = exp.Add(this=exp.Paren(this=back), expression=unit(bound, "days"))
    return exp.Add(
        this=exp.Mul(this=exp.Paren(this=total), expression=exp.Literal.number(24)),
        expression=unit(bound, "hours"),
    )


def _units(tr: Expressions, left: Term, right: Term, sign: int) -> Term:
    left, right = tr.bound(left), tr.bound(right)
    kind = exp.Add if sign > 0 else exp.Sub
    units = (kind(this=unit(left, u), expression=unit(right, u)) for u in UNITS)
    value = tr.null_unless_decided([left, right], duration(*units))
    reach = left.bounds[1] + right.bounds[1]
    return strict(tr.layers, [left, right], value, DURATION, tr.masks, (-reach, reach))


def _times(tr: Expressions, moved: Term, factor: Term) -> Term:
    """Each unit times an integer; a unit reaching the limit is an error (V003)."""
    moved, factor = tr.bound(moved), tr.bound(factor)
    biggest = max(abs(factor.bounds[0]), abs(factor.bounds[1]))
    reach = moved.bounds[1] * biggest
    if reach < LIMIT:
        units = [exp.Mul(this=unit(moved, u), expression=factor.value) for u in UNITS]
        return strict(
            tr.layers,
            [moved, factor],
            tr.null_unless_decided([moved, factor], duration(*units)),
            DURATION,
            tr.masks,
            (-reach, reach),
        )
    wide = [
        exp.Mul(this=cast(unit(moved, u), WIDE), expression=cast(factor.value, WIDE)) for u in UNITS
    ]
    limit = cast(exp.Literal.number(int(LIMIT)), WIDE)
    bad = disj(
        this=exp.GTE(this=exp.Abs(this=wide[0]), expression=limit),
        expression=exp.GTE(this=exp.Abs(this=wide[1]), expression=limit),
    )
    for product in wide[2:]:
        bad = disj(this=bad, expression=exp.GTE(this=exp.Abs(this=product), expression=limit))
    computed = exp.Case().when(neg(this=bad), duration(*wide))
    term = strict(
        tr.layers, [moved, factor], computed, DURATION, tr.masks, (-LIMIT * 400, LIMIT * 400)
    )
    return raising(tr, term, bad, "V003")


def negate(tr: Expressions, found: Term) -> Term:
    bound = tr.bound(found)
    value = tr.null_unless_decided(
        [bound], duration(*(exp.Neg(this=unit(bound, u)) for u in UNITS))
    )
    return strict(tr.layers, [bound], value, DURATION, tr.masks, bound.bounds)


__all__ = ["DATES", "DURATIONS", "MAX_DURATION_DAYS", "binary", "hours", "shift"]
