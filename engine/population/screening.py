"""A quick look, on the Arrow column alone, at whether every cell of a column already of its
fact's type is sure to pass the checks: the distinct values of an énumération within its
values, the smallest and largest number, date or duration within the limits. A column that
passes needs neither checking row by row nor converting; one that does not is checked row by
row (`checking`), which finds the first row in error. For a Parquet population written in
the layout, the whole check costs a few passes over the columns, no DuckDB query.
"""

from __future__ import annotations

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
    if kind in {Kind.BOOLEEN, Kind.TEXTE}:
        return True
    if kind is Kind.ENUM:
        found = pc.unique(cells.drop_null())
        return bool(pc.all(pc.is_in(found, pa.array(fact.type.values, pa.string()))).as_py())
    if kind in {Kind.ENTIER, *layout.FACT_SCALES}:
        bounds = pc.min_max(cells)
        low, high = bounds["min"].as_py(), bounds["max"].as_py()
        return bool(low > -MAX_MAGNITUDE and high < MAX_MAGNITUDE)
    if kind is Kind.DATE:
        bounds = pc.min_max(cells)
        low, high = bounds["min"].as_py(), bounds["max"].as_py()
        return bool(low >= FIRST_DATE and high <= LAST_DATE)
    if kind is Kind.DUREE:
        return _durations_within(cells)
    return False


def _durations_within(cells: pa.ChunkedArray) -> bool:
    """`values.duration_in_range` for every cell, told from the largest of each unit: the
    bound holds for every row when it holds for the largest years, months, days and hours
    together (a row past the limits makes the column go through the row-by-row check)."""
    largest: dict[str, int] = {}
    for name in layout.DURATION.names:
        bounds = pc.min_max(pc.struct_field(cells, name))
        low, high = bounds["min"].as_py() or 0, bounds["max"].as_py() or 0
        largest[name] = max(abs(low), abs(high))
    months = largest["years"] * 12 + largest["months"]
    days = largest["days"] + -(-largest["hours"] // 24)
    most_months, most_days = MAX_DURATION_YEARS * 12, MAX_DURATION_DAYS
    return bool(months * most_days + days * most_months <= most_months * most_days)
