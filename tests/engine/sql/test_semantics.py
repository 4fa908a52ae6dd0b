"""The SQL back end in the semantics suite of the lowered program: every program and
situation of its table (`tests/engine/lowered/fixtures/semantique.yaml`), every rule of the
program, one row each: the value, status and source `RuleBase.evaluate` gives. A rule the
back end cannot translate is refused at compile time (P001), never answered differently:
the one such rule of the table is named here."""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

import pytest

from alinea.dsl.errors import RuleError
from alinea.engine.rulebase import RuleBase
from tests.engine.lowered.test_semantics import TABLE, ids, program
from tests.engine.sql.differential import mismatches

REFUSED = {
    "calc.par_personne": (
        "« calc.par_personne » ne se traduit pas en SQL : une division par une valeur qui "
        "n'est pas une constante (« 10 / foyer »)"
    )
}


@cache
def rules(name: str) -> RuleBase:
    return RuleBase(program(name))


def translated(base: RuleBase, day: datetime.date) -> list[str]:
    """The rules of `base` the back end translates on `day` (the others must be refused
    with the message of `REFUSED`)."""
    found = []
    for name in base.rules:
        try:
            base.query(date=day, only=[name])
        except RuleError as error:
            (diagnostic,) = error.diagnostics
            assert (diagnostic.code, diagnostic.message) == ("P001", REFUSED[name])
            continue
        found.append(name)
    return found


@pytest.mark.parametrize("row", TABLE, ids=ids)
def test_the_sql_back_end_agrees_on_every_rule(row: dict[str, Any]) -> None:
    base = rules(row["programme"])
    day: datetime.date = row["date"]
    names = translated(base, day)
    facts = base.facts_from(row["situation"])
    assert mismatches(base, [facts], day, names) == []


def test_only_the_division_by_a_fact_is_refused() -> None:
    refused = set()
    for row in TABLE:
        base = rules(row["programme"])
        refused |= set(base.rules) - set(translated(base, row["date"]))
    assert refused == set(REFUSED)
