"""Running a compiled query over a population, a part at a time: on DuckDB (embedded, the
default) or on Spark SQL (`spark`). The parts come in the order of the rows; each is a table
in the output layout (`engine.sql.layout`), so the caller writes it and shows progress as it
goes, and the output is never held whole in memory on DuckDB.

On DuckDB each part is a slice of the population run through the SQL back end's own runner
(`engine.sql.runner.batches`, which gives its output a batch at a time): whatever the runner
adds to its input or does to keep the order of the rows holds for every part.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import pyarrow as pa

from ..sql.query import Query
from ..sql.runner import batches
from ..sql.stored import Stored

PART_ROWS = 1 << 20
"""Rows of one part (1,048,576): DuckDB plans the query again for each part, which takes
about half a second for every conclusion of the bundled base, and completion about as much
again, so a part is large; its output comes a batch at a time."""


class Engine(enum.Enum):
    """Where the query runs (`alinea batch --moteur`)."""

    DUCKDB = "duckdb"
    SPARK = "spark"


def parts(
    query: Query,
    table: pa.Table | Stored,
    engine: Engine = Engine.DUCKDB,
    part_rows: int = PART_ROWS,
    memory: int | None = None,
) -> Iterator[pa.Table]:
    """The output of `query` over `table`, part by part, in the order of the rows (on
    DuckDB, its tables within `memory` bytes; a `Stored` population, DuckDB only, is read
    where it lies by each part)."""
    if engine is Engine.SPARK:
        from . import spark  # pyspark and Java: only for this engine

        if isinstance(table, Stored):  # Spark reads a table: the caller keeps it
            raise TypeError("Spark runs over a table, not a stored population")
        yield from spark.parts(query, table, part_rows)
        return
    for start in range(0, max(table.num_rows, 1), part_rows):
        yield from batches(query, table.slice(start, part_rows), memory=memory)
