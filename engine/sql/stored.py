"""A population DuckDB reads where it lies: a Parquet file whose columns are already in the
layout, checked (`engine.population.checking`), so that its rows are not held in Python
while the query runs. Each statement that reads the situations reads the file again, in
its order, numbered by DuckDB itself (`file_row_number`); a part is a window of those
numbers.

The values are those of the checked table: the checked columns are the file's, read by
DuckDB with the same types, when nothing was converted (`Checked.as_read`).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import duckdb
import pyarrow as pa

from . import layout

NUMBER = "file_row_number"
"""DuckDB's number of a row in its Parquet file (from 0)."""


@attrs.frozen
class Stored:
    """The rows `start` to `start + num_rows` of the Parquet file `path`, with the checked
    columns `schema` (in the layout); `full`, the columns without a null cell."""

    path: Path
    schema: pa.Schema
    num_rows: int
    full: frozenset[str]
    start: int = 0

    @property
    def column_names(self) -> list[str]:
        return list(self.schema.names)

    @classmethod
    def of(cls, path: Path, table: pa.Table) -> Stored:
        """The file at `path` standing for `table`, its checked population read whole."""
        full = frozenset(n for n in table.column_names if table.column(n).null_count == 0)
        return cls(path, table.schema, table.num_rows, full)

    def slice(self, start: int, length: int) -> Stored:
        """Rows `start` to `start + length` of this one, as `pa.Table.slice`."""
        rows = max(0, min(length, self.num_rows - start))
        return attrs.evolve(self, num_rows=rows, start=self.start + start)


def register(connection: duckdb.DuckDBPyConnection, stored: Stored, facts: pa.Schema) -> None:
    """`stored` as the view of the situations (`layout.TABLE`), as `runner.numbered` makes
    it of a table: its columns, a column of nulls for each fact of `facts` it has none for,
    and the row numbers of the part from 0 (`layout.ROW`)."""
    number = duckdb.ColumnExpression(NUMBER)
    first = duckdb.ConstantExpression(stored.start)
    end = duckdb.ConstantExpression(stored.start + stored.num_rows)
    relation = connection.read_parquet(str(stored.path), file_row_number=True)
    relation = relation.filter((number >= first) & (number < end))
    selected = [duckdb.ColumnExpression(name) for name in stored.schema.names]
    missing = [field for field in facts if field.name not in stored.schema.names]
    if missing:
        empty = pa.table({field.name: pa.nulls(0, field.type) for field in missing})
        types = connection.from_arrow(empty).types
        null = duckdb.ConstantExpression(None)
        selected += [
            null.cast(kind).alias(field.name) for field, kind in zip(missing, types, strict=True)
        ]
    selected.append((number - first).alias(layout.ROW))
    relation.select(*selected).create_view(layout.TABLE)
