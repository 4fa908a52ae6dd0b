"""Each step of the SQL completion timed, on DuckDB, over a population file (issue 11).

    .venv/bin/python bench/bench_completion.py POPULATION.parquet [--date 2026-03-01]

Every public CSS, AME and Mon soutien psy conclusion (as `bench_batch.py`). Prints, for each
statement of the plan (`engine/sql/completion.py`), the table it makes, its rows and its
time, then the final read and the peak memory of the process. One run: state the load.
"""

from __future__ import annotations

import argparse
import resource
import time

import duckdb
import pyarrow.parquet as pq

from alinea.engine import load
from alinea.engine.sql import layout, runner

SCHEMES = ("css.", "ame.", "mon_soutien_psy.")


class Timed(runner.DuckDB):
    """The DuckDB engine of the runner, each statement timed."""

    def materialize(self, name: str, sql: str) -> int:
        start = time.perf_counter()
        count = super().materialize(name, sql)
        print(f"{name:22s} {count:>12,} rows {time.perf_counter() - start:7.2f} s", flush=True)
        return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("population")
    parser.add_argument("--date", default="2026-03-01")
    arguments = parser.parse_args()
    rules = load()
    names = [n for n in rules.conclusions if n.startswith(SCHEMES)]
    table = pq.read_table(arguments.population)
    query = rules.query(date=arguments.date, only=names, columns=table.column_names)
    connection = duckdb.connect()
    connection.execute("SET preserve_insertion_order = false")
    connection.register(layout.TABLE, runner.numbered(table, query.facts))
    start = time.perf_counter()
    final = runner.completed(query, Timed(connection), "duckdb")
    read = time.perf_counter()
    rows = connection.sql(final).to_arrow_table().num_rows
    end = time.perf_counter()
    print(f"{'final':22s} {rows:>12,} rows {end - read:7.2f} s")
    print(f"completion and final, in all: {end - start:.2f} s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    connection.close()


if __name__ == "__main__":
    main()
