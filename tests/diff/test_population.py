"""The population diff: per conclusion, the rows that change and how, counted in DuckDB over
the two sides' results, checked against a count made row by row in Python."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from pathlib import Path
from statistics import median_low

import pyarrow as pa
import pytest

from alinea.diff import population
from alinea.diff.population import Side
from alinea.engine import RuleBase
from alinea.engine.population import checking, reading, synthetic
from alinea.engine.sql import layout
from tests.diff.reference import results

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ["css.droit", "css.plafond_gratuite", "mon_soutien_psy.plafond_seances", "ame.droit"]
DAYS = datetime.date(2025, 3, 1), datetime.date(2026, 3, 1)
SIDES = Side("avant", ("--date", "2025-03-01")), Side("après", ("--date", "2026-03-01"))


@pytest.fixture(scope="module")
def sides(rules: RuleBase) -> tuple[pa.Table, pa.Table]:
    table = synthetic.generate(rules.program, 600, seed=11)
    return results(rules, table, DAYS[0], NAMES), results(rules, table, DAYS[1], NAMES)


def outcome(table: pa.Table, name: str, line: int) -> tuple[str, object]:
    status = table.column(layout.status_column(name))[line].as_py()
    return status, table.column(name)[line].as_py() if status == "valeur" else None


def test_every_changed_row_is_counted_in_its_transition(
    rules: RuleBase, sides: tuple[pa.Table, pa.Table]
) -> None:
    old, new = sides
    report = population.compare(old, new, NAMES, rules.program, "p.parquet", SIDES)
    for name in NAMES:
        expected: Counter[tuple[tuple[str, object], tuple[str, object]]] = Counter()
        first: dict[tuple[tuple[str, object], tuple[str, object]], list[int]] = {}
        for line in range(old.num_rows):
            pair = outcome(old, name, line), outcome(new, name, line)
            if pair[0] != pair[1]:
                expected[pair] += 1
                first.setdefault(pair, []).append(line + 1)
        change = next((c for c in report.changes if c.name == name), None)
        if not expected:
            assert change is None and name in report.unchanged
            continue
        assert change is not None
        assert change.changed == sum(expected.values())
        for transition in change.transitions:
            key = (
                (transition.old.status, _value(transition.old.value, old, name)),
                (transition.new.status, _value(transition.new.value, new, name)),
            )
            assert transition.rows == expected[key], (name, key)
            assert [e.line for e in transition.examples] == first[key][:3]
            assert [e.id for e in transition.examples] == first[key][:3]  # ids are 1…n
        counts = sorted(expected.values(), reverse=True)
        assert [t.rows for t in change.transitions] == counts[: len(change.transitions)]


def _value(text: str | None, table: pa.Table, name: str) -> object:
    """A transition's value back as the results hold it."""
    if text is None:
        return None
    kind = table.schema.field(name).type
    if pa.types.is_boolean(kind):
        return text == "true"
    if pa.types.is_decimal(kind):
        return Decimal(text)
    if pa.types.is_integer(kind):
        return int(text)
    return text


def test_amounts_gained_and_lost(rules: RuleBase, sides: tuple[pa.Table, pa.Table]) -> None:
    old, new = sides
    report = population.compare(old, new, NAMES, rules.program, "p.parquet", SIDES)
    (change,) = [c for c in report.changes if c.name == "css.plafond_gratuite"]
    deltas = [
        b - a
        for a, b, sa, sb in zip(
            old.column("css.plafond_gratuite").to_pylist(),
            new.column("css.plafond_gratuite").to_pylist(),
            old.column("css.plafond_gratuite.statut").to_pylist(),
            new.column("css.plafond_gratuite.statut").to_pylist(),
            strict=True,
        )
        if sa == sb == "valeur" and a != b
    ]
    gains = [d for d in deltas if d > 0]
    assert change.amounts is not None
    assert (change.amounts.gained_rows, change.amounts.gained_sum) == (len(gains), sum(gains))
    assert change.amounts.gained_median == median_low(gains)
    assert (change.amounts.lost_rows, change.amounts.lost_median) == (0, None)
    sessions = next(c for c in report.changes if c.name == "mon_soutien_psy.plafond_seances")
    assert sessions.amounts is None  # an entier is no amount of money


def test_nothing_changes_between_a_day_and_itself(rules: RuleBase) -> None:
    path = FIXTURES / "foyers.csv"
    day = DAYS[1]
    old, new = population.results(str(path), [(rules.program, day), (rules.program, day)], NAMES)
    report = population.compare(old, new, NAMES, rules.program, str(path), SIDES)
    assert (report.changed, report.changes, report.unchanged) == (False, (), tuple(NAMES))


def test_the_commands_explain_each_side(rules: RuleBase) -> None:
    report = population.PopulationReport(
        "p.csv", 1, Side("a", ("vieux/", "--date", "2026-03-01")), Side("b", None), (), ()
    )
    assert report.commands("css.droit", 7) == [
        "alinea explain css.droit vieux/ --date 2026-03-01 --population p.csv --ligne 7"
    ]


def test_the_population_is_read_with_the_facts_of_either_side(rules: RuleBase) -> None:
    """A column the old side knows is no error when the new side dropped the fact."""
    raw = reading.read(FIXTURES / "foyers.csv", [rules.program])
    assert "age" in raw.columns
    assert "age" not in raw.only({"taille_foyer"}).columns
    checking.check(raw.only(rules.program.facts), rules.program)
