"""Boundary values of the facts a conclusion reads: the constants its rules compare them
with (thresholds, parameter values, date boundaries, dates shifted by the durations of the
rules), one unit below and above, the declared bounds, enumeration values, both booleans.

They drive the fallback search, and they pull symbolic witnesses onto the boundaries, where a
reader sees at once which threshold moved.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..dsl.limits import date_in_range
from ..engine.domain.outcomes import NA
from ..engine.domain.types import Kind
from ..engine.domain.values import CalendarError, Duration, length_in_hours, shift
from ..engine.lowered.declarations import Fact
from ..engine.lowered.walk import constants
from .sides import Side, cone
from .variables import EARLIEST, LATEST, SCALES

DAY = datetime.timedelta(days=1)
STEPS: dict[Kind, Any] = {
    Kind.ENTIER: 1,
    Kind.MONTANT: Decimal("0.01"),
    Kind.TAUX: Decimal("0.01"),
    Kind.DECIMAL: Decimal("0.001"),
    Kind.DATE: DAY,
}


def candidates(old: Side, new: Side, name: str) -> dict[str, list[Any]]:
    """For each fact `name` reads on either side, its boundary values, as in a situation."""
    sides = (old, new)
    names = set().union(*(cone(side, name) for side in sides))
    constants: dict[Kind, set[Any]] = {}
    for side in sides:
        for kind, value in _constants(side, names):
            constants.setdefault(kind, set()).add(value)
    dates = constants.setdefault(Kind.DATE, set())
    dates |= {old.day, new.day}
    for duration in constants.get(Kind.DUREE, set()):
        dates |= {moved for day in list(dates) if (moved := _back(day, duration)) is not None}
    found: dict[str, list[Any]] = {}
    for name in sorted(names):
        fact = next((s.lowered.fact(name) for s in sides if name in s.program.facts), None)
        if fact is not None:
            found[name] = _values(fact, constants, new.day) or [_neutral(fact, new.day)]
    return found


def _back(day: datetime.date, duration: Duration) -> datetime.date | None:
    """`day` minus `duration`, unless that is no date a situation may give (the shifts add
    up here, one per duration: they would reach before the year 1)."""
    try:
        moved = shift(day, duration, -1)
    except CalendarError:
        return None
    return moved if date_in_range(moved) else None


LITERALS = frozenset(
    {Kind.ENTIER, Kind.DECIMAL, Kind.MONTANT, Kind.TAUX, Kind.DUREE, Kind.DATE, Kind.TEXTE}
)
"""The kinds of constants a fact may be compared with (not booleans nor enumeration
values: every value of those is tried)."""


def _constants(side: Side, names: set[str]) -> Iterator[tuple[Kind, Any]]:
    """The constants written in the definitions of `names` in force on the side's day."""
    lowered, program = side.lowered, side.program
    for name in sorted(names):
        if name in program.rules:
            node: object = lowered.rule(name)
        elif name in program.parameters:
            node = lowered.parameter(name)
        else:
            continue
        for constant in constants(node):
            if constant.type.kind in LITERALS:
                yield constant.type.kind, constant.value


def _values(fact: Fact, constants: dict[Kind, set[Any]], day: datetime.date) -> list[Any]:
    kind = fact.type.kind
    if kind is Kind.BOOLEEN:
        return [False, True]
    if kind is Kind.ENUM:
        return list(fact.type.values)
    if kind is Kind.TEXTE:
        return [*sorted(constants.get(Kind.TEXTE, set())), "autre"]
    if kind is Kind.LISTE:
        element = fact.type.element
        values = list(element.values) if element is not None and element.kind is Kind.ENUM else []
        return [[], *([v] for v in values)]
    low, high = fact.low, fact.high
    if kind is Kind.DUREE:
        days = {length_in_hours(c, day) // 24 for c in constants.get(kind, set())}
        lengths = sorted({d + s for d in days for s in (-1, 0, 1)} | {0})
        return [f"P{d}D" for d in lengths if d >= 0]
    pool = set(constants.get(kind, set()))
    if kind is Kind.DECIMAL:
        pool |= {Decimal(c) for c in constants.get(Kind.ENTIER, set())}
    step = STEPS.get(kind, 1)
    near = pool | {c + step for c in pool} | {c - step for c in pool}
    near |= {b for b in (low, high) if b is not None}
    if kind is not Kind.DATE:
        near.add(Decimal(0) if kind in SCALES else 0)
    kept = sorted(v for v in near if _plausible(v, kind, low, high))
    return [_raw(v, kind) for v in kept]


def _plausible(value: Any, kind: Kind, low: Any, high: Any) -> bool:
    if kind is Kind.DATE:
        low = low or EARLIEST
        high = high or LATEST
    elif low is None:
        low = 0
    if kind is Kind.TAUX and high is None:
        high = 1
    return (low is None or value >= low) and (high is None or value <= high) and value is not NA


def _raw(value: Any, kind: Kind) -> Any:
    if kind is Kind.MONTANT:
        return f"{Decimal(value).quantize(Decimal('0.01')):f}"
    if kind in SCALES:
        return f"{Decimal(value).normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return value.iso()
    return value


def _neutral(fact: Fact, day: datetime.date) -> Any:
    """A value for a fact no constant bounds, so the other facts can still be varied."""
    kind = fact.type.kind
    if kind is Kind.DATE:
        return day.isoformat()
    if kind is Kind.DUREE:
        return "P0D"
    if kind is Kind.TEXTE:
        return "autre"
    return _raw(Decimal(0), kind) if kind in SCALES else 0
