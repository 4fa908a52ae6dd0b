"""The cells completion decides put in place in the main output, a batch at a time, in
Arrow: on DuckDB (`runner`) the main output is spooled to a file in the order of the rows
while DuckDB keeps only what completion reads of it (`narrow_columns`); once the plan has
run, the spool is read back a batch at a time and the cells the trees decide
(`Plan.cells`, a narrow table sorted by row) are put in place.

This is the SQL `final` of `trees` (which Spark runs) done in pieces: the same cells replace
the same columns, and the differential tests hold both to the evaluator. The SQL `final`
needs the wide main output as a table and a sort of every row (a join does not keep the
order of the rows), which on a million rows of every conclusion was most of the peak
memory and two seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from . import layout, trees
from .completion import Plan
from .terms import Code


def narrow_columns(plan: Plan) -> list[str]:
    """What completion reads of the main output: the row and, for each conclusion it
    completes, its status, mask and source."""
    found = [layout.ROW]
    for i, name in enumerate(plan.names):
        found += [layout.status_column(name), trees.mask_column(i), layout.source_column(name)]
    return found


def copied(batch: pa.RecordBatch) -> pa.RecordBatch:
    """`batch` in buffers of its own: a column selected from DuckDB's output keeps the
    whole batch it came in alive."""
    return pa.RecordBatch.from_arrays(
        [pa.concat_arrays([column]) for column in batch.columns], schema=batch.schema
    )


class Cells:
    """The cells the trees decide, by row, ready to be put in place batch by batch."""

    def __init__(self, table: pa.Table, names: Sequence[str]) -> None:
        self.table = table.combine_chunks()
        self.names = names
        self.rows = self.table.column(layout.ROW).to_numpy()

    def patched(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """`batch` (consecutive rows of the main output) with its decided cells in place."""
        rows = batch.column(layout.ROW).to_numpy()
        if len(rows) == 0:
            return batch
        first = int(rows[0])
        if not (np.diff(rows) == 1).all():
            raise RuntimeError("the main output came back out of the order of the rows")
        low, high = np.searchsorted(self.rows, [first, first + len(rows)])
        if low == high:
            return batch
        here = self.table.slice(low, high - low)
        at = self.rows[low:high] - first
        columns = dict(zip(batch.schema.names, batch.columns, strict=True))
        for i, name in enumerate(self.names):
            ok = here.column(f"_ok{i}").fill_null(False).to_numpy(zero_copy_only=False)
            if not ok.any():
                continue
            positions = at[ok]
            status = layout.status_column(name)
            decided = {
                name: here.column(f"_v{i}").filter(ok),
                status: pa.array(np.full(len(positions), Code.VALUE), columns[status].type),
                layout.source_column(name): here.column(f"_o{i}").filter(ok),
            }
            for column, given in decided.items():
                columns[column] = _scattered(columns[column], positions, given)
        return pa.RecordBatch.from_arrays(list(columns.values()), schema=batch.schema)


def _scattered(
    column: pa.Array, positions: np.ndarray, given: pa.Array | pa.ChunkedArray
) -> pa.Array:
    """`column` with `given` at `positions` (ascending)."""
    if isinstance(given, pa.ChunkedArray):
        given = given.combine_chunks()
    index = np.arange(len(column), dtype=np.int64)
    index[positions] = len(column) + np.arange(len(positions), dtype=np.int64)
    return pa.concat_arrays([column, given.cast(column.type)]).take(pa.array(index))
