"""A Parquet population checked where it lies: when its columns are in the layout already
(`alinea batch` writes them so, and so does `bench/population.py`), one aggregate that DuckDB
computes over the file, on every core and without holding a row, tells whether every cell
is sure to pass the checks (the same judgement as `screening`, from the same extremes).
The file is then read only by the query (`Stored`); the Arrow table that `checking` would
have built of it is never made (a million rows of the 41 facts of the bundled base: 0.15 s
instead of 0.41 s, and none of its memory).

Anything not sure (a column of another type, an énumération value outside its list, a
number past the limits, a list) leaves the file to `checking`, which reads it, checks it
cell by cell and names the first row refused: this module never refuses a cell itself, so
that what a refused cell is told comes from one place.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..compiler.program import FactSymbol, Program
from ..domain.types import Kind
from ..sql import layout
from ..sql.stored import Stored
from . import reading, screening
from .formats import Format
from .formats import of as format_of
from .reading import column

K = duckdb.ConstantExpression
F = duckdb.FunctionExpression


def stored(path: str | Path, program: Program, keep: Collection[str]) -> Stored | None:
    """The Parquet population at `path`, its columns of `keep` (and `id`), as `Stored` when
    every cell is sure to pass the checks; None when `checking` must look cell by cell, or
    when the file is no Parquet. Raises what `reading.read` raises about the file and its
    column names."""
    file = Path(path)
    if format_of(file) is not Format.PARQUET:
        return None
    connection = reading.connect()
    try:
        relation = reading.opened(connection, file, [program], keep)
        schema = relation.limit(0).to_arrow_table().schema
        facts = [program.facts[name] for name in schema.names if name != layout.ID]
        if any(schema.field(f.name).type != layout.fact_type(f.type) for f in facts):
            return None
        found = iter(relation.aggregate(_aggregates(schema.names, facts)).fetchall()[0])
    except duckdb.Error as error:
        raise reading.unreadable(file, reading.detail(error)) from None
    finally:
        connection.close()
    rows = next(found)
    full = {layout.ID} if layout.ID in schema.names and next(found) == rows else set()
    for fact in facts:
        given = next(found)
        if given == rows:
            full.add(fact.name)
        if not _sure(fact, given, found):
            return None
    names = sorted(schema.names, key=lambda name: (name != layout.ID, name))
    checked = pa.schema([pa.field(name, schema.field(name).type) for name in names])
    return Stored(file, checked, int(rows), frozenset(full))


def _aggregates(names: list[str], facts: list[FactSymbol]) -> list[duckdb.Expression]:
    """The rows; the cells given of `id` and of each fact, followed by what `_sure` reads of
    that fact's column."""
    found = [F("count", K(1))]
    if layout.ID in names:
        found.append(F("count", column(layout.ID)))
    for fact in facts:
        cell = column(fact.name)
        found.append(F("count", cell))
        kind = fact.type.kind
        if kind is Kind.ENUM:
            outside = ~cell.isin(*(K(value) for value in fact.type.values))
            found.append(F("count", duckdb.CaseExpression(outside, K(1))))
        elif kind in screening.BOUNDED:
            found += [F("min", cell), F("max", cell)]
        elif kind is Kind.DUREE:
            for unit in layout.DURATION.names:
                part = F("abs", F("struct_extract", cell, K(unit)))
                found.append(F("max", part))
    return found


def _sure(fact: FactSymbol, given: int, found: Any) -> bool:
    """`screening.sure` for `fact`'s column, from its aggregates (taken from `found`)."""
    kind = fact.type.kind
    if kind is Kind.ENUM:
        outside = next(found)
        return given == 0 or outside == 0
    if kind in screening.BOUNDED:
        low, high = next(found), next(found)
        return given == 0 or screening.bounded(kind, low, high)
    if kind is Kind.DUREE:
        largest = {unit: next(found) or 0 for unit in layout.DURATION.names}
        return given == 0 or screening.durations_within(largest)
    return given == 0 or kind in screening.ANY
