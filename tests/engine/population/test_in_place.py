"""Checking a Parquet population where it lies: the file is taken as it is exactly when
`checking` would take it unchanged, and any cell it would refuse leaves it to `checking`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from alinea.dsl.diagnostics import render_all
from alinea.engine import PopulationError, load
from alinea.engine.population import checking, in_place, reading, synthetic, writing
from alinea.engine.sql.stored import Stored

FIXTURES = Path(__file__).parents[1] / "fixtures" / "population"
BASE = load(FIXTURES / "tous_les_types.alinea", cache=False)
FACTS = sorted(BASE.program.facts)


def generated(rows: int = 200) -> pa.Table:
    return synthetic.generate(BASE.program, rows)


def written(table: pa.Table, folder: Path, row_group_size: int | None = None) -> Path:
    path = folder / "p.parquet"
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def through_checking(path: Path, keep: list[str]) -> Stored:
    found = checking.checked(reading.read(path, BASE.program, keep), BASE.program)
    assert found.as_read
    return Stored.of(path, found.table)


@pytest.mark.parametrize("keep", [FACTS, ["revenu", "statut"], ["inconnu_de_la_base"]])
def test_a_population_in_the_layout_is_what_checking_makes_of_it(
    tmp_path: Path, keep: list[str]
) -> None:
    path = tmp_path / "p.parquet"
    writing.write_table(generated(), path)
    assert in_place.stored(path, BASE.program, keep) == through_checking(path, keep)


def test_columns_are_in_the_checked_order_and_full_ones_are_told(tmp_path: Path) -> None:
    table = synthetic.generate(BASE.program, 200, absent=0).select(["revenu", "membre", "id"])
    revenues = table.column("revenu").to_pylist()
    revenues[7] = None
    table = table.set_column(0, "revenu", pa.array(revenues, table.schema.field(0).type))
    found = in_place.stored(written(table, tmp_path), BASE.program, FACTS)
    assert found is not None
    assert (found.column_names, found.num_rows, found.full) == (
        ["id", "membre", "revenu"],
        200,
        frozenset({"id", "membre"}),
    )


def test_a_column_empty_everywhere_is_taken(tmp_path: Path) -> None:
    table = generated(20).select(["id", "statut", "arrivee"])
    table = table.set_column(1, "statut", pa.nulls(20, pa.string()))
    table = table.set_column(2, "arrivee", pa.nulls(20, pa.date32()))
    path = written(table, tmp_path)
    assert in_place.stored(path, BASE.program, FACTS) == through_checking(path, FACTS)


def _changed(table: pa.Table, name: str, row: int, value: Any) -> pa.Table:
    cells = table.column(name).to_pylist()
    cells[row] = value
    index = table.schema.get_field_index(name)
    return table.set_column(index, name, pa.array(cells, table.schema.field(index).type))


REFUSED = [
    ("statut", "chomeur", "P025", 'valeur hors de l\'énumération "chomeur"'),
    ("nombre", 10**15, "P026", "valeur hors limites 1000000000000000"),
    ("revenu", Decimal("-1000000000000000.00"), "P026", "valeur hors limites"),
    ("arrivee", datetime.date(2200, 1, 1), "P026", 'valeur hors limites "2200-01-01"'),
    (
        "anciennete",
        {"years": 0, "months": 0, "days": 0, "hours": 10**9},
        "P026",
        "valeur hors limites",
    ),
]


@pytest.mark.parametrize(("name", "value", "code", "message"), REFUSED)
def test_a_cell_checking_refuses_leaves_the_file_to_checking(
    tmp_path: Path, name: str, value: Any, code: str, message: str
) -> None:
    """Whichever row group it is in: checking then names its row."""
    path = written(_changed(generated(), name, 143, value), tmp_path, row_group_size=50)
    assert in_place.stored(path, BASE.program, FACTS) is None
    with pytest.raises(PopulationError) as caught:
        checking.check(reading.read(path, BASE.program), BASE.program)
    assert (
        render_all(caught.value.diagnostics)
        .split(" ;")[0]
        .startswith(f"error[{code}]: {path}, colonne « {name} », ligne 144 : {message}")
    )


def test_a_column_of_another_type_leaves_the_file_to_checking(tmp_path: Path) -> None:
    table = generated(20)
    index = table.schema.get_field_index("nombre")
    table = table.set_column(index, "nombre", table.column("nombre").cast(pa.string()))
    path = written(table, tmp_path)
    assert in_place.stored(path, BASE.program, FACTS) is None
    assert checking.checked(reading.read(path, BASE.program), BASE.program).table.equals(
        generated(20)
    )


@pytest.mark.parametrize("extension", ["csv", "jsonl"])
def test_other_formats_are_left_to_checking(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"p.{extension}"
    writing.write_table(generated(5), path)
    assert in_place.stored(path, BASE.program, FACTS) is None


def test_an_unknown_column_is_refused_as_when_reading(tmp_path: Path) -> None:
    table = generated(5).rename_columns(
        [("revenus" if n == "revenu" else n) for n in generated(5).column_names]
    )
    assert refused_as_when_reading(written(table, tmp_path)) == ["P022"]


def test_an_unreadable_file_is_refused_as_when_reading(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    path.write_bytes(b"PAR1 ce n'est pas du Parquet")
    assert refused_as_when_reading(path) == ["P021"]


def refused_as_when_reading(path: Path) -> list[str]:
    """The codes of what the in-place check refuses, once shown equal to reading's."""
    with pytest.raises(PopulationError) as caught:
        in_place.stored(path, BASE.program, FACTS)
    with pytest.raises(PopulationError) as when_reading:
        reading.read(path, BASE.program)
    assert caught.value.diagnostics == when_reading.value.diagnostics
    return [d.code for d in caught.value.diagnostics]
