"""The same compiled query on Spark SQL (local[2]) gives what DuckDB gives, row for row, on
a synthetic population with absent facts: every conclusion of the bundled base. Java and
pyspark are installed by `make test` (the dev extra, `.ci/system-packages`); the session
takes seconds to start, so one population serves the whole module."""

from __future__ import annotations

import pyarrow as pa
import pytest

from alinea.engine import RuleBase
from alinea.engine.population import checking, execution, reading, spark, synthetic
from alinea.engine.population.execution import Engine
from alinea.engine.sql.runner import run

DATES = ["2026-03-01"]
CSS = ["css.droit", "css.plafond_gratuite", "css.plafond_participation"]


@pytest.fixture(scope="module")
def population(rules: RuleBase) -> pa.Table:
    return synthetic.generate(rules.program, 300, seed=3)


@pytest.mark.parametrize("day", DATES)
def test_spark_gives_what_duckdb_gives(rules: RuleBase, population: pa.Table, day: str) -> None:
    assert spark.available() is None, "Java et pyspark : lancez make test (ou make system-packages)"
    query = rules.query(date=day, columns=population.column_names)
    on_duckdb = run(query, population)
    on_spark = spark.run(query, population)
    assert on_spark.schema == on_duckdb.schema
    for name in on_duckdb.column_names:
        assert on_spark.column(name).to_pylist() == on_duckdb.column(name).to_pylist(), name


def test_the_parts_of_spark_keep_the_order_of_the_rows(
    rules: RuleBase, population: pa.Table
) -> None:
    query = rules.query(date=DATES[0], only=["css.droit"], columns=population.column_names)
    parts = list(execution.parts(query, population, Engine.SPARK, part_rows=128))
    assert [part.num_rows for part in parts] == [128, 128, 44]
    assert pa.concat_tables(parts).column("id").to_pylist() == list(range(1, 301))


def test_amounts_a_cent_from_a_ceiling_compare_as_on_duckdb(rules: RuleBase) -> None:
    """Spark compares two decimals of different scales in the type of the one with fewer
    decimals (10338.73 < 10339 was false): the ceilings of the CSS, a cent either side."""
    path = "tests/engine/fixtures/population/plafonds.csv"
    population = checking.check(reading.read(path, rules.program), rules.program)
    query = rules.query(date=DATES[0], only=CSS, columns=population.column_names)
    on_duckdb, on_spark = run(query, population), spark.run(query, population)
    assert on_duckdb.column("css.droit").to_pylist() == [
        "gratuite", "avec_participation", "avec_participation", "avec_participation",
        "avec_participation", "aucun", "gratuite", "avec_participation", "avec_participation",
        "avec_participation", "aucun",
    ]  # fmt: skip
    for name in on_duckdb.column_names:
        assert on_spark.column(name).to_pylist() == on_duckdb.column(name).to_pylist(), name


def test_an_empty_population_gives_an_empty_table_of_the_same_schema(
    rules: RuleBase, population: pa.Table
) -> None:
    empty = population.slice(0, 0)
    query = rules.query(date=DATES[0], only=CSS, columns=empty.column_names)
    on_spark = spark.run(query, empty)
    assert on_spark.num_rows == 0
    assert on_spark.schema == run(query, empty).schema
