"""`alinea diff` never says « no change » when one side is not covered and the other is: a
value that becomes non couvert, or non couvert that becomes non applicable, is a change,
reported with the gap (fixtures tests/fixtures/couverture)."""

from __future__ import annotations

import datetime
from pathlib import Path

from alinea.diff.compare import compare_dates, compare_programs
from alinea.diff.report import Finding, Report
from alinea.engine.compiler.loader import load_program

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "couverture"
D = datetime.date
GAP = "la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)"


def findings(report: Report, name: str) -> list[Finding]:
    return [f for c in report.comparisons for f in c.findings if f.name == name]


def test_a_value_that_becomes_non_covered_at_a_later_date_is_a_change() -> None:
    program = load_program([FIXTURE / "couverture.alinea"], cache=False)
    report = compare_dates(program, D(2021, 3, 1), D(2021, 8, 1))
    assert report.changed
    [found] = findings(report, "test.montant")
    [witness] = found.witnesses
    assert (witness.old.status, witness.new.status) == ("valeur", "non_couvert")
    assert witness.new.shown == f"non couvert — {GAP}"
    assert witness.new.to_json()["gap"] == GAP
    [change] = [c for c in report.changes if c.name == "test.taux"]
    assert change.details[0] == f"au 01/08/2021 : non couvert — {GAP}"


def test_both_dates_not_covered_in_the_same_way_is_no_change() -> None:
    program = load_program([FIXTURE / "couverture.alinea"], cache=False)
    assert not compare_dates(program, D(2021, 8, 1), D(2021, 8, 15)).changed


def test_between_revisions_a_gap_that_starts_earlier_or_becomes_an_abrogation() -> None:
    old = load_program([FIXTURE / "revision" / "ancien.alinea"], cache=False)
    new = load_program([FIXTURE / "revision" / "nouveau.alinea"], cache=False)
    report = compare_programs(old, new, D(2021, 8, 1))
    by_day = {
        (c.old_day, f.name): [(w.old.status, w.new.status, w.new.shown) for w in f.witnesses]
        for c in report.comparisons
        for f in c.findings
    }
    assert by_day[(D(2021, 8, 1), "test.montant")] == [
        ("valeur", "non_couvert", f"non couvert — {GAP}")
    ]
    assert by_day[(D(2023, 1, 1), "test.aide")] == [
        ("non_couvert", "non_applicable", "non applicable")
    ]
    # both non couvert, but the rule base stops at another day: reported too
    [(old_status, new_status, _)] = by_day[(D(2022, 1, 1), "test.montant")]
    assert (old_status, new_status) == ("non_couvert", "non_couvert")
