"""Writing a table (a population, or the results of a batch) to Parquet, CSV or JSONL, a
part at a time, atomically: the parts go to a temporary file beside the target, which takes
its place only when every part is written (`engine.files.replacing`), so that nothing
half-written is ever left at `-o`.

Parquet keeps the layout's types, with the statistics of each row group (its smallest and
largest values, which let a reader skip row groups) on every column but the decimals, texts,
lists and dictionaries (a result's status and source): on those they cost half of the
writing (0.13 s of 0.26 s for the three CSS conclusions over a million rows; 0.35 s of the
0.65 s the 48 statuses and sources of 24 conclusions take), and a column of results mixes
its values in every row group, so a reader could skip none. The `id` column has no
dictionary (ids are all different: the dictionary would be the column again, and building it
cost 0.06 s a million rows), and integer ids are written as deltas.

CSV and JSONL write a durée as ISO 8601 text (`P4M`), as the JSON output of `alinea eval`
does and as `alinea batch` reads it back; CSV writes a list as its JSON text.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from .. import files
from ..sql import layout
from .formats import Format
from .formats import of as format_of
from .reading import connect

Write = Callable[[pa.Table], None]

ROW_GROUP_ROWS = 1 << 17
"""Rows of a Parquet row group (131,072, near DuckDB's own 122,880): a reader decodes a
row group on one core, and pyarrow's default of a million rows left a population of a
million rows to one core (DuckDB read the CSS columns in 0.18 s instead of 0.12 s)."""


@contextlib.contextmanager
def writer(path: str | Path, option: str = "-o") -> Iterator[Write]:
    """A function that appends a table's rows to the file at `path`, in the format of its
    extension; every part must have the schema of the first."""
    format_ = format_of(path, option)
    with files.replacing(path) as temporary:
        if format_ is Format.PARQUET:
            with _ParquetParts(temporary) as parts:
                yield parts.write
        elif format_ is Format.CSV:
            with _CsvParts(temporary) as parts:
                yield parts.write
        else:
            with _JsonParts(temporary) as parts:
                yield parts.write


def write_table(table: pa.Table, path: str | Path, option: str = "-o") -> None:
    with writer(path, option) as write:
        write(table)


class _ParquetParts:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: pq.ParquetWriter | None = None

    def __enter__(self) -> _ParquetParts:
        return self

    def write(self, table: pa.Table) -> None:
        if self.file is None:
            schema = table.schema
            self.file = pq.ParquetWriter(
                self.path,
                schema,
                compression="zstd",
                write_statistics=_summed(schema),
                use_dictionary=[name for name in schema.names if name != layout.ID],
                column_encoding=_identifier_encoding(schema),
            )
        self.file.write_table(table, row_group_size=ROW_GROUP_ROWS)

    def __exit__(self, *_: object) -> None:
        if self.file is not None:
            self.file.close()


def _summed(schema: pa.Schema) -> list[str]:
    """The columns whose row groups carry statistics (a durée's by its parts)."""
    costly = (
        pa.types.is_decimal,
        pa.types.is_string,
        pa.types.is_large_string,
        pa.types.is_list,
        pa.types.is_dictionary,
    )
    names = []
    for field in schema:
        if pa.types.is_struct(field.type):
            names += [f"{field.name}.{part.name}" for part in field.type]
        elif not any(test(field.type) for test in costly):
            names.append(field.name)
    return names


def _identifier_encoding(schema: pa.Schema) -> dict[str, str] | None:
    """Integer ids as deltas: most are numbered in order, which then takes a few bytes."""
    if layout.ID in schema.names and pa.types.is_integer(schema.field(layout.ID).type):
        return {layout.ID: "DELTA_BINARY_PACKED"}
    return None


class _CsvParts:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file: pcsv.CSVWriter | None = None

    def __enter__(self) -> _CsvParts:
        return self

    def write(self, table: pa.Table) -> None:
        flat = flattened(table, for_csv=True)
        if self.file is None:
            self.file = pcsv.CSVWriter(self.path, flat.schema)
        self.file.write_table(flat)

    def __exit__(self, *_: object) -> None:
        if self.file is not None:
            self.file.close()


class _JsonParts:
    """Each part written by DuckDB to a scratch file, then appended (JSONL is one object a
    line, so parts concatenate)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.scratch = path.with_name(path.name + ".part")
        self.connection = connect()

    def __enter__(self) -> _JsonParts:
        return self

    def write(self, table: pa.Table) -> None:
        part = self.connection.from_arrow(flattened(table, for_csv=False))
        part.create_view("part", replace=True)
        # the path is a bound parameter, never SQL text
        self.connection.execute("COPY part TO $path (FORMAT json)", {"path": str(self.scratch)})
        with self.scratch.open("rb") as source, self.path.open("ab") as target:
            shutil.copyfileobj(source, target)

    def __exit__(self, *_: object) -> None:
        self.connection.close()
        with contextlib.suppress(OSError):
            self.scratch.unlink()


def flattened(table: pa.Table, *, for_csv: bool) -> pa.Table:
    """`table` with its durations as ISO 8601 text and its dictionary columns as plain
    text; for CSV, its decimals as plain text (Arrow writes `0E-12`) and its lists as JSON."""
    columns = []
    texts: dict[str, duckdb.Expression] = {}
    for field, array in zip(table.schema, table.columns, strict=True):
        if field.type == layout.DURATION:
            array = iso_durations(array)
        elif pa.types.is_dictionary(field.type):
            array = array.cast(field.type.value_type)
        elif for_csv and (pa.types.is_decimal(field.type) or pa.types.is_list(field.type)):
            cell = duckdb.ColumnExpression(field.name)
            if pa.types.is_list(field.type):
                cell = duckdb.FunctionExpression("to_json", cell)
            texts[field.name] = cell.cast(duckdb.sqltype("VARCHAR")).alias(field.name)
        columns.append(array)
    flat = pa.Table.from_arrays(columns, names=table.column_names)
    if not texts:
        return flat
    connection = connect()
    try:
        found = connection.from_arrow(flat.select(list(texts))).select(*texts.values())
        written = found.to_arrow_table()
    finally:
        connection.close()
    for name in texts:
        flat = flat.set_column(flat.column_names.index(name), name, written.column(name))
    return flat


def iso_durations(durations: pa.ChunkedArray | pa.Array) -> pa.Array:
    """`P1Y2M10D`, `PT48H`, `P0D` (`Duration.iso`), computed on whole columns."""
    array = durations.combine_chunks() if isinstance(durations, pa.ChunkedArray) else durations
    parts = []
    for name, letter in (("years", "Y"), ("months", "M"), ("days", "D")):
        amount = pc.struct_field(array, name)
        text = pc.binary_join_element_wise(amount.cast(pa.string()), letter, "")
        parts.append(pc.if_else(pc.equal(amount, 0), "", text))
    hours = pc.struct_field(array, "hours")
    time = pc.binary_join_element_wise("T", hours.cast(pa.string()), "H", "")
    parts.append(pc.if_else(pc.equal(hours, 0), "", time))
    body = pc.binary_join_element_wise(*parts, "")
    body = pc.if_else(pc.equal(body, ""), "0D", body)
    iso = pc.binary_join_element_wise("P", body, "")
    return pc.if_else(pc.is_valid(array), iso, pa.scalar(None, pa.string()))
