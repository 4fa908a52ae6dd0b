"""The diff of yearly parameter values: the formula says how, the anniversaries say how much."""

from __future__ import annotations

import datetime
from pathlib import Path

from alinea.diff.compare import compare_dates
from alinea.diff.sides import breakpoints
from alinea.engine.compiler.loader import load_program

OPEN = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "revalorisation_ouverte"


def test_two_years_of_one_yearly_value_differ_in_behaviour_not_in_structure() -> None:
    program = load_program([OPEN], cache=False)
    report = compare_dates(program, datetime.date(2011, 6, 1), datetime.date(2012, 6, 1))
    assert report.changes == ()
    [comparison] = report.comparisons
    [finding] = comparison.findings
    assert finding.name == "indice.valeur"
    [witness] = finding.witnesses
    assert (witness.old.value, witness.new.value) == ("102.01", "103.03")


def test_within_one_year_nothing_changes() -> None:
    program = load_program([OPEN], cache=False)
    report = compare_dates(program, datetime.date(2011, 6, 1), datetime.date(2011, 12, 31))
    assert report.changes == ()
    assert all(not c.findings for c in report.comparisons)


def test_a_yearly_value_becomes_a_structural_change_when_it_starts() -> None:
    program = load_program([OPEN], cache=False)
    report = compare_dates(program, datetime.date(2009, 6, 1), datetime.date(2010, 6, 1))
    [change] = report.changes
    assert change.details == (
        "modifié — valeur : 100 € → arrondi_centime(précédent × indice.coefficient) chaque année",
    )


def test_each_anniversary_is_a_breakpoint() -> None:
    days = breakpoints(load_program([OPEN], cache=False))
    assert {datetime.date(y, 1, 1) for y in range(2010, 2023)} <= days
