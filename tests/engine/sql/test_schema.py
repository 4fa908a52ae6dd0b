"""A population's columns are checked against the facts before any work, every problem
named with its column."""

from __future__ import annotations

import pyarrow as pa
import pytest

from alinea.dsl.errors import PopulationError, UsageError
from alinea.engine import load

RULES = load()


def problems(table: pa.Table) -> list[tuple[str, str, str | None]]:
    with pytest.raises(UsageError) as raised:
        RULES.evaluate_table(table, date="2026-03-01", only=["css.droit"])
    return [(d.code, d.message, d.hint) for d in raised.value.diagnostics]


def test_a_column_that_is_not_a_fact_is_named_with_the_closest_fact() -> None:
    table = pa.table({"id": [1], "agee": [30], "_row": [0]})
    assert problems(table) == [
        (
            "P003",
            "la colonne « agee » n'est pas une donnée de la base",
            "vouliez-vous dire « age » ?",
        ),
        (
            "P003",
            "la colonne « _row » n'est pas une donnée de la base",
            "les colonnes sont les noms des données (alinea doc), et « id »",
        ),
    ]


def test_a_float_amount_and_a_text_age_do_not_fit() -> None:
    table = pa.table({"ressources_annuelles_foyer": [1.5], "age": ["30"]})
    assert problems(table) == [
        (
            "P004",
            "la colonne « ressources_annuelles_foyer » est de type Arrow double, qui ne tient "
            "pas une donnée de type montant",
            "attendu : decimal128(38, 2)",
        ),
        (
            "P004",
            "la colonne « age » est de type Arrow string, qui ne tient pas une donnée de type "
            "entier",
            "attendu : int64",
        ),
    ]


def test_compatible_types_are_read_as_the_facts() -> None:
    table = pa.table(
        {
            "id": ["a", "b"],
            "age": pa.array([30, None], pa.int8()),
            "taille_foyer": pa.array([1, 1], pa.int32()),
            "residence_outre_mer": [False, None],
            "ressources_annuelles_foyer": pa.array([5000, 100000], pa.int64()),
            "situation_sejour": pa.array(["nationalite_francaise"] * 2).dictionary_encode(),
        }
    )
    output = RULES.evaluate_table(table, date="2026-03-01", only=["css.plafond_gratuite"])
    assert output.column("id").to_pylist() == ["a", "b"]
    assert [str(v) for v in output.column("css.plafond_gratuite").to_pylist()] == [
        "10339",
        "None",
    ]
    assert output.column("css.plafond_gratuite.statut").to_pylist() == ["valeur", "inconnu"]


def test_every_cell_is_checked_as_a_batch_checks_it() -> None:
    """A value outside the enumeration would silently match no case in SQL: it is refused
    with its column, its row (from 1) and the value, as `alinea batch` refuses it."""
    table = pa.table({"situation_sejour": ["nationalite_francaise", "touriste"], "age": [30, 40]})
    with pytest.raises(PopulationError) as raised:
        RULES.evaluate_table(table, date="2026-03-01", only=["css.droit"])
    assert [(d.code, d.message) for d in raised.value.diagnostics] == [
        (
            "P025",
            "table, colonne « situation_sejour », ligne 2 : valeur hors de l'énumération "
            '"touriste" ; attendu : une des valeurs nationalite_francaise, sejour_regulier, '
            "sejour_irregulier",
        ),
    ]
