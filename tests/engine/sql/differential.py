"""What the differential tests compare: for each row and conclusion, the value, status and
source the SQL back end gives, and those `RuleBase.evaluate` gives on that row alone."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import pyarrow as pa

from alinea.dsl.errors import ConflictError, EvaluationError
from alinea.engine import RuleBase
from alinea.engine.lowered import lower
from alinea.engine.sql import layout, sources


@attrs.frozen
class Outcome:
    value: object
    status: str
    source: str | None


def table(rules: RuleBase, situations: Sequence[Mapping[str, object]]) -> pa.Table:
    """A population: one column per fact of the base, `id` first (the row's index)."""
    columns: dict[str, pa.Array] = {layout.ID: pa.array(range(len(situations)), pa.int64())}
    for name in rules.facts:
        type_ = rules.program.facts[name].type
        columns[name] = layout.to_arrow([s.get(name) for s in situations], type_)
    return pa.table(columns)


def expected(
    rules: RuleBase, facts: Mapping[str, object], day: datetime.date, name: str
) -> Outcome:
    """The evaluator's outcome of one conclusion of one situation."""
    try:
        conclusion = rules.evaluate_facts(facts, date=day, only=[name])[name]
    except ConflictError as error:
        return Outcome(None, layout.Status.CONFLICT.value, sources.of_error(error))
    except EvaluationError as error:
        return Outcome(None, layout.Status.ERROR.value, sources.of_error(error))
    rule = lower(rules.program, day).rule(name)
    return Outcome(conclusion.value, conclusion.status, sources.of_trace(rule, conclusion.trace))


def found(rules: RuleBase, output: pa.Table, row: int, name: str) -> Outcome:
    type_ = rules.program.rules[name].type
    value = layout.from_arrow(output.column(name)[row].as_py(), type_)
    status = output.column(layout.status_column(name))[row].as_py()
    source = output.column(layout.source_column(name))[row].as_py()
    return Outcome(value, status, source)


def mismatches(
    rules: RuleBase,
    situations: Sequence[Mapping[str, object]],
    day: datetime.date,
    names: Sequence[str] | None = None,
) -> list[tuple[Any, ...]]:
    """Every (row, conclusion, SQL's outcome, the evaluator's) that differ; the rows are
    engine facts (`RuleBase.facts_from`)."""
    names = list(names) if names is not None else rules.conclusions
    output = rules.evaluate_table(table(rules, situations), date=day, only=names)
    assert output.column(layout.ID).to_pylist() == list(range(len(situations)))
    wrong = []
    for row, facts in enumerate(situations):
        for name in names:
            sql, evaluator = found(rules, output, row, name), expected(rules, facts, day, name)
            if sql != evaluator:
                wrong.append((row, name, sql, evaluator, dict(facts)))
    return wrong
