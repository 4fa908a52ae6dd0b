"""The coverage section: what the engine's timeline says stops being covered within six
months (an abrogated article is no gap)."""

from __future__ import annotations

import datetime
from pathlib import Path

from alinea.engine import load
from alinea.engine.compiler.program import Program
from alinea.veille.coverage import horizon, not_covered

ROOT = Path(__file__).resolve().parents[2]


def test_the_horizon_is_six_calendar_months() -> None:
    assert horizon(datetime.date(2026, 12, 1)) == datetime.date(2027, 6, 1)
    assert horizon(datetime.date(2026, 8, 31)) == datetime.date(2027, 2, 28)


def test_a_parameter_is_reported_when_it_ends_before_the_horizon(signale: Program) -> None:
    # aide.plafond_seances is encoded until 2026-09-30; the other names have no end.
    assert [g.name for g in not_covered(signale, datetime.date(2026, 4, 1))] == [
        "aide.plafond_seances"
    ]
    assert not_covered(signale, datetime.date(2026, 3, 30)) == []
    (gap,) = not_covered(signale, datetime.date(2027, 1, 1))
    assert (gap.kind, gap.covered_until) == ("paramètre", datetime.date(2026, 9, 30))
    assert gap.location.endswith("tests/veille/fixtures/signale/aide.alinea:9")


def test_a_symbol_whose_article_is_abrogated_the_day_after_is_no_gap() -> None:
    program = load(ROOT / "tests" / "fixtures" / "couverture" / "couverture.alinea").program
    found = not_covered(program, datetime.date(2030, 1, 1))
    assert [(g.name, g.covered_until) for g in found] == [
        ("test.taux", datetime.date(2021, 6, 30)),
        ("test.forfait", datetime.date(2021, 9, 30)),
    ]  # test.plafond stops on 2022-12-31, the day before its article is abrogated
