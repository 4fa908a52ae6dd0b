"""The provisional coverage section: last end dates against the six-month horizon."""

from __future__ import annotations

import datetime

from alinea.engine.program import Program
from alinea.veille.coverage import horizon, not_covered


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
