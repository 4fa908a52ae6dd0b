"""The DuckDB runner: its output a batch at a time, the same as whole, and its memory
limit (spilling to its own folder, a clear error when even that is not enough)."""

from __future__ import annotations

from pathlib import Path

import attrs
import duckdb
import pyarrow as pa
import pytest

from alinea.dsl.errors import EvaluationError
from alinea.engine import load
from alinea.engine.population import checking, reading, synthetic
from alinea.engine.sql import layout, runner

POPULATION = Path("tests/cli/fixtures/population/quarante.parquet")
DATE = "2026-03-01"


@pytest.fixture(scope="module")
def population() -> tuple[runner.Query, pa.Table]:
    rules = load()
    table = checking.check(reading.read(POPULATION, rules.program), rules.program)
    return rules.query(date=DATE, columns=table.column_names), table


def test_batches_give_the_rows_in_order_as_the_whole_run(
    population: tuple[runner.Query, pa.Table],
) -> None:
    query, table = population
    whole = runner.run(query, table)
    parts = list(runner.batches(query, table, rows=16))
    assert [part.num_rows for part in parts] == [16, 16, 8]
    assert pa.concat_tables(parts).equals(whole)


def test_a_memory_limit_spills_and_gives_the_same_rows(
    population: tuple[runner.Query, pa.Table],
) -> None:
    query, table = population
    limited = pa.concat_tables(runner.batches(query, table, memory=100_000_000))
    assert limited.equals(runner.run(query, table))


def test_too_little_memory_is_an_error_that_says_so(
    population: tuple[runner.Query, pa.Table],
) -> None:
    query, table = population
    with pytest.raises(EvaluationError) as raised:
        list(runner.batches(query, table, memory=100_000))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "P035"
    assert diagnostic.message.startswith(
        "DuckDB manque de mémoire (limite : 0,1 Mo) : Out of Memory Error: "
    )
    assert diagnostic.hint == "donnez plus de mémoire (--memoire) ou moins de lignes à la fois"


def test_a_complete_table_skips_completion_with_the_same_rows() -> None:
    """No fact absent, nothing to complete: the query without masks and plan gives what
    the completion path gives."""
    rules = load()
    table = synthetic.generate(rules.program, 300, seed=7, absent=0.0)
    query = rules.query(date=DATE, columns=table.column_names)
    assert query.completion is not None and query.direct is not None
    assert runner.complete(table, query.facts)
    direct = runner.run(query, table)
    through_completion = runner.run(attrs.evolve(query, direct=None), table)
    assert direct.equals(through_completion)
    assert not runner.complete(table.drop_columns(["age"]), query.facts)


def test_the_main_output_codes_statuses_on_one_byte_and_sources_on_two(
    population: tuple[runner.Query, pa.Table],
) -> None:
    query, table = population
    connection = duckdb.connect()
    connection.register(layout.TABLE, runner.numbered(table, query.facts))
    found = connection.sql(query.coded.sql(dialect="duckdb")).to_arrow_table().schema
    for name in query.names:
        assert found.field(layout.status_column(name)).type == pa.int8(), name
        assert found.field(layout.source_column(name)).type == pa.int16(), name
