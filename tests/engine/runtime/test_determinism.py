"""Evaluation does not depend on the order Python iterates sets and dicts in: the same
situations give the same JSON, explanations included, in two processes whose string hashes
differ (a single process would compare a run with itself)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SITUATIONS = [
    ROOT / "examples" / "premiere-seance-visio.json",
    ROOT / "tests" / "engine" / "fixtures" / "msp" / "seance_couverte.json",
]
SCRIPT = """
import json, sys
from alinea.engine import load
rules = load(cache=False)
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as file:
        situation = json.load(file)
    for day in ("2022-06-01", "2026-03-01", "2027-06-01"):
        result = rules.evaluate(situation, date=day)
        print(json.dumps(result.to_json(explain=True), ensure_ascii=False, sort_keys=True))
"""


def run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *map(str, SITUATIONS)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_two_processes_with_different_hash_seeds_agree() -> None:
    first, second = run("1"), run("2")
    assert len(first.splitlines()) == 3 * len(SITUATIONS)
    assert first == second
