"""Results in the layout of `alinea batch` (`engine.sql.layout`), computed row by row by the
per-situation evaluator: what the SQL back end must give, and the input of the tests of the
population diff, which must not depend on the SQL back end to be checked."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import pyarrow as pa

from alinea.engine import ConflictError, EvaluationError, RuleBase
from alinea.engine.population import rows
from alinea.engine.sql import layout


def results(rules: RuleBase, table: pa.Table, day: datetime.date, names: Sequence[str]) -> pa.Table:
    values: dict[str, list[object]] = {name: [] for name in names}
    statuses: dict[str, list[str]] = {name: [] for name in names}
    for line in range(1, table.num_rows + 1):
        facts = rows.facts(table, rules.program, line, "population")
        for name in names:
            try:
                conclusion = rules.evaluate_facts(facts, date=day, only=[name])[name]
            except ConflictError:
                values[name].append(None)
                statuses[name].append(layout.Status.CONFLICT.value)
                continue
            except EvaluationError:
                values[name].append(None)
                statuses[name].append(layout.Status.ERROR.value)
                continue
            values[name].append(conclusion.value)
            statuses[name].append(conclusion.status)
    columns: dict[str, pa.Array] = {}
    if layout.ID in table.column_names:
        columns[layout.ID] = table.column(layout.ID)
    for name in names:
        type_ = rules.program.rules[name].type
        columns[name] = layout.to_arrow(values[name], type_)
        columns[layout.status_column(name)] = pa.array(
            statuses[name], pa.string()
        ).dictionary_encode()
        columns[layout.source_column(name)] = pa.nulls(table.num_rows, pa.string())
    return pa.table(columns)
