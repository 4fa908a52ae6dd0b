"""The query as a chain of projections: each layer computes columns from the previous one.

A rule's result, and any expression a translation needs to read twice, becomes a column of
the layer after everything it reads; later expressions refer to the column. So the SQL text
grows with the program, not exponentially with its nesting, and each rule is computed once
per row. The layers are a linear chain of common table expressions, each read once: the
engine streams the rows through all of them (no join, no correlated subquery), and a layer
carries forward only the columns a later layer or the output still reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
from sqlglot import exp

from .terms import Term, alias, select


def trivial(expression: exp.Expr) -> bool:
    """A column or a literal: free to repeat in the SQL text."""
    if isinstance(expression, exp.Cast):
        return trivial(expression.this)
    return isinstance(expression, exp.Column | exp.Literal | exp.Null | exp.Boolean)


class Layers:
    """The columns of each layer, by name; layer 0 reads the input table."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.layers: list[dict[str, exp.Expr]] = [{}]
        self.where: dict[str, int] = {}
        self._count = 0

    def level_of(self, expression: exp.Expr) -> int:
        """The first layer that can compute `expression`: one past each column it reads."""
        where = self.where
        return max(
            (where[c.name] + 1 for c in expression.find_all(exp.Column) if c.name in where),
            default=0,
        )

    def column(self, expression: exp.Expr, level: int | None = None, hint: str = "t") -> exp.Column:
        """A column computing `expression` in layer `level` (by default the first that
        can), usable from the next layer."""
        if level is None:
            level = self.level_of(expression)
        while len(self.layers) <= level:
            self.layers.append({})
        name = f"{self.prefix}{hint}{self._count}"
        self._count += 1
        self.layers[level][name] = expression
        self.where[name] = level
        return exp.column(name)

    def bind(self, term: Term, hint: str = "t") -> Term:
        """`term` with each non-trivial part computed once, as a column."""
        parts = [term.value, term.status_expr, term.detail_expr]
        if all(part is None or trivial(part) for part in parts):
            return term
        return attrs.evolve(
            term,
            value=self._value(term.value, hint + "v"),
            status_expr=self._put(term.status_expr, hint + "s"),
            detail_expr=self._put(term.detail_expr, hint + "d"),
        )

    def _put(self, part: exp.Expr | None, hint: str) -> exp.Expr | None:
        if part is None or trivial(part):
            return part
        return self.column(part, None, hint)

    def bind_parts(self, term: Term, hint: str = "t") -> Term:
        """`term` with its status and detail computed once, as columns, when they are
        more than a column or a literal (its value stays an expression)."""
        return attrs.evolve(
            term,
            status_expr=self._put(term.status_expr, hint + "s"),
            detail_expr=self._put(term.detail_expr, hint + "d"),
        )

    def bind_value(self, term: Term, hint: str = "t") -> Term:
        """`term` with its value computed once, as a column (its status and detail may then
        read the value again for free)."""
        return attrs.evolve(term, value=self._value(term.value, hint + "v"))

    def _value(self, part: exp.Expr, hint: str) -> exp.Expr:
        return part if trivial(part) else self.column(part, None, hint)

    def chain(
        self,
        source: exp.Expr,
        carried: Sequence[str],
        outputs: Mapping[str, exp.Expr],
        name: str,
    ) -> exp.Select:
        """The projection of `outputs` from the last layer, the layers as its common table
        expressions (named `name0`, `name1`…) over `source`. `carried` columns of the source
        (an `id`) go through every layer."""
        last_use = _last_uses(self.layers, outputs)
        ctes: list[tuple[str, exp.Select]] = []
        previous: exp.Expr = source
        defined: dict[str, int] = {}
        for index, layer in enumerate(self.layers):
            selected: list[exp.Expr] = [exp.column(c, quoted=True) for c in carried]
            for column, born in defined.items():
                if born < index and last_use.get(column, -1) > index:
                    selected.append(exp.column(column))
            for column, expression in layer.items():
                defined[column] = index
                if last_use.get(column, -1) > index:
                    selected.append(alias(expression, column))
            if len(selected) == len(carried):
                selected.append(alias(exp.Literal.number(0), f"{self.prefix}nothing"))
            projection = select(*selected).from_(previous, copy=False)
            cte_name = f"{name}{index}"
            ctes.append((cte_name, projection))
            previous = exp.to_table(cte_name)
        final = (
            exp.Select()
            .select(
                *(exp.column(c, quoted=True) for c in carried),
                *(alias(e, n, quoted=True) for n, e in outputs.items()),
                copy=False,
            )
            .from_(previous, copy=False)
        )
        for cte_name, projection in ctes:
            final = final.with_(cte_name, as_=projection, copy=False)
        return final


def _last_uses(
    layers: list[dict[str, exp.Expr]], outputs: Mapping[str, exp.Expr]
) -> dict[str, int]:
    """For each column, the index of the last layer that reads it (the output reads at
    one past the last layer)."""
    found: dict[str, int] = {}
    for index, layer in enumerate(layers):
        for expression in layer.values():
            for column in expression.find_all(exp.Column):
                found[column.name] = max(found.get(column.name, -1), index)
    end = len(layers)
    for expression in outputs.values():
        for column in expression.find_all(exp.Column):
            found[column.name] = end
    return found
