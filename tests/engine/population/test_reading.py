"""Reading a population: the file, its format and its column names, before any row."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from alinea.dsl.diagnostics import render_all
from alinea.engine import AlineaError, RuleBase, UsageError
from alinea.engine.population import reading
from alinea.engine.population.formats import Format
from alinea.engine.population.formats import of as format_of
from alinea.engine.population.reading import ROW

FIXTURES = Path(__file__).parents[1] / "fixtures" / "population"


def errors(rules: RuleBase, path: Path) -> str:
    with pytest.raises(AlineaError) as caught:
        reading.read(path, rules.program)
    return render_all(caught.value.diagnostics)


def test_the_format_is_told_by_the_extension() -> None:
    assert [format_of(f"p.{ext}") for ext in ("parquet", "CSV", "jsonl", "ndjson")] == [
        Format.PARQUET,
        Format.CSV,
        Format.JSONL,
        Format.JSONL,
    ]
    with pytest.raises(UsageError) as caught:
        format_of("population.xlsx")
    assert render_all(caught.value.diagnostics) == (
        "error[P020]: POPULATION : format inconnu pour « population.xlsx »\n"
        "   = aide : une population est un fichier .parquet, .csv ou .jsonl (une situation "
        "JSON par ligne)\n\n1 erreur"
    )


def test_a_column_that_is_not_a_fact_is_refused_with_a_suggestion(rules: RuleBase) -> None:
    path = FIXTURES / "colonne_inconnue.csv"
    assert errors(rules, path) == (
        f"error[P022]: {path} : colonne inconnue « agee » : ce n'est pas un fait\n"
        "   = aide : vouliez-vous dire « age » ?\n\n1 erreur"
    )


def test_a_column_given_twice_is_refused(rules: RuleBase) -> None:
    path = FIXTURES / "colonne_double.csv"
    assert errors(rules, path) == (
        f"error[P027]: {path} : colonne « age » donnée deux fois\n"
        "   = aide : gardez une seule colonne par fait\n\n1 erreur"
    )


HINT = "   = aide : une population est un fichier Parquet, CSV (avec une ligne d'en-tête) ou JSONL"


@pytest.mark.parametrize(
    ("name", "cause"),
    [
        ("absente.csv", "fichier introuvable"),
        ("abime.parquet", "lecture refusée par DuckDB (Invalid Input Error: No magic bytes found"),
        (
            "lignes_inegales.csv",
            "lecture refusée par DuckDB (Invalid Input Error: CSV Error on Line: 3 ; "
            "Expected Number of Columns: 2 Found: 3)",
        ),
    ],
)
def test_an_unreadable_file_says_why(rules: RuleBase, name: str, cause: str) -> None:
    path = FIXTURES / name
    first, hint = errors(rules, path).split("\n")[:2]
    assert first.startswith(f"error[P021]: population illisible « {path} » : {cause}")
    assert hint == HINT


def test_a_folder_is_not_a_population(rules: RuleBase, tmp_path: Path) -> None:
    folder = tmp_path / "dossier.csv"
    folder.mkdir()
    assert errors(rules, folder).split("\n")[0] == (
        f"error[P021]: population illisible « {folder} » : c'est un dossier"
    )


def test_a_csv_reads_as_text_in_the_order_of_the_file(rules: RuleBase) -> None:
    """A semicolon is a delimiter too; every cell is text, an empty one absent; the rows are
    numbered from 1."""
    raw = reading.read(FIXTURES / "point_virgule.csv", rules.program)
    assert raw.columns == [
        "id",
        "age",
        "modalite_seance",
        "duree_residence_france",
        "ressources_annuelles_foyer",
    ]
    assert raw.table.column("age").to_pylist() == ["34", None]
    assert raw.table.column(ROW).to_pylist() == [1, 2]


def test_a_jsonl_cell_keeps_its_json_type(rules: RuleBase) -> None:
    raw = reading.read(FIXTURES / "valeurs.jsonl", rules.program)
    assert raw.table.column("beneficiaire_rsa").to_pylist() == ["true", "true", None]
    assert raw.json_types["beneficiaire_rsa"].to_pylist() == ["BOOLEAN", "VARCHAR", None]


def test_a_parquet_interval_is_read_as_a_duration(rules: RuleBase) -> None:
    """DuckDB writes a durée as a Parquet interval (pyarrow would read it as twelve bytes)."""
    raw = reading.read(FIXTURES / "duree_intervalle.parquet", rules.program)
    durations = raw.table.column("duree_residence_france")
    assert durations.type == pa.month_day_nano_interval()
    assert [None if d is None else (d.months, d.days) for d in durations.to_pylist()] == [
        (3, 0),
        (24, 10),
        None,
    ]
    assert raw.table.column("age").to_pylist() == [34, None, 70]
