"""The special values: merging unknown, not applicable and not covered operands."""

from __future__ import annotations

import datetime

from alinea.engine.domain.outcomes import (
    NA,
    Gap,
    GapSide,
    NotApplicable,
    NotCovered,
    Unknown,
    merge,
    status,
    strict,
)

D = datetime.date
END = Gap("x.plafond", "CSS L.861-1", D(2003, 7, 1), D(2026, 3, 31), GapSide.AFTER)
EARLIER_END = Gap("x.taux", "CSS L.161-25", D(2020, 4, 1), D(2025, 3, 31), GapSide.AFTER)
START = Gap("x.droit", "CSS L.861-1", D(2016, 1, 1), None, GapSide.BEFORE)
LATER_START = Gap("x.forfait", "CSS L.160-13", D(2019, 1, 1), None, GapSide.BEFORE)


def test_not_covered_wins_and_keeps_every_gap_and_every_missing_fact() -> None:
    found = merge(Unknown(frozenset({"age"})), NotCovered(frozenset({END}), frozenset({"rsa"})), NA)
    assert isinstance(found, NotCovered)
    assert found.gaps == frozenset({END})
    assert found.missing == frozenset({"age", "rsa"})
    both = merge(NotCovered(frozenset({END})), NotCovered(frozenset({START})))
    assert isinstance(both, NotCovered)
    assert both.gaps == frozenset({END, START})


def test_without_gaps_unknown_wins_over_not_applicable() -> None:
    found = merge(NA, Unknown(frozenset({"age"})), Unknown(frozenset({"revenu"})))
    assert isinstance(found, Unknown)
    assert found.missing == frozenset({"age", "revenu"})
    assert merge(NA, NA) is NA
    assert isinstance(merge(), NotApplicable)


def test_an_operation_that_needs_every_operand_keeps_only_what_can_still_decide_it() -> None:
    """`revenu < plafond` with the ceiling not covered: knowing the income decides nothing."""
    found = strict(Unknown(frozenset({"revenu"})), NotCovered(frozenset({END}), frozenset({"x"})))
    assert isinstance(found, NotCovered)
    assert found.missing == frozenset({"x"})
    unknown = strict(Unknown(frozenset({"revenu"})), NA)
    assert isinstance(unknown, Unknown)
    assert unknown.missing == frozenset({"revenu"})


def test_statuses() -> None:
    assert [
        status(v) for v in (3, NA, Unknown(frozenset()), NotCovered(frozenset({END})), False)
    ] == ["valeur", "non_applicable", "inconnu", "non_couvert", "valeur"]


def test_the_gap_shown_is_the_earliest_end_then_the_latest_start() -> None:
    """Covering the value needs every gap filled: it stops at the earliest end and, before
    its coverage, starts at the latest start."""
    value = NotCovered(frozenset({END, START, EARLIER_END, LATER_START}))
    assert value.first == EARLIER_END
    assert value.ordered() == [EARLIER_END, END, LATER_START, START]
    starts = NotCovered(frozenset({START, LATER_START}))
    assert starts.first == LATER_START
    assert (END.edge, START.edge) == (D(2026, 3, 31), D(2016, 1, 1))
