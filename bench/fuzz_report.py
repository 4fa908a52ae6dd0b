"""Fuzz alinea for real: thousands of damaged inputs per category, through the real CLI entry
point with internal errors raised, and a table of what happened.

    python bench/fuzz_report.py [--inputs N] [--seed S] [--keep DIR] [--only CATEGORY]

Each category runs in its own process (forked), so its peak memory (ru_maxrss) is its own;
inputs are drawn from a seeded generator with the same mutations as the test suite
(`tests/fuzz/`). A crashing input is saved under --keep with its traceback, for triage; the exit
code is 1 when anything crashed. `make fuzz` runs 2,500 inputs per category (10,000 in all).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alinea.engine import load  # noqa: E402
from tests.fuzz import harness, mutations, situations, targets  # noqa: E402

Feed = Callable[[random.Random, Path], list[harness.Run]]


def rules(workspace: harness.Workspace) -> Feed:
    files = [(p.name, p.read_text(encoding="utf-8")) for p in workspace.files()]

    def feed(rng: random.Random, folder: Path) -> list[harness.Run]:
        name, text = rng.choice(files)
        return targets.rule_file(workspace, name, mutations.apply(text, mutations.draw(rng)))

    return feed


def situation_feed() -> Feed:
    facts = {name: fact.type for name, fact in load().program.facts.items()}

    def feed(rng: random.Random, folder: Path) -> list[harness.Run]:
        return targets.situation(folder, situations.draw(rng, facts), rng.choice(targets.DATES))

    return feed


def golden_feed() -> Feed:
    files = [p.read_text(encoding="utf-8") for p in harness.seeds(ROOT / "golden", "*.yaml")]

    def feed(rng: random.Random, folder: Path) -> list[harness.Run]:
        return targets.golden(folder, mutations.apply(rng.choice(files), mutations.draw(rng)))

    return feed


def arguments(rng: random.Random, folder: Path) -> list[harness.Run]:
    return [harness.run(targets.draw_arguments(rng, folder))]


def category(name: str, inputs: int, seed: int, keep: Path | None) -> dict[str, object]:
    """Run one category in this (forked) process; returns its figures."""
    folder = Path(tempfile.mkdtemp(prefix=f"alinea-fuzz-{name}-"))
    cached = None if name == "règles" else folder / "cache"
    with harness.debug_mode(cached):
        feed = {
            "règles": lambda: rules(harness.Workspace(folder)),
            "situations": situation_feed,
            "golden": golden_feed,
            "arguments": lambda: arguments,
        }[name]()
        rng = random.Random(seed)
        crashes, runs, slowest = 0, 0, 0.0
        start = time.perf_counter()
        for index in range(inputs):
            state = rng.getstate()
            try:
                done = feed(rng, folder)
                runs += len(done)
                slowest = max([slowest, *(r.seconds for r in done)])
            except Exception:  # a crash: every kind is counted and kept
                crashes += 1
                if keep is not None:
                    _keep(keep, name, index, state, traceback.format_exc())
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "catégorie": name,
        "entrées": inputs,
        "commandes": runs,
        "plantages": crashes,
        "secondes": round(seconds, 1),
        "entrées/min": round(inputs / seconds * 60),
        "commande la plus lente (s processeur)": round(slowest, 2),
        "mémoire max (Mo)": round(peak),
    }


def _keep(folder: Path, name: str, index: int, state: object, trace: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(trace.encode()).hexdigest()[:10]
    (folder / f"{name}-{index}-{digest}.txt").write_text(f"{state!r}\n\n{trace}", encoding="utf-8")


def _child(args: tuple[str, int, int, Path | None]) -> dict[str, object]:
    return category(*args)


CATEGORIES = ("règles", "situations", "golden", "arguments")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=200, help="entrées par catégorie")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="dossier où garder les entrées qui plantent")
    parser.add_argument("--only", choices=CATEGORIES)
    options = parser.parse_args()
    chosen = [options.only] if options.only else list(CATEGORIES)
    context = multiprocessing.get_context("fork")
    rows = []
    for name in chosen:
        with context.Pool(1, maxtasksperchild=1) as pool:
            rows.append(pool.apply(_child, ((name, options.inputs, options.seed, options.keep),)))
    columns = list(rows[0])
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))
    return 1 if any(row["plantages"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
