"""Run a compiled query on DuckDB over an Arrow table and give its output, a batch at a
time, as Arrow.

DuckDB reads the Arrow table where it lies (registered, not copied) and streams it through
the query on every core. When some conclusion can be completed (`completion`), the main
result is spooled to a file in row order and only what the plan reads of it stays in
DuckDB; the plan runs its few steps over the rows left unknown, and the spool is read back
with the cells it decides put in place (`patching`). A table where no fact read is absent
has nothing to complete and runs the query alone (`Query.direct`). The
status and source codes come back as small integers that become dictionary-encoded columns
here, without a pass over the rows in Python.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
from sqlglot import exp

from ...dsl.errors import Diagnostic, EvaluationError
from . import layout, patching, stored, trees
from .compiled import Query
from .completion import Engine, Plan
from .stored import Stored

EMPTY = pa.schema([])
BATCH_ROWS = 1 << 17
"""Rows of one batch of output (131,072)."""


class DuckDB:
    """The `completion.Engine` of one DuckDB connection."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    def materialize(self, name: str, sql: str) -> int:
        self.connection.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}').fetchall()
        ((counted,),) = self.connection.execute(f'SELECT count(*) FROM "{name}"').fetchall()
        return int(counted)

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        return [tuple(row) for row in self.connection.execute(sql).fetchall()]

    def drop(self, name: str) -> None:
        self.connection.execute(f'DROP TABLE IF EXISTS "{name}"')


def complete(table: pa.Table | Stored, facts: pa.Schema) -> bool:
    """Whether `table` gives every fact of `facts` on every row (nothing to complete)."""
    if isinstance(table, Stored):
        return all(f.name in table.full for f in facts)
    names = set(table.column_names)
    return all(f.name in names and table.column(f.name).null_count == 0 for f in facts)


def numbered(table: pa.Table, facts: pa.Schema = EMPTY) -> pa.Table:
    """`table` with the row numbers completion joins on (`layout.ROW`), and a column of
    nulls for each fact of `facts` it has none for: the completion plan reads the facts by
    name, and a fact without a column is absent on every row."""
    for field in facts:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    return table.append_column(layout.ROW, pa.array(np.arange(table.num_rows, dtype=np.int64)))


def run(query: Query, table: pa.Table) -> pa.Table:
    """The output of `query` (`layout`) over `table` (numbered here, `layout.ROW`, for the
    completion plan)."""
    return pa.concat_tables(batches(query, table))


def batches(
    query: Query, table: pa.Table | Stored, rows: int = BATCH_ROWS, memory: int | None = None
) -> Iterator[pa.Table]:
    """The output of `query` over `table` (or a Parquet file DuckDB reads where it lies,
    `Stored`), `rows` at a time in the order of the rows, so that it is never held whole.
    DuckDB keeps its own tables within `memory` bytes (by default its own limit, 80 % of
    the machine's), spilling the rest to a temporary folder of its own, removed after."""
    with tempfile.TemporaryDirectory(prefix="alinea-duckdb-") as spill:
        config: dict[str, str | bool | int | float | list[str]] = {"temp_directory": spill}
        if memory is not None:
            config["memory_limit"] = f"{memory}B"
        connection = duckdb.connect(config=config)
        try:
            yield from _batches(connection, query, table, rows, Path(spill))
        except duckdb.OutOfMemoryException as error:
            raise _out_of_memory(error, memory) from None
        finally:
            connection.close()


def _batches(
    connection: duckdb.DuckDBPyConnection,
    query: Query,
    table: pa.Table | Stored,
    rows: int,
    folder: Path,
) -> Iterator[pa.Table]:
    connection.execute("SET enable_progress_bar = false")
    if isinstance(table, Stored):
        stored.register(connection, table, query.facts)
    else:
        connection.register(layout.TABLE, numbered(table, query.facts))
    if query.completion is None:
        relation = connection.sql(query.coded.sql(dialect="duckdb"))
    elif query.direct is not None and complete(table, query.facts):
        relation = connection.sql(query.direct.sql(dialect="duckdb"))
    else:
        for batch in spooled(connection, query, query.completion, folder, rows):
            yield decoded(query, pa.Table.from_batches([batch]))
        return
    reader = relation.to_arrow_reader(rows)
    found = False
    for batch in reader:
        found = True
        yield decoded(query, pa.Table.from_batches([batch]))
    if not found:
        yield decoded(query, reader.schema.empty_table())


def spooled(
    connection: duckdb.DuckDBPyConnection,
    query: Query,
    plan: Plan,
    folder: Path,
    rows: int,
    engine: Callable[[duckdb.DuckDBPyConnection], DuckDB] = DuckDB,
) -> Iterator[pa.RecordBatch]:
    """The coded output of `query` completed by `plan`, `rows` at a time in the order of
    the rows. The main output is spooled in `folder` (without the masks) as it comes, and
    only what the roots read of it (`patching.narrow_columns`) is kept, for as long as it
    takes to find them; the trees are then grown, and the spool read back with the decided
    cells in place (`patching`)."""
    spool = folder / "alinea-main.arrow"
    masks = {trees.mask_column(i) for i in range(len(plan.names))}
    narrow = patching.narrow_columns(plan)
    reader = connection.sql(query.coded.sql(dialect="duckdb")).to_arrow_reader(rows)
    kept = pa.schema([field for field in reader.schema if field.name not in masks])
    pieces: list[pa.RecordBatch] = []
    with pa.OSFile(str(spool), "wb") as sink, pa.ipc.new_file(sink, kept) as writer:
        for batch in reader:
            writer.write_batch(batch.select(kept.names))
            pieces.append(patching.copied(batch.select(narrow)))
    schema = pa.schema([reader.schema.field(name) for name in narrow])
    connection.register(trees.MAIN, pa.Table.from_batches(pieces, schema))
    del pieces
    connection.execute("SET preserve_insertion_order = false")  # each step orders its own
    steps = engine(connection)
    steps.materialize(trees.FOUND, plan.roots("duckdb"))
    connection.unregister(trees.MAIN)
    cells = None
    if plan.grow(steps, "duckdb"):
        found = connection.sql(plan.cells.sql(dialect="duckdb")).to_arrow_table()
        cells = patching.Cells(found, plan.names)
    with pa.OSFile(str(spool), "rb") as source:
        spooled = pa.ipc.open_file(source)
        for k in range(spooled.num_record_batches):
            batch = spooled.get_batch(k)
            yield batch if cells is None else cells.patched(batch)
        if spooled.num_record_batches == 0:
            yield pa.RecordBatch.from_pylist([], schema=kept)


def _out_of_memory(error: duckdb.Error, memory: int | None) -> EvaluationError:
    limit = ""
    if memory is not None:
        limit = " (limite : {} Mo)".format(f"{memory / 1e6:.1f}".replace(".", ","))
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return EvaluationError(
        [
            Diagnostic(
                "P035",
                f"DuckDB manque de mémoire{limit} : {first}"[:500],
                None,
                "donnez plus de mémoire (--memoire) ou moins de lignes à la fois",
            )
        ]
    )


def completed(query: Query, engine: Engine, dialect: str) -> str:
    """The text of the output of `query`, completed: its coded result kept as `trees.MAIN`
    in `engine`, then the completion plan run over the rows it leaves unknown, and the SQL
    `final` (in the order of `layout.ROW`). Spark's way; DuckDB's, `spooled`, gives the
    same rows without keeping the wide result as a table."""
    engine.materialize(trees.MAIN, query.coded.sql(dialect=dialect))
    plan = query.completion
    if plan is not None and plan.run(engine, dialect):
        return plan.final.sql(dialect=dialect)
    kept = exp.select("*").from_(trees.MAIN).order_by(exp.column(layout.ROW, quoted=True))
    return kept.sql(dialect=dialect)


def decoded(query: Query, found: pa.Table) -> pa.Table:
    """`found` with its status and source codes replaced by dictionary-encoded text."""
    statuses = pa.array(layout.STATUSES, pa.string())
    columns: list[pa.ChunkedArray] = []
    fields: list[pa.Field] = []
    if query.with_id:
        columns.append(found.column(layout.ID))
        fields.append(found.schema.field(layout.ID))
    for name in query.names:
        texts = pa.array(query.sources[name], pa.string())
        value = found.column(name)
        wanted = query.schema.field(name)
        columns += [
            value if value.type == wanted.type else value.cast(wanted.type),
            _dictionary(found.column(layout.status_column(name)), statuses),
            _dictionary(found.column(layout.source_column(name)), texts),
        ]
        fields += [
            wanted,
            query.schema.field(layout.status_column(name)),
            query.schema.field(layout.source_column(name)),
        ]
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def _dictionary(codes: pa.ChunkedArray, dictionary: pa.Array) -> pa.ChunkedArray:
    kind = pa.dictionary(pa.int16(), pa.string())
    chunks = [
        pa.DictionaryArray.from_arrays(chunk.cast(pa.int16()), dictionary) for chunk in codes.chunks
    ]
    return pa.chunked_array(chunks, kind)
