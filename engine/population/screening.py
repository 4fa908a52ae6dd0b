"""A quick look, on the Arrow column alone, at whether every cell of a column already of its
fact's type is sure to pass the checks: the distinct values of an énumération within its
values, the smallest and largest number, date or duration within the limits. A column that
passes needs neither checking row by row nor converting; one that does not is checked row by
row (`checking`), which finds the first row in error. For a Parquet population written in
the layout, the whole check costs a few passes over the columns, no DuckDB query.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ...dsl.limits import (
    FIRST_DATE,
    LAST_DATE,
    MAX_DURATION_DAYS,
    MAX_DURATION_YEARS,
    MAX_MAGNITUDE,
)
from ..compiler.program import FactSymbol
from ..domain.types import Kind
from ..sql import layout


def sure(cells: pa.ChunkedArray, fact: FactSymbol) -> bool:
    """Every cell of `cells`, whose type is the layout's for `fact`, passes the checks."""
    if cells.type != layout.fact_type(fact.type) or cells.null_count == len(cells):
        return bool(cells.type == layout.fact_type(fact.type))
    kind = fact.type.kind
    if kind in ANY:
        return True
    if kind is Kind.ENUM:
        found = pc.unique(cells.drop_null())
        return bool(pc.all(pc.is_in(found, pa.array(fact.type.values, pa.string()))).as_py())
    if kind in BOUNDED:
        bounds = pc.min_max(cells)
        return bounded(kind, bounds["min"].as_py(), bounds["max"].as_py())
    if kind is Kind.DUREE:
        largest: dict[str, int] = {}
        for name in layout.DURATION.names:
            bounds = pc.min_max(pc.struct_field(cells, name))
            largest[name] = max(abs(bounds["min"].as_py() or 0), abs(bounds["max"].as_py() or 0))
        return durations_within(largest)
    return False


ANY = frozenset({Kind.BOOLEEN, Kind.TEXTE})
"""The kinds whose every cell of the layout's type passes."""

BOUNDED = frozenset({Kind.ENTIER, Kind.DATE, *layout.FACT_SCALES})
"""The kinds a column of is sure from its smallest and largest cell (`bounded`)."""


def bounded(kind: Kind, low: Any, high: Any) -> bool:
    """Every cell between `low` and `high` (the smallest and largest of a column of `kind`,
    not all absent) is within the language's limits."""
    if kind is Kind.DATE:
        return bool(low >= FIRST_DATE and high <= LAST_DATE)
    return bool(low > -MAX_MAGNITUDE and high < MAX_MAGNITUDE)


def durations_within(largest: Mapping[str, int]) -> bool:
    """`values.duration_in_range` for every cell, told from the largest of each unit (in
    absolute value): the bound holds for every row when it holds for the largest years,
    months, days and hours together (a row past the limits makes the column go through the
    row-by-row check)."""
    months = largest["years"] * 12 + largest["months"]
    days = largest["days"] + -(-largest["hours"] // 24)
    most_months, most_days = MAX_DURATION_YEARS * 12, MAX_DURATION_DAYS
    return bool(months * most_days + days * most_months <= most_months * most_days)
