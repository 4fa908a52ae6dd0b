"""Checking a population's cells against the facts, and converting them to the layout."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from alinea.dsl.diagnostics import render_all
from alinea.engine import FactDiagnostic, PopulationError, RuleBase, load
from alinea.engine.population import checking, reading
from alinea.engine.sql import layout

FIXTURES = Path(__file__).parents[1] / "fixtures" / "population"


def checked(rules: RuleBase, path: Path) -> pa.Table:
    return checking.check(reading.read(path, rules.program), rules.program)


def errors(rules: RuleBase, path: Path) -> list[str]:
    with pytest.raises(PopulationError) as caught:
        checked(rules, path)
    return render_all(caught.value.diagnostics).split("\n\n")


def test_text_cells_are_read_as_a_situation_writes_them(rules: RuleBase) -> None:
    """`10 339,50 €`, `4 mois` and `P1Y2M`; an id that is not a plain integer stays text."""
    table = checked(rules, FIXTURES / "point_virgule.csv")
    assert table.to_pylist() == [
        {
            "id": "007",
            "age": 34,
            "duree_residence_france": {"years": 0, "months": 4, "days": 0, "hours": 0},
            "modalite_seance": "visio",
            "ressources_annuelles_foyer": Decimal("10339.50"),
        },
        {
            "id": "8",
            "age": None,
            "duree_residence_france": {"years": 1, "months": 2, "days": 0, "hours": 0},
            "modalite_seance": "presentiel",
            "ressources_annuelles_foyer": None,
        },
    ]
    for name in table.column_names[1:]:
        assert table.schema.field(name).type == layout.fact_type(rules.program.facts[name].type)


def test_every_refused_cell_names_the_column_the_row_and_the_value(rules: RuleBase) -> None:
    path = FIXTURES / "valeurs.csv"
    limits = "   = aide : les limites des valeurs sont décrites dans docs/langage.md, « Limites »"
    assert errors(rules, path) == [
        f'error[P024]: {path}, colonne « age », ligne 2 : valeur invalide "trente" ; '
        "attendu : un nombre entier",
        f"error[P026]: {path}, colonne « age », ligne 4 : valeur hors limites "
        '"1000000000000000" ; attendu : un nombre entier d\'au plus 15 chiffres\n' + limits,
        f"error[P025]: {path}, colonne « modalite_seance », ligne 2 : valeur hors de "
        'l\'énumération "telephone" ; attendu : une des valeurs presentiel, visio',
        f"error[P024]: {path}, colonne « ressources_annuelles_foyer », ligne 3 : valeur "
        'invalide "12.345" ; attendu : un montant au centime près (deux décimales au plus)',
        f"error[P024]: {path}, colonne « duree_residence_france », ligne 3 : valeur invalide "
        '"P4Q" ; attendu : une durée ISO 8601 ("P4M", "P10D", "P1Y") ou "4 mois"',
        f"error[P026]: {path}, colonne « duree_residence_france », ligne 4 : valeur hors "
        'limites "P2000Y" ; attendu : une durée d\'au plus 1 000 ans (12 000 mois, 365 250 '
        "jours ou 8 766 000 heures)\n" + limits,
        f'error[P024]: {path}, colonne « beneficiaire_rsa », ligne 3 : valeur invalide "oui" '
        "; attendu : vrai ou faux (true / false)",
        "7 erreurs",
    ]


def test_a_jsonl_value_must_have_the_json_type_of_a_situation(rules: RuleBase) -> None:
    """`"true"` is no booléen, `3.5` no entier; `"35"` is an entier, as in `alinea eval`."""
    path = FIXTURES / "valeurs.jsonl"
    assert errors(rules, path) == [
        f"error[P024]: {path}, colonne « age », ligne 3 : valeur invalide 3.5 ; "
        "attendu : un nombre entier",
        f"error[P024]: {path}, colonne « beneficiaire_rsa », ligne 2 : valeur invalide "
        '"true" ; attendu : vrai ou faux (true / false)',
        f"error[P025]: {path}, colonne « modalite_seance », ligne 2 : valeur hors de "
        'l\'énumération "telephone" ; attendu : une des valeurs presentiel, visio',
        "3 erreurs",
    ]


def test_an_enumeration_value_gets_a_suggestion(rules: RuleBase, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("modalite_seance\nvisio\nvisoi\nvisoi\n", encoding="utf-8")
    with pytest.raises(PopulationError) as caught:
        checked(rules, path)
    (diagnostic,) = caught.value.diagnostics
    assert isinstance(diagnostic, FactDiagnostic)
    assert (diagnostic.fact, diagnostic.value, diagnostic.suggestion) == (
        "modalite_seance",
        "visoi",
        "visio",
    )
    assert render_all([diagnostic]) == (
        f"error[P025]: {path}, colonne « modalite_seance », ligne 2 : valeur hors de "
        'l\'énumération "visoi" ; attendu : une des valeurs presentiel, visio (et 1 autre '
        "ligne)\n   = aide : vouliez-vous dire « visio » ?\n\n1 erreur"
    )


def test_a_parquet_column_of_the_wrong_type_is_refused_whole(
    rules: RuleBase, tmp_path: Path
) -> None:
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"age": [None, 34.5], "beneficiaire_rsa": [1, 0]}), path)
    assert errors(rules, path) == [
        f"error[P023]: {path}, colonne « age » : une colonne de type double ne peut tenir le "
        "fait (entier) ; ligne 2 : 34.5\n   = aide : attendu : un nombre entier",
        f"error[P023]: {path}, colonne « beneficiaire_rsa » : une colonne de type int64 ne "
        "peut tenir le fait (booléen) ; ligne 1 : 1\n   = aide : attendu : vrai ou faux "
        "(true / false)",
        "2 erreurs",
    ]


def test_parquet_numbers_are_cast_exactly_or_refused(rules: RuleBase, tmp_path: Path) -> None:
    """Integers and doubles for a montant, when they are whole cents; a text date."""
    path = tmp_path / "p.parquet"
    good = {
        "age": pa.array([34, None], pa.int32()),
        "ressources_annuelles_foyer": pa.array([10339.1, 7.0]),
        "taille_foyer": pa.array([2, 3], pa.uint8()),
    }
    pq.write_table(pa.table(good), path)
    assert checked(rules, path).to_pylist() == [
        {"age": 34, "ressources_annuelles_foyer": Decimal("10339.10"), "taille_foyer": 2},
        {"age": None, "ressources_annuelles_foyer": Decimal("7.00"), "taille_foyer": 3},
    ]
    pq.write_table(pa.table({"ressources_annuelles_foyer": [1.5, 0.125]}), path)
    assert errors(rules, path)[0] == (
        f"error[P024]: {path}, colonne « ressources_annuelles_foyer », ligne 2 : valeur "
        "invalide 0.125 ; attendu : un montant au centime près (deux décimales au plus)"
    )


def test_a_column_empty_everywhere_is_an_absent_fact(rules: RuleBase, tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"age": pa.nulls(2), "modalite_seance": ["visio", None]}), path)
    table = checked(rules, path)
    assert table.column("age").type == pa.int64()
    assert table.to_pylist() == [
        {"age": None, "modalite_seance": "visio"},
        {"age": None, "modalite_seance": None},
    ]


def test_dates_out_of_the_calendar_are_refused(tmp_path: Path) -> None:
    from alinea.engine import load

    base = load(FIXTURES / "tous_les_types.alinea", cache=False)
    path = tmp_path / "p.parquet"
    days = [datetime.date(2026, 3, 1), datetime.date(1700, 1, 1)]
    pq.write_table(pa.table({"arrivee": days}), path)
    with pytest.raises(PopulationError) as caught:
        checking.check(reading.read(path, base.program), base.program)
    assert render_all(caught.value.diagnostics).split("\n")[0] == (
        f"error[P026]: {path}, colonne « arrivee », ligne 2 : valeur hors limites "
        '"1700-01-01" ; attendu : une date du 1800-01-01 au 2199-12-31'
    )


def test_a_column_already_in_the_layout_is_still_checked(rules: RuleBase, tmp_path: Path) -> None:
    """The quick look at a column of the layout's type (its distinct values, its smallest
    and largest cell) lets no refused cell through: the row is found all the same."""
    from alinea.engine.population import synthetic

    table = synthetic.generate(rules.program, 50).select(
        ["id", "modalite_seance", "ressources_annuelles_foyer"]
    )
    assert checking.check(reading.read(_parquet(table, tmp_path), rules.program), rules.program)
    money = table.column("ressources_annuelles_foyer").to_pylist()
    money[30] = Decimal("1000000000000000.00")
    modes = table.column("modalite_seance").to_pylist()
    modes[12] = "telephone"
    table = table.set_column(1, "modalite_seance", pa.array(modes))
    table = table.set_column(
        2, "ressources_annuelles_foyer", pa.array(money, table.schema.field(2).type)
    )
    path = _parquet(table, tmp_path)
    assert [line.split(" ;")[0] for line in errors(rules, path)[:2]] == [
        f"error[P025]: {path}, colonne « modalite_seance », ligne 13 : valeur hors de "
        'l\'énumération "telephone"',
        f"error[P026]: {path}, colonne « ressources_annuelles_foyer », ligne 31 : valeur hors "
        "limites 1000000000000000.00",
    ]


def _parquet(table: pa.Table, folder: Path) -> Path:
    path = folder / "p.parquet"
    pq.write_table(table, path)
    return path


def test_a_duration_past_the_limits_is_found_in_any_row_group(tmp_path: Path) -> None:
    """Durées already in the layout are looked at unit by unit over every part of the
    column: one too long in a later row group sends the column to the row-by-row check."""
    from alinea.engine.population import synthetic

    program = load(FIXTURES / "tous_les_types.alinea", cache=False).program
    table = synthetic.generate(program, 50).select(["id", "anciennete"])
    durations = table.column("anciennete").to_pylist()
    durations[37] = {"years": 2000, "months": 0, "days": 0, "hours": 0}
    table = table.set_column(1, "anciennete", pa.array(durations, layout.DURATION))
    path = tmp_path / "p.parquet"
    pq.write_table(table, path, row_group_size=10)
    raw = reading.read(path, program)
    assert raw.table.column("anciennete").num_chunks > 1
    with pytest.raises(PopulationError) as caught:
        checking.check(raw, program)
    assert render_all(caught.value.diagnostics).split(" ;")[0] == (
        f"error[P026]: {path}, colonne « anciennete », ligne 38 : valeur hors limites "
        '{"years": 2000, "months": 0, "days": 0, "hours": 0}'
    )


def test_a_population_already_in_the_layout_is_checked_without_duckdb(
    rules: RuleBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its columns pass the quick look, so nothing is converted: the check opens no
    connection (a text column, which must be converted, still does)."""
    from alinea.engine.population import synthetic

    table = synthetic.generate(rules.program, 50).select(["id", "age", "modalite_seance"])
    raw = reading.read(_parquet(table, tmp_path), rules.program)

    def refused() -> None:
        raise AssertionError("DuckDB opened")

    monkeypatch.setattr(checking, "connect", refused)
    assert checking.check(raw, rules.program).equals(table)
    texts = table.set_column(1, "age", table.column("age").cast(pa.string()))
    with pytest.raises(AssertionError, match="DuckDB opened"):
        checking.check(reading.read(_parquet(texts, tmp_path), rules.program), rules.program)
