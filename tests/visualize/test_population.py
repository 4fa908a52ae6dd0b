"""The population diff as text and markdown, word for word on a small population: six
households across the CSS revaluation of 1 April 2025."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from alinea.diff import population
from alinea.diff.population import PopulationReport, Side
from alinea.engine import RuleBase
from alinea.engine.population import checking, reading
from alinea.visualize import population as render
from tests.diff.reference import results

ROOT = Path(__file__).parents[1]
POPULATION = "tests/diff/fixtures/foyers.csv"
EXPECTED = Path(__file__).parent / "fixtures" / "population"
NAMES = ["css.droit", "css.plafond_gratuite", "css.plafond_participation"]


@pytest.fixture(scope="module")
def report(rules: RuleBase) -> PopulationReport:
    raw = reading.read(ROOT.parent / POPULATION, rules.program)
    table = checking.check(raw, rules.program)
    days = datetime.date(2025, 3, 1), datetime.date(2025, 4, 1)
    old, new = (results(rules, table, day, NAMES) for day in days)
    sides = (
        Side("droit au 1er mars 2025", ("--date", "2025-03-01")),
        Side("droit au 1er avril 2025", ("--date", "2025-04-01")),
    )
    return population.compare(old, new, NAMES, rules.program, POPULATION, sides)


def test_text(report: PopulationReport) -> None:
    assert render.text(report) == (EXPECTED / "revalorisation.txt").read_text(encoding="utf-8")


def test_markdown(report: PopulationReport) -> None:
    expected = (EXPECTED / "revalorisation.md").read_text(encoding="utf-8")
    assert render.markdown(report) == expected
