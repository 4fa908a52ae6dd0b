"""A compiled query: its trees and what its output holds (`query.compile_query` makes it).

    query = compile_query(program, day, ["css.droit"], columns=table.column_names)
    query.sql("duckdb")        # the text, for DuckDB, Spark (`"spark"`) or any sqlglot dialect
    query.schema               # the Arrow schema of its output

The query is a sqlglot expression tree, never text pasted together: the constants of the
rules are typed literals, the data is only ever read from the table.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
import pyarrow as pa
from sqlglot import exp

from . import layout

if TYPE_CHECKING:
    from .completion import Plan


@attrs.frozen
class Query:
    """A compiled query and what its output holds.

    `tree` gives `N.statut` and `N.source` as text (any dialect), from the facts alone: the
    conclusions that only completion decides stay unknown there. `coded` gives them as the
    indices of `layout.STATUSES` and of `sources[N]`, which the DuckDB runner turns into
    dictionary-encoded columns, and carries `layout.ROW` (the runner numbers the rows) for
    the `completion` plan that completes its output. Both read `layout.TABLE`."""

    tree: exp.Query
    coded: exp.Query
    day: datetime.date
    names: tuple[str, ...]
    facts: pa.Schema
    """The fact columns the query reads, of their Arrow types (`layout.fact_type`); the
    other columns of the table are not read."""
    with_id: bool
    sources: Mapping[str, tuple[str, ...]]
    """For each conclusion, every text its `N.source` can hold, in the order of the codes."""
    schema: pa.Schema
    """The Arrow schema of the conclusions' columns (the `id` column keeps its own type)."""
    completion: Plan | None = None
    """The plan deciding the conclusions left unknown only for finite-domain facts, when
    some requested conclusion can be unknown (`completion`)."""
    direct: exp.Query | None = None
    """With a plan: `coded` without the masks of the facts missing that completion reads
    (nor `layout.ROW`), for a table where no fact read is absent, which leaves nothing to
    complete."""

    def sql(
        self, dialect: str = "duckdb", *, table: str = layout.TABLE, pretty: bool = False
    ) -> str:
        """The query as text for `dialect`, reading `table`."""
        return _renamed(self.tree, table).sql(dialect=dialect, pretty=pretty)


def _renamed(tree: exp.Query, table: str) -> exp.Query:
    if table == layout.TABLE:
        return tree

    def rename(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Table) and node.name == layout.TABLE and not node.db:
            return exp.to_table(table)
        return node

    renamed = tree.transform(rename)
    assert isinstance(renamed, exp.Query)
    return renamed
