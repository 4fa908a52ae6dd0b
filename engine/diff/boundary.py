"""The fallback search: situations built from the boundary values of the rules.

Each fact the conclusion reads takes the constants its rules compare it with (thresholds,
parameter values, date boundaries), one unit below and above, its declared bounds, every
enumeration value and both booleans. When the combinations are few they are all tried,
otherwise a fixed-seed sample of them: the result says which, and never claims to be
exhaustive over all situations.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from ...dsl import nodes
from ...dsl.walk import descendants
from ..closures import literal_value
from ..program import FactSymbol
from ..trace import NA
from ..types import Kind
from ..values import Duration, length_in_hours
from .law import Side, cone, derogations, parameter_entry, rule_version
from .report import BOUNDARY, Witness
from .variables import EARLIEST, LATEST, SCALES, _constant
from .witnesses import MAX_WITNESSES, Runner, witness

BUDGET = 1_500
SEED = 20250516
DAY = datetime.timedelta(days=1)
STEPS: dict[Kind, Any] = {
    Kind.ENTIER: 1,
    Kind.MONTANT: Decimal("0.01"),
    Kind.TAUX: Decimal("0.01"),
    Kind.DECIMAL: Decimal("0.001"),
    Kind.DATE: DAY,
}


@attrs.frozen
class BoundaryResult:
    witnesses: tuple[Witness, ...]
    method: str


class BoundarySearch:
    def __init__(self, old: Runner, new: Runner, name: str) -> None:
        self.old = old
        self.new = new
        self.name = name

    def run(self, known: list[Witness]) -> BoundaryResult:
        candidates = self.candidates()
        names = sorted(candidates)
        total = 1
        for values in candidates.values():
            total *= len(values)
        regions = {_region(w.old.key, w.new.key) for w in known}
        found: list[Witness] = []
        for point in _points([candidates[n] for n in names], total):
            if len(known) + len(found) >= MAX_WITNESSES:
                break
            raw = dict(zip(names, point, strict=True))
            keys = (self.old.outcome(raw, self.name).key, self.new.outcome(raw, self.name).key)
            region = _region(*keys)
            if keys[0] != keys[1] and region not in regions:
                regions.add(region)
                found.append(witness(self.old, self.new, raw, self.name, BOUNDARY))
        scope = "toutes les combinaisons" if total <= BUDGET else f"{BUDGET} combinaisons tirées"
        return BoundaryResult(tuple(found), f"{BOUNDARY} ({scope})")

    def candidates(self) -> dict[str, list[Any]]:
        sides = (self.old.side, self.new.side)
        names = set().union(*(cone(side, self.name) for side in sides))
        constants: dict[Kind, set[Any]] = {}
        for side in sides:
            for kind, value in _constants(side, names):
                constants.setdefault(kind, set()).add(value)
        found: dict[str, list[Any]] = {}
        for name in sorted(names):
            symbol = next((s.program.facts[name] for s in sides if name in s.program.facts), None)
            if symbol is not None:
                found[name] = _values(symbol, constants, self.new.side.day)
        return found


def _region(old: tuple[str, Any], new: tuple[str, Any]) -> tuple[Any, ...]:
    """Witnesses of one region differ in the same way (statuses, and truth values)."""
    return (old[0], new[0], *(k[1] for k in (old, new) if k[1] in {"True", "False"}))


def _points(candidates: list[list[Any]], total: int) -> Iterator[tuple[Any, ...]]:
    if total <= BUDGET:
        yield from itertools.product(*candidates)
        return
    generator = random.Random(SEED)
    for _ in range(BUDGET):
        yield tuple(generator.choice(values) for values in candidates)


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
    low, high = _constant(symbol.decl.bounds.low), _constant(symbol.decl.bounds.high)
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
