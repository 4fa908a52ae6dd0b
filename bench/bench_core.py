"""Benchmark of the language core (issue 2 targets), run by `make bench`.

1. cold load: parse + compile regles/ in a fresh process state (no program cache);
2. cached load: the checked program read back from the on-disk cache;
3. per-situation latency: every Mon soutien psy conclusion, with its sources and missing
   facts read from the trace (not the explanation text: that is the last figure,
   `explaining`), over 10,000 generated situations, each fact absent one time in ten; then
   the same situations with every fact given (no conclusion unknown: the hot path alone,
   without the completions of unknown conclusions);
4. the `explain()` text of every Mon soutien psy conclusion of 2,000 of those situations,
   the evaluation excluded.

Targets: cold ≤ 300 ms, cached ≤ 30 ms, ≤ 50 µs per situation (median).
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import tempfile
import time
from typing import Any

from alinea.dsl import parser
from alinea.engine import load

SITUATIONS = 10_000
DATE = datetime.date(2026, 3, 1)


def situation(rng: random.Random) -> dict[str, Any]:
    """A random situation over the Mon soutien psy facts; each fact absent one time in ten."""
    choices: dict[str, Any] = {
        "age": rng.randint(0, 90),
        "affiliation_assurance_maladie": rng.random() < 0.9,
        "beneficiaire_ame": rng.random() < 0.05,
        "intensite_troubles": rng.choice(["legere", "moderee", "severe"]),
        "risque_suicidaire": rng.random() < 0.1,
        "psychologue_conventionne": rng.random() < 0.8,
        "seances_prises_en_charge_annee_civile": rng.randint(0, 14),
        "modalite_seance": rng.choice(["presentiel", "visio"]),
        "complementaire_sante": rng.choice(["aucune", "mutuelle", "css"]),
        "exoneration_ticket_moderateur": rng.random() < 0.1,
        "adressage_medecin": rng.random() < 0.5,
    }
    return {k: v for k, v in choices.items() if rng.random() < 0.9}


COMPLETE = situation(random.Random(0)) | {
    "age": 30,
    "affiliation_assurance_maladie": True,
    "beneficiaire_ame": False,
    "intensite_troubles": "moderee",
    "risque_suicidaire": False,
    "psychologue_conventionne": True,
    "seances_prises_en_charge_annee_civile": 3,
    "modalite_seance": "presentiel",
    "complementaire_sante": "aucune",
    "exoneration_ticket_moderateur": False,
    "adressage_medecin": True,
}


EXPLAINED = 2_000


def timed(function: Any, repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        found.append(time.perf_counter() - start)
    return found


def main() -> int:
    parser.grammar()  # the Lark tables, built once per process and cached by Lark
    with tempfile.TemporaryDirectory() as folder:
        import os

        os.environ["ALINEA_CACHE_DIR"] = folder
        cold = timed(lambda: load(cache=False), 7)
        load(cache=True)
        cached = timed(lambda: load(cache=True), 15)
    rules = load(cache=False)
    names = [n for n in rules.conclusions if n.startswith("mon_soutien_psy.")]
    rng = random.Random(2026)
    raw = [situation(rng) for _ in range(SITUATIONS)]
    partial = [rules.facts_from(item) for item in raw]
    complete = [rules.facts_from(COMPLETE | item) for item in raw]
    print(
        f"files: {len(rules.program.modules)}, rules: {len(rules.program.rules)}, "
        f"conclusions evaluated: {len(names)}"
    )
    print(f"cold load (parse + compile), median of 7: {statistics.median(cold) * 1000:.1f} ms")
    print(f"cached load, median of 15:              {statistics.median(cached) * 1000:.1f} ms")
    for label, facts in (("situations", partial), ("complete situations", complete)):
        median, p99 = latency(rules, names, facts)
        print(f"per situation, {SITUATIONS} {label}: median {median:.1f} µs, p99 {p99:.1f} µs")
    median = explaining(rules, names, partial[:EXPLAINED])
    print(f"explain() text of every conclusion, {EXPLAINED} situations: median {median:.1f} µs")
    return 0


def explaining(rules: Any, names: list[str], facts: list[Any]) -> float:
    """Median, in µs, of the explanation text of every conclusion of one situation, the
    evaluation excluded (what `alinea explain` and the golden reports add to it)."""
    results = [rules.evaluate_facts(item, date=DATE, only=names) for item in facts]
    latencies = []
    for result in results:
        start = time.perf_counter()
        for conclusion in result:
            conclusion.explain()
        latencies.append(time.perf_counter() - start)
    return statistics.median(latencies) * 1e6


def latency(rules: Any, names: list[str], facts: list[Any]) -> tuple[float, float]:
    """Median and 99th percentile, in µs, of evaluating one situation and reading the
    missing facts and sources of its conclusions (not their explanation text)."""
    for item in facts[:200]:  # warm the per-date law and the lazily compiled closures
        rules.evaluate_facts(item, date=DATE, only=names)
    latencies = []
    for item in facts:
        start = time.perf_counter()
        result = rules.evaluate_facts(item, date=DATE, only=names)
        for conclusion in result:
            conclusion.missing  # noqa: B018 -- read from the trace, as a caller would
            conclusion.sources  # noqa: B018
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    return statistics.median(latencies) * 1e6, latencies[int(len(latencies) * 0.99)] * 1e6


if __name__ == "__main__":
    sys.exit(main())
