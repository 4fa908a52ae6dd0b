"""A Parquet population in the layout, read by DuckDB where it lies: the same output as the
checked table it stands for, whole, in parts, with completion, and with facts absent."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from alinea.engine import load
from alinea.engine.population import checking, execution, reading, synthetic
from alinea.engine.sql import runner
from alinea.engine.sql.stored import Stored

POPULATION = Path("tests/cli/fixtures/population/quarante.parquet")
CSV = Path("tests/cli/fixtures/population/quarante.csv")
DATE = "2026-03-01"


def _checked(path: Path) -> checking.Checked:
    return checking.checked(reading.read(path, load().program), load().program)


def test_a_parquet_file_in_the_layout_is_as_read_and_a_csv_is_not() -> None:
    assert _checked(POPULATION).as_read
    assert not _checked(CSV).as_read


def test_a_converted_column_is_not_as_read(tmp_path: Path) -> None:
    table = pq.read_table(POPULATION)
    age = table.column_names.index("age")
    converted = table.set_column(age, "age", table.column("age").cast(pa.int16()))
    pq.write_table(converted, tmp_path / "p.parquet")
    found = _checked(tmp_path / "p.parquet")
    assert not found.as_read
    assert found.table.equals(_checked(POPULATION).table)


@pytest.mark.parametrize("part_rows", [1 << 20, 16])
def test_the_stored_file_gives_the_output_of_its_checked_table(part_rows: int) -> None:
    rules = load()
    table = _checked(POPULATION).table
    query = rules.query(date=DATE, columns=table.column_names)
    assert query.completion is not None
    expected = pa.concat_tables(execution.parts(query, table, part_rows=part_rows))
    stored = Stored.of(POPULATION, table)
    found = pa.concat_tables(execution.parts(query, stored, part_rows=part_rows))
    assert found.equals(expected)
    assert found.num_rows == 40


def test_a_stored_file_without_some_facts_and_complete_rows_gives_the_same(
    tmp_path: Path,
) -> None:
    rules = load()
    table = synthetic.generate(rules.program, 300, seed=5, absent=0.0)
    table = table.drop_columns(["age"])
    pq.write_table(table, tmp_path / "p.parquet")
    checked = checking.checked(reading.read(tmp_path / "p.parquet", rules.program), rules.program)
    assert checked.as_read
    query = rules.query(date=DATE, columns=checked.table.column_names)
    stored = Stored.of(tmp_path / "p.parquet", checked.table)
    assert runner.complete(stored, query.facts) == runner.complete(checked.table, query.facts)
    found = pa.concat_tables(runner.batches(query, stored, rows=64))
    assert found.equals(runner.run(query, checked.table))


def test_a_slice_is_a_window_of_the_file() -> None:
    stored = Stored.of(POPULATION, _checked(POPULATION).table)
    part = stored.slice(16, 16).slice(8, 100)
    assert (part.start, part.num_rows) == (24, 8)
    assert stored.slice(48, 16).num_rows == 0
