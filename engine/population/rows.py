"""One row of a population as a situation: the facts `RuleBase.evaluate_facts` takes, so that
`alinea explain --population F --ligne N` explains exactly what the batch computed on row N.

The conversion is the inverse of the columns' layout (`engine.sql.layout.from_arrow`): a
null cell is an absent fact, a durée's struct a `Duration`, a decimal stays exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from ...dsl.errors import Diagnostic, UsageError
from ...dsl.limits import grouped
from ..compiler.program import Program
from ..sql import layout


def facts(table: pa.Table, program: Program, line: int, path: str | Path) -> dict[str, object]:
    """The facts of row `line` (from 1) of a checked population (`checking.check`)."""
    if not 1 <= line <= table.num_rows:
        raise UsageError(
            [
                Diagnostic(
                    "P032",
                    f"--ligne {line} : la population {path} a {grouped(table.num_rows)} "
                    f"ligne{'s' if table.num_rows > 1 else ''}",
                    None,
                    "les lignes sont numérotées à partir de 1, dans l'ordre du fichier",
                )
            ]
        )
    row = table.slice(line - 1, 1).to_pylist()[0]
    found: dict[str, object] = {}
    for name, cell in row.items():
        if name == layout.ID or cell is None:
            continue
        found[name] = layout.from_arrow(cell, program.facts[name].type)
    return found


def identifier(table: pa.Table, line: int) -> Any:
    """The `id` of row `line`, or None when the population has no `id` column."""
    if layout.ID not in table.column_names:
        return None
    return table.column(layout.ID)[line - 1].as_py()
