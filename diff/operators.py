"""What each explicit operator of the lowered program computes, written in z3.

The z3 counterpart of `engine/lowered/operations.py`, operator by operator: the lowered node
says which operation it is (`Operator`, `Comparator` with its `Ordering`, `Rounding`,
`Extreme`, the kind of a row key), these functions only write it on symbolic values.
Constants go through them too: the term is the same whether an operand is a constant or a
fact (the runtime's value of a constant rides along, `Sym.known`, see `expressions`).

Where z3 differs from the runtime, on purpose:
- a quotient in a rule is an exact rational, where the runtime keeps 28 significant digits
  (Python's default decimal context): `10 / 3` times 3 is 10 here, 9.999…9 there (a
  parameter's is the runtime's own figure, `symbolic.settled`). Witnesses are re-evaluated
  by the runtime, so this can only cost an unconfirmed model;
- a division by zero is an unspecified value, where the runtime stops (V001);
- a date moved by months needs a constant date (calendar months are not linear), else
  `Unsupported`; a date or duration leaving the calendar is `Unsupported` too (V002).
"""

from __future__ import annotations

import datetime
from typing import Any

import z3

from ..engine.domain.values import CalendarError, Duration, shift
from ..engine.lowered import nodes as low
from ..engine.lowered.operations import COMPARE
from .terms import TRUE, Dur, Sort, Sym, Unsupported, all_, any_, boolean, not_

Op = low.Operator


def arithmetic(operator: low.Operator, a: Sym, b: Sym, sort: Sort) -> Sym:
    """`a operator b`, of the node's sort."""
    na = any_(a.na, b.na)
    match operator:
        case Op.ADD:
            return Sym(sort, na, a.value + b.value)
        case Op.SUBTRACT:
            return Sym(sort, na, a.value - b.value)
        case Op.MULTIPLY:
            return Sym(sort, na, a.value * b.value)
        case Op.DIVIDE:
            return Sym(Sort.REAL, na, z3.ToReal(a.value) / z3.ToReal(b.value))
        case Op.DATE_PLUS_DURATION:
            return Sym(Sort.DATE, na, moved(a.value, b.value, 1))
        case Op.DURATION_PLUS_DATE:
            return Sym(Sort.DATE, na, moved(b.value, a.value, 1))
        case Op.DATE_MINUS_DURATION:
            return Sym(Sort.DATE, na, moved(a.value, b.value, -1))
        case Op.DATE_MINUS_DATE:
            return Sym(Sort.DURATION, na, Dur(0, a.value - b.value, z3.IntVal(0)))
        case Op.DURATION_PLUS_DURATION | Op.DURATION_MINUS_DURATION:
            sign = 1 if operator is Op.DURATION_PLUS_DURATION else -1
            x, y = a.value, b.value
            months, days = x.months + sign * y.months, x.days + sign * y.days
            return Sym(Sort.DURATION, na, Dur(months, days, x.hours + sign * y.hours))
        case Op.DURATION_TIMES_INTEGER:
            duration, factor = (a, b) if a.sort is Sort.DURATION else (b, a)
            return Sym(Sort.DURATION, na, times(duration.value, factor.value))
    raise AssertionError(operator)


def moved(day: Any, duration: Dur, sign: int) -> Any:
    """`day` plus (`sign` 1) or minus (-1) a duration; hours count as whole days only."""
    if not duration.months:
        return day + sign * (duration.days + duration.hours / 24)
    day, days, hours = z3.simplify(day), z3.simplify(duration.days), z3.simplify(duration.hours)
    if not (z3.is_int_value(day) and z3.is_int_value(days) and z3.is_int_value(hours)):
        raise Unsupported("date symbolique plus une durée en mois")
    try:
        found = shift(
            datetime.date.fromordinal(day.as_long()),
            Duration(0, duration.months, days.as_long(), hours.as_long()),
            sign,
        )
    except (CalendarError, ValueError):  # ValueError: an ordinal outside the calendar
        raise Unsupported("date qui sort du calendrier") from None
    return z3.IntVal(found.toordinal())


def times(duration: Dur, factor: Any) -> Dur:
    """A duration times an entier: a symbolic factor only for days and hours."""
    k = z3.simplify(factor)
    if duration.months and not z3.is_int_value(k):
        raise Unsupported("durée en mois multipliée par un nombre inconnu")
    months = duration.months * k.as_long() if duration.months else 0
    return Dur(months, duration.days * k, duration.hours * k)


def negated(sym: Sym) -> Sym:
    if sym.sort is Sort.DURATION:
        d: Dur = sym.value
        return Sym(Sort.DURATION, sym.na, Dur(-d.months, -d.days, -d.hours))
    return Sym(sym.sort, sym.na, -sym.value)


def compare(node: low.Compare, a: Sym, b: Sym, day: datetime.date) -> Sym:
    """A comparison in its ordering: durations are laid back from the evaluation date."""
    left, right = a.value, b.value
    if node.ordering is low.Ordering.DURATIONS:
        left, right = left.hours_at(day), right.hours_at(day)
    return boolean(any_(a.na, b.na), COMPARE[node.comparator](left, right))


def rounded(rounding: low.Rounding, sym: Sym) -> Sym:
    if sym.sort is Sort.INT:  # already whole
        return Sym(Sort.REAL, sym.na, z3.ToReal(sym.value))
    return Sym(Sort.REAL, sym.na, round_half_up(sym.value, int(1 / rounding.quantum)))


def round_half_up(value: Any, quantum: int) -> Any:
    """Decimal ROUND_HALF_UP to 1/`quantum`: ties go away from zero."""
    scaled = value * quantum
    up = z3.ToReal(z3.ToInt(scaled + z3.RealVal("1/2")))
    down = -z3.ToReal(z3.ToInt(-scaled + z3.RealVal("1/2")))
    return z3.If(scaled >= 0, up, down) / quantum


def matches(key: low.RowKey, value: Any, bounds: list[Sym]) -> Any:
    """Whether a barème row's key holds for `value` (as `operations.matches`)."""
    match key:
        case low.KeyEqual():
            return value == bounds[0].value
        case low.KeyRange():
            return z3.And(bounds[0].value <= value, value <= bounds[1].value)
        case low.KeyAtLeast():
            return value >= bounds[0].value
        case low.KeyBelow():
            return value < bounds[0].value
    return TRUE


def conjunction(parts: list[Sym]) -> Sym:
    """Kleene conjunction as `operations.all_of`: a false part decides, else not applicable
    wins."""
    false = any_(*(p.falsity() for p in parts))
    return boolean(all_(not_(false), any_(*(p.na for p in parts))), not_(false))


def disjunction(parts: list[Sym]) -> Sym:
    """Kleene disjunction as `operations.any_of`."""
    true = any_(*(p.truth() for p in parts))
    return boolean(all_(not_(true), any_(*(p.na for p in parts))), true)


def implication(condition: Sym, guard: Sym) -> Sym:
    """A guarded line: true when the guard is false, else the condition's value; undecided
    (not applicable) when the guard is and the condition is not true."""
    passes = guard.falsity()
    decided = any_(guard.truth(), condition.truth())
    na = all_(not_(passes), z3.If(decided, condition.na, TRUE))
    return boolean(z3.simplify(na), z3.Or(passes, condition.value))


def negation(sym: Sym) -> Sym:
    """Kleene `non`."""
    return boolean(sym.na, not_(sym.value))
