"""The cells completion decides, put in place batch by batch in Arrow: the same output as the
SQL `final` (which Spark runs), across the batches' boundaries, and without the main output
kept as a table."""

from __future__ import annotations

import decimal
from pathlib import Path
from typing import ClassVar

import duckdb
import pyarrow as pa
import pytest

from alinea.engine import load
from alinea.engine.population import synthetic
from alinea.engine.sql import layout, patching, runner, trees
from alinea.engine.sql.compiled import Query
from alinea.engine.sql.terms import Code

DATE = "2026-03-01"
DURATION = pa.struct([("months", pa.int32()), ("days", pa.int32())])


def _batch(first: int, count: int) -> pa.RecordBatch:
    return pa.record_batch(
        {
            layout.ROW: pa.array(range(first, first + count), pa.int64()),
            "a": pa.array([decimal.Decimal(k) for k in range(count)], pa.decimal128(18, 2)),
            "a.statut": pa.array([Code.UNKNOWN] * count, pa.int8()),
            "a.source": pa.array([None] * count, pa.int16()),
            "b": pa.array([None] * count, DURATION),
            "b.statut": pa.array([Code.UNKNOWN] * count, pa.int8()),
            "b.source": pa.array([7] * count, pa.int16()),
        }
    )


CELLS = pa.table(
    {
        layout.ROW: pa.array([1, 3, 4], pa.int64()),
        "_ok0": [True, False, True],
        "_v0": pa.array([decimal.Decimal("9.5"), None, decimal.Decimal("8")], pa.decimal128(38, 2)),
        "_o0": pa.array([3, None, 4], pa.int32()),
        "_ok1": [None, True, False],
        "_v1": pa.array([None, {"months": 4, "days": 0}, None], DURATION),
        "_o1": pa.array([None, 5, None], pa.int32()),
    }
)


def test_each_decided_cell_takes_its_value_status_and_source_in_its_batch() -> None:
    cells = patching.Cells(CELLS, ["a", "b"])
    first, second = cells.patched(_batch(0, 3)), cells.patched(_batch(3, 3))
    assert first.column("a").to_pylist() == [0, decimal.Decimal("9.5"), 2]
    assert first.column("a.statut").to_pylist() == [Code.UNKNOWN, Code.VALUE, Code.UNKNOWN]
    assert first.column("a.source").to_pylist() == [None, 3, None]
    assert first.column("b").equals(_batch(0, 3).column("b"))
    assert second.column("a").to_pylist() == [0, decimal.Decimal("8"), 2]
    assert second.column("a.statut").to_pylist() == [Code.UNKNOWN, Code.VALUE, Code.UNKNOWN]
    assert second.column("b").to_pylist() == [{"months": 4, "days": 0}, None, None]
    assert second.column("b.statut").to_pylist() == [Code.VALUE, Code.UNKNOWN, Code.UNKNOWN]
    assert second.column("b.source").to_pylist() == [5, 7, 7]
    assert second.schema == _batch(3, 3).schema


def test_a_batch_without_decided_cells_is_given_back_as_it_is() -> None:
    batch = _batch(5, 4)
    assert patching.Cells(CELLS, ["a", "b"]).patched(batch) is batch


def test_rows_out_of_order_are_refused_rather_than_patched_wrongly() -> None:
    shuffled = _batch(0, 4).take(pa.array([0, 2, 1, 3]))
    with pytest.raises(RuntimeError, match="out of the order of the rows"):
        patching.Cells(CELLS, ["a", "b"]).patched(shuffled)


@pytest.fixture(scope="module")
def population() -> tuple[Query, pa.Table]:
    rules = load()
    table = synthetic.generate(rules.program, 600, seed=11, absent=0.3)
    return rules.query(date=DATE, columns=table.column_names), table


def test_the_patched_output_is_the_sql_final_in_every_batch(
    population: tuple[Query, pa.Table],
) -> None:
    query, table = population
    connection = duckdb.connect()
    connection.execute("SET preserve_insertion_order = false")
    connection.register(layout.TABLE, runner.numbered(table, query.facts))
    final = connection.sql(runner.completed(query, runner.DuckDB(connection), "duckdb"))
    expected = runner.decoded(query, final.to_arrow_table())
    assert query.completion is not None
    decided = connection.sql(query.completion.cells.sql(dialect="duckdb")).to_arrow_table()
    assert decided.num_rows >= 20  # enough cells decided for the comparison to mean something
    parts = list(runner.batches(query, table, rows=64))
    assert len(parts) == 10
    assert pa.concat_tables(parts).equals(expected)


class Recorded(runner.DuckDB):
    """The plan's engine, each table it makes recorded."""

    made: ClassVar[list[str]] = []

    def materialize(self, name: str, sql: str) -> int:
        Recorded.made.append(name)
        return super().materialize(name, sql)


def test_the_trees_grow_without_the_main_output_as_a_table(
    population: tuple[Query, pa.Table], tmp_path: Path
) -> None:
    query, table = population
    assert query.completion is not None
    connection = duckdb.connect()
    connection.register(layout.TABLE, runner.numbered(table, query.facts))
    Recorded.made.clear()
    spooled = runner.spooled(connection, query, query.completion, tmp_path, 64, Recorded)
    assert len(list(spooled)) == 10
    assert trees.MAIN not in Recorded.made
    assert Recorded.made[:3] == [trees.FOUND, trees.PROBED, trees.PROBED_FOUND]
    tables = {name for (name,) in connection.execute("SHOW TABLES").fetchall()}
    assert tables == {layout.TABLE, trees.NODES, trees.FOUND, trees.VERDICTS}
