"""Each step of the SQL completion timed, on DuckDB, over a population file (issue 11).

    .venv/bin/python bench/bench_completion.py POPULATION.parquet [--date 2026-03-01]

Every public CSS, AME and Mon soutien psy conclusion (as `bench_batch.py`). Prints, for each
statement of the plan (`engine/sql/completion.py`), the table it makes, its rows, its time
and the memory after it; then the spool read back with the decided cells in place
(`engine/sql/patching.py`) and the peak memory of the process. One run: state the load.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from alinea.engine import load
from alinea.engine.sql import layout, runner

SCHEMES = ("css.", "ame.", "mon_soutien_psy.")


class Timed(runner.DuckDB):
    """The DuckDB engine of the runner, each statement timed, with the memory DuckDB holds
    after it and the process's peak so far."""

    def materialize(self, name: str, sql: str) -> int:
        start = time.perf_counter()
        count = super().materialize(name, sql)
        took = time.perf_counter() - start
        ((held,),) = self.rows("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")
        assert isinstance(held, int)
        print(
            f"{name:22s} {count:>12,} rows {took:7.2f} s  DuckDB {held >> 20:6,} MB  "
            f"peak {_peak():6,} MB",
            flush=True,
        )
        return count


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


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
    connection.register(layout.TABLE, runner.numbered(table, query.facts))
    assert query.completion is not None
    print(f"input {table.nbytes >> 20:,} MB, peak {_peak():,} MB")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        plan, rows = query.completion, 1 << 17
        batches = runner.spooled(connection, query, plan, Path(folder), rows, Timed)
        rows = next(batches).num_rows
        read = time.perf_counter()
        rows += sum(batch.num_rows for batch in batches)
    end = time.perf_counter()
    print(f"{'patched read':22s} {rows:>12,} rows {end - read:7.2f} s")
    print(f"main query spooled, completion and patched read, in all: {end - start:.2f} s")
    print(f"peak memory: {_peak():,} MB")
    connection.close()


if __name__ == "__main__":
    main()
