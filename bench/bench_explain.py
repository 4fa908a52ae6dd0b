"""Per-situation cost of what a caller reads beyond the values (issue 10 targets).

1. `explain()` text of every Mon soutien psy conclusion of one situation, the evaluation
   excluded (target ≤ 100 µs per situation);
2. reading `.sources` of those conclusions, as a share of the time of an evaluation with
   sources (target ≤ 20 %).

Both over the generated situations of `bench_core.py` (each fact absent one time in ten), at
one date; medians over situations, best of `ROUNDS` rounds (the machine is shared: the best
round is the one least disturbed). Run it from two checkouts in turn to compare them.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from typing import Any

from bench_core import DATE, explaining, situation

from alinea.engine import load

SITUATIONS = 2_000
ROUNDS = 3


def main() -> int:
    rules = load()
    names = [n for n in rules.conclusions if n.startswith("mon_soutien_psy.")]
    rng = random.Random(2026)
    facts = [rules.facts_from(situation(rng)) for _ in range(SITUATIONS)]
    for item in facts[:200]:  # warm the law of the date and the lazily compiled closures
        rules.evaluate_facts(item, date=DATE, only=names)
    explained = min(explaining(rules, names, facts) for _ in range(ROUNDS))
    evaluated, with_sources = min(sourcing(rules, names, facts) for _ in range(ROUNDS))
    share = (with_sources - evaluated) / with_sources
    print(f"explain() text, {len(names)} conclusions: median {explained:.1f} µs per situation")
    print(f"evaluation: median {evaluated:.1f} µs; with .sources {with_sources:.1f} µs")
    print(f".sources: {share:.0%} of an evaluation with sources")
    return 0


def sourcing(rules: Any, names: list[str], facts: list[Any]) -> tuple[float, float]:
    """Medians, in µs, of an evaluation reading values and missing facts, then the same with
    the sources too, situation by situation interleaved."""
    plain, sourced = [], []
    for item in facts:
        start = time.perf_counter()
        for conclusion in rules.evaluate_facts(item, date=DATE, only=names):
            conclusion.missing  # noqa: B018
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        for conclusion in rules.evaluate_facts(item, date=DATE, only=names):
            conclusion.missing  # noqa: B018
            conclusion.sources  # noqa: B018
        sourced.append(time.perf_counter() - start)
    return statistics.median(plain) * 1e6, statistics.median(sourced) * 1e6


if __name__ == "__main__":
    sys.exit(main())
