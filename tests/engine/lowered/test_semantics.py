"""The semantics suite: one table of small programs, situations and expected outcomes
(`fixtures/semantique.yaml`), run against every back end; each must give the outcome the
table writes, and all must agree exactly (value and its Python type, missing facts, gaps,
error code, message and place)."""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from alinea.diff.terms import Unsupported
from alinea.dsl.errors import AlineaError
from alinea.engine.compiler.loader import load_program
from alinea.engine.compiler.program import Program
from alinea.engine.domain.outcomes import NotCovered, Unknown
from alinea.engine.lowered import lower
from alinea.engine.rulebase import RuleBase
from tests.diff import symbolic
from tests.engine.lowered.backends import BACKENDS, comparable, written

FIXTURES = Path(__file__).parent / "fixtures"
TABLE: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "semantique.yaml").read_text("utf-8"))


@cache
def program(name: str) -> Program:
    return load_program([FIXTURES / "semantique" / name], cache=False)


def facts(row: dict[str, Any]) -> dict[str, object]:
    return RuleBase(program(row["programme"])).facts_from(row["situation"])


def ids(row: dict[str, Any]) -> str:
    return f"{row['programme'].removesuffix('.alinea')}: {row['cas']}"


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("row", TABLE, ids=ids)
def test_each_back_end_gives_the_outcomes_of_the_table(row: dict[str, Any], backend: str) -> None:
    base = program(row["programme"])
    day: datetime.date = row["date"]
    given = facts(row)
    run = BACKENDS[backend]
    found = {name: written(run(base, given, day, name), base, name) for name in row["attendu"]}
    assert found == row["attendu"]


@pytest.mark.parametrize("row", TABLE, ids=ids)
def test_the_back_ends_agree_exactly_on_every_rule(row: dict[str, Any]) -> None:
    base = program(row["programme"])
    given = facts(row)
    for name in sorted(base.rules):
        found = {b: comparable(run(base, given, row["date"], name)) for b, run in BACKENDS.items()}
        assert len(set(map(repr, found.values()))) == 1, (name, found)


def test_the_table_asserts_every_rule_of_every_program() -> None:
    asserted = {(row["programme"], name) for row in TABLE for name in row["attendu"]}
    for path in sorted((FIXTURES / "semantique").glob("*.alinea")):
        for name in program(path.name).rules:
            assert (path.name, name) in asserted, name


def test_the_z3_encoding_gives_every_outcome_it_can_encode() -> None:
    """The z3 encoding of `alinea diff`, translated from the lowered program of the date,
    knows neither unknown facts, nor gaps, nor evaluation errors: where the closures decide
    (a value or non applicable), every model of the situation must give that outcome; rules
    it does not encode (`Unsupported`) are counted, not compared."""
    compared, unsupported, wrong = 0, 0, []
    for row in TABLE:
        base, given = program(row["programme"]), facts(row)
        for name in sorted(base.rules):
            expected = BACKENDS["closures"](base, given, row["date"], name)
            if isinstance(expected, AlineaError | Unknown | NotCovered):
                continue
            try:
                found = symbolic.outcome(lower(base, row["date"]), given, name)
                wanted = symbolic.normal(expected)
            except Unsupported:
                unsupported += 1
                continue
            compared += 1
            if found != wanted:
                wrong.append((ids(row), name, wanted, found))
    assert wrong == []
    # gaps, durations in months given by a situation, months added to a date fact are not
    # encoded (18 outcomes of the table)
    assert compared >= 230, (compared, unsupported)
