"""The SQL back end on every golden case: each case is a row of a population (one per
date), and every conclusion of the bundled base, not only those the case asserts, must have
the value, status and source `RuleBase.evaluate` gives that row."""

from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path

import pytest

from alinea.engine import load
from alinea.engine.testing import golden
from tests.engine.sql.differential import mismatches

RULES = load()
GOLDEN = Path(__file__).resolve().parents[3] / "golden"
CASES = golden.load_all([GOLDEN])


def _by_date() -> dict[datetime.date, list[dict[str, object]]]:
    found: dict[datetime.date, list[dict[str, object]]] = defaultdict(list)
    for case in CASES:
        found[case.date].append(RULES.facts_from(case.facts))
    return found


BY_DATE = _by_date()


def test_the_golden_cases_are_all_read() -> None:
    assert len(CASES) >= 100
    assert sum(len(rows) for rows in BY_DATE.values()) == len(CASES)


@pytest.mark.parametrize("day", sorted(BY_DATE), ids=str)
def test_every_conclusion_of_every_golden_case(day: datetime.date) -> None:
    assert mismatches(RULES, BY_DATE[day], day) == []
