"""A rule base compiled at a date into one query over a table of situations (`layout`).

    query = compile_query(program, day, ["css.droit"], columns=table.column_names)
    query.sql("duckdb")        # the text, for DuckDB, Spark (`"spark"`) or any sqlglot dialect
    query.schema               # the Arrow schema of its output

The query is a sqlglot expression tree, never text pasted together: the constants of the
rules are typed literals, the data is only ever read from the table.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence

from ..compiler.program import Program
from .assembly import assemble
from .compiled import Query

__all__ = ["Query", "compile_query"]


def compile_query(
    program: Program, day: datetime.date, names: Sequence[str], columns: Collection[str]
) -> Query:
    """The query giving `names` at `day` over a table with `columns` (a fact without a
    column is absent on every row; `id`, when there, is carried). Raises `RuleError` (P001)
    naming the rule and the construct when one cannot be translated."""
    return assemble(program, day, tuple(names), frozenset(columns))
