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

from ..dsl import nodes
from ..dsl.limits import date_in_range
from ..dsl.walk import descendants
from ..engine.compiler.program import FactSymbol
from ..engine.domain.literals import literal_value
from ..engine.domain.outcomes import NA
from ..engine.domain.types import Kind
from ..engine.domain.values import CalendarError, Duration, length_in_hours, shift
from ..engine.lowered.expressions import constant_value
from .sides import Side, cone, derogations, parameter_entry, rule_version
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
    for fact in sorted(names):
        symbol = next((s.program.facts[fact] for s in sides if fact in s.program.facts), None)
        if symbol is not None:
            found[fact] = _values(symbol, constants, new.day) or [_neutral(symbol, new.day)]
    return found


def _back(day: datetime.date, duration: Duration) -> datetime.date | None:
    """`day` minus `duration`, unless that is no date a situation may give (the shifts add
    up here, one per duration: they would reach before the year 1)."""
    try:
        moved = shift(day, duration, -1)
    except CalendarError:
        return None
    return moved if date_in_range(moved) else None


def _constants(side: Side, names: set[str]) -> Iterator[tuple[Kind, Any]]:
    program, day = side.program, side.day
    for name in sorted(names):
        roots: list[nodes.Node] = []
        version = rule_version(program, name, day)
        if version is not None:
            roots.append(version.rule)
            roots.extend(d.decl for d in derogations(program, name, day))
        entry = parameter_entry(program, name, day)
        if entry is not None:
            roots.append(entry.value)
        for root in roots:
            for node in descendants(root):
                found = _literal(node)
                if found is not None:
                    yield found


def _literal(node: nodes.Node) -> tuple[Kind, Any] | None:
    match node:
        case nodes.Number(integral=integral):
            return (Kind.ENTIER if integral else Kind.DECIMAL), literal_value(node)
        case nodes.Quantity(unit=unit):
            kinds = {"€": Kind.MONTANT, "%": Kind.TAUX}
            return kinds.get(unit, Kind.DUREE), literal_value(node)
        case nodes.DateLiteral(value=value):
            return Kind.DATE, value
        case nodes.Text(value=value):
            return Kind.TEXTE, value
    return None


def _values(symbol: FactSymbol, constants: dict[Kind, set[Any]], day: datetime.date) -> list[Any]:
    kind = symbol.type.kind
    if kind is Kind.BOOLEEN:
        return [False, True]
    if kind is Kind.ENUM:
        return list(symbol.type.values)
    if kind is Kind.TEXTE:
        return [*sorted(constants.get(Kind.TEXTE, set())), "autre"]
    if kind is Kind.LISTE:
        element = symbol.type.element
        values = list(element.values) if element is not None and element.kind is Kind.ENUM else []
        return [[], *([v] for v in values)]
    low, high = _bounds(symbol)
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


def _bounds(symbol: FactSymbol) -> tuple[Any, Any]:
    if symbol.decl.bounds is None:
        return None, None
    low, high = constant_value(symbol.decl.bounds.low), constant_value(symbol.decl.bounds.high)
    return low, high


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


def _neutral(symbol: FactSymbol, day: datetime.date) -> Any:
    """A value for a fact no constant bounds, so the other facts can still be varied."""
    kind = symbol.type.kind
    if kind is Kind.DATE:
        return day.isoformat()
    if kind is Kind.DUREE:
        return "P0D"
    if kind is Kind.TEXTE:
        return "autre"
    return _raw(Decimal(0), kind) if kind in SCALES else 0
