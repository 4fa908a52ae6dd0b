"""The SQL back end on generated populations (hypothesis): every conclusion of the bundled
base, on every row, has the value, status and source `RuleBase.evaluate` gives that row.

The situations are those of the lowered program's differential test (thresholds of the law
on either side, ceilings of the household a cent away, evaluation dates around every change
of the law), in four mixes: some facts missing, every fact given, a few missing (where completion
decides most), most missing.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.engine.domain.types import Kind
from tests.engine.lowered.test_differential import (
    DATES,
    PROGRAM,
    RULES,
    THRESHOLDS,
    _amounts,
    _situation,
    _thresholds,
    _value,
)
from tests.engine.sql.differential import mismatches

ROWS = 6
MIXES = ["manquants", "complet", "presque", "clairsemé"]


def _complete(data: st.DataObject, day: datetime.date) -> dict[str, Any]:
    """Every fact given (amounts included)."""
    thresholds = THRESHOLDS.get(day) or _thresholds(day)
    strategies = {
        name: _value(fact, thresholds)
        for name, fact in PROGRAM.facts.items()
        if fact.type.kind is not Kind.MONTANT
    }
    drawn: dict[str, Any] = data.draw(st.fixed_dictionaries(strategies))
    return drawn


def _population(data: st.DataObject, day: datetime.date, mix: str) -> list[dict[str, object]]:
    rows = []
    for _ in range(ROWS):
        complete = mix in {"complet", "presque"}
        situation = _complete(data, day) if complete else _situation(data, day)
        if mix == "clairsemé":
            situation = {k: v for k, v in situation.items() if data.draw(st.booleans())}
        _amounts(data, situation, day)
        if complete:
            for name, fact in PROGRAM.facts.items():
                if fact.type.kind is Kind.MONTANT and name not in situation:
                    situation[name] = "0"
        if mix == "presque":
            dropped = data.draw(st.sets(st.sampled_from(sorted(situation)), max_size=4))
            situation = {k: v for k, v in situation.items() if k not in dropped}
        rows.append(RULES.facts_from(situation))
    return rows


@settings(max_examples=60, deadline=None)
@given(day=DATES, data=st.data(), mix=st.sampled_from(MIXES))
def test_every_conclusion_of_generated_populations(
    day: datetime.date, data: st.DataObject, mix: str
) -> None:
    population = _population(data, day, mix)
    assert mismatches(RULES, population, day) == []
