"""The synthetic population: seeded, in the layout, plausible, valid for the checker."""

from __future__ import annotations

from pathlib import Path

import pyarrow.compute as pc
import pytest

from alinea.engine import RuleBase, load
from alinea.engine.population import synthetic
from alinea.engine.sql import layout

FIXTURES = Path(__file__).parents[1] / "fixtures" / "population"
ROWS = 4000


@pytest.fixture(scope="module")
def population(rules: RuleBase) -> synthetic.pa.Table:
    return synthetic.generate(rules.program, ROWS)


def test_the_same_seed_gives_the_same_table(rules: RuleBase, population: object) -> None:
    assert synthetic.generate(rules.program, ROWS).equals(population)
    assert not synthetic.generate(rules.program, ROWS, seed=7).equals(population)


def test_a_fact_draws_the_same_values_whatever_the_other_facts(tmp_path: Path) -> None:
    """Each fact has its own generator: a base with one more fact changes no other column."""
    text = (FIXTURES / "tous_les_types.alinea").read_text(encoding="utf-8")
    one = load(FIXTURES / "tous_les_types.alinea", cache=False)
    (tmp_path / "plus.alinea").write_text(
        text + "\ndonnée supplementaire : booléen\n", encoding="utf-8"
    )
    two = load(tmp_path / "plus.alinea", cache=False)
    first, second = synthetic.generate(one.program, 500), synthetic.generate(two.program, 500)
    assert second.drop_columns(["supplementaire"]).equals(first)


def test_one_column_per_fact_in_the_layout(rules: RuleBase, population: object) -> None:
    table = population
    assert isinstance(table, synthetic.pa.Table)
    assert table.column_names == [layout.ID, *rules.facts]
    assert table.column(layout.ID).to_pylist()[:3] == [1, 2, 3]
    for name in rules.facts:
        assert table.schema.field(name).type == layout.fact_type(rules.program.facts[name].type)


def test_about_one_fact_in_ten_is_absent(rules: RuleBase, population: object) -> None:
    assert isinstance(population, synthetic.pa.Table)
    for name in rules.facts:
        share = population.column(name).null_count / ROWS
        assert 0.07 < share < 0.13, name
    complete = synthetic.generate(rules.program, 100, absent=0)
    assert sum(column.null_count for column in complete.columns) == 0


def test_values_are_within_the_declared_domains(rules: RuleBase, population: object) -> None:
    assert isinstance(population, synthetic.pa.Table)
    for name, fact in rules.program.facts.items():
        values = set(population.column(name).drop_null().to_pylist()) if fact.type.values else set()
        assert values <= set(fact.type.values), name
    sizes = population.column("taille_foyer")
    assert pc.min(sizes).as_py() >= 1 and pc.max(sizes).as_py() <= 30
    assert pc.min(population.column("age")).as_py() >= 0


def test_the_draws_are_plausible(population: object) -> None:
    """Overseas départements only outre-mer; AME only for an irregular stay; few foreigners."""
    assert isinstance(population, synthetic.pa.Table)
    rows = population.select(
        ["departement", "residence_outre_mer", "beneficiaire_ame", "situation_sejour"]
    ).to_pylist()
    for row in rows:
        if row["departement"] is not None and row["residence_outre_mer"] is not None:
            assert row["departement"].startswith("97") == row["residence_outre_mer"]
        if row["beneficiaire_ame"] and row["situation_sejour"] is not None:
            assert row["situation_sejour"] == "sejour_irregulier"
    stays = [row["situation_sejour"] for row in rows if row["situation_sejour"]]
    assert 0.8 < stays.count("nationalite_francaise") / len(stays) < 0.95


def test_a_fact_unknown_to_the_distributions_is_drawn_by_its_type() -> None:
    base = load(FIXTURES / "tous_les_types.alinea", cache=False)
    table = synthetic.generate(base.program, 2000, absent=0)
    assert set(table.column("nombre").to_pylist()) == {5, 6, 7}
    assert set(table.column("statut").to_pylist()) == {"salarie", "etudiant", "retraite"}
    assert set(table.column("membre").to_pylist()) == {True, False}
