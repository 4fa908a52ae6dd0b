"""The fallback search: situations built from the boundary values of the rules.

Each fact the conclusion reads takes the constants its rules compare it with (thresholds,
parameter values, date boundaries), one unit below and above, its declared bounds, every
enumeration value and both booleans. When the combinations are few they are all tried,
otherwise a fixed-seed sample of them: the result says which, and never claims to be
exhaustive over all situations.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from typing import Any

import attrs

from .report import BOUNDARY, Witness
from .witnesses import MAX_WITNESSES, Runner, witness

BUDGET = 1_500
SEED = 20250516


@attrs.frozen
class BoundaryResult:
    witnesses: tuple[Witness, ...]
    method: str


class BoundarySearch:
    def __init__(
        self, old: Runner, new: Runner, name: str, candidates: dict[str, list[Any]]
    ) -> None:
        self.old = old
        self.new = new
        self.name = name
        self.candidates = candidates

    def run(self, known: list[Witness]) -> BoundaryResult:
        candidates = self.candidates
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
                found.append(witness(self.old, self.new, raw, self.name, BOUNDARY, self.candidates))
        scope = "toutes les combinaisons" if total <= BUDGET else f"{BUDGET} combinaisons tirées"
        return BoundaryResult(tuple(found), f"{BOUNDARY} ({scope})")


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
