"""The SQL of each step of completion (`completion.Plan`): its probes, the nodes of its
trees, their verdicts and the completed output.

Column conventions of the tables: `_row` (the input row), `_q` (the index of a conclusion
in `Plan.names`), `_path` (two digits a level, the index of the value given). A node
carries only what its path assigns, `_a{bit}` for each finite fact (the index of the value
given, null where the node gives none), and is evaluated over its row's facts, read again
from the input, with its own in place (`given`). An evaluation of the nodes has, for each
conclusion `i` it computes, `_s{i}` (status), `_m{i}` (missing facts' mask), `_v{i}` (value)
and `_o{i}` (source code); the main output has `_m{i}` too, the masks of its roots. What
a step finds of a node's value, and the least and greatest value of a tree so far, are
kept by the value's shape, not by conclusion (`_x{k}`, `_lo{k}`, `_hi{k}` for the shape
`Shapes.slot` gives): a node is for one conclusion, and 19 conclusions have 6 shapes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
from sqlglot import exp

from ..runtime.completion import LIMIT
from . import layout
from .literals import literal
from .shapes import Shape, cast
from .terms import Code, alias, conj_, disj_, neg, number, select, when

MAIN = "alinea_main"
NODES = "alinea_nodes"
EVALUATED = "alinea_evaluated"
FOUND = "alinea_found"
PROBED = "alinea_probed"
PROBED_FOUND = "alinea_probed_found"
VERDICTS = "alinea_verdicts"

ROW, Q, PATH, KIND, COST, STATUS, MASK, SOURCE, FACT = (
    layout.ROW,
    "_q",
    "_path",
    "_kind",
    "_cost",
    "_status",
    "_mask",
    "_source",
    "_fact",
)
FAILED, LEAVES, FIRST = "_failed", "_leaves", "_first"
LATER = "1"
"""The order of a node that is not a leaf: after every leaf (`0` and its path)."""
LEAF, FAIL, BRANCH = 0, 1, 2
CODE = exp.DataType.build("SMALLINT")
"""The type of a node's `_a{bit}`: a domain has at most `LIMIT` values worth branching on."""
PROBES = 3
"""Complete assignments tried first on each row: the first values of every missing finite
fact, the last ones, and a mix."""


@attrs.frozen
class Finite:
    """A fact with a finite domain, its bit in the masks, its values in order."""

    name: str
    bit: int
    shape: Shape
    values: tuple[object, ...]


@attrs.frozen
class Shapes:
    """What the steps need to know of the query: the facts read (with their shapes, in
    name order, each its bit), the finite ones, and each conclusion's value shape."""

    facts: tuple[tuple[str, Shape], ...]
    finite: tuple[Finite, ...]
    values: tuple[Shape, ...]

    @property
    def slots(self) -> tuple[Shape, ...]:
        """The shapes of the values, each once, in the order of the conclusions."""
        return tuple(dict.fromkeys(self.values))

    def slot(self, i: int) -> int:
        """The index in `slots` of conclusion `i`'s shape: its value's column below."""
        return self.slots.index(self.values[i])

    @property
    def nonfinite(self) -> int:
        finite = {f.bit for f in self.finite}
        return sum(1 << bit for bit in range(len(self.facts)) if bit not in finite)


def col(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def sub(query: exp.Query, name: str) -> exp.Subquery:
    return exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier(name)))


def union(parts: Sequence[exp.Query]) -> exp.Query:
    found = parts[0]
    for part in parts[1:]:
        found = exp.union(found, part, distinct=False, copy=False)
    return found


def probe_facts(shapes: Shapes, probe: int) -> dict[str, exp.Expr]:
    """The facts of probe number `probe` (of `PROBES`): each missing finite fact given a
    value at once, the first of its domain, the last, or a mix. A leaf of the evaluator's
    tree is known, and more facts never change a known value, so a complete assignment
    gives the value of the leaf it extends: a probe that is not a value, or two that
    differ, mean that the evaluator gives up on that conclusion."""
    domains = {f.name: f for f in shapes.finite}
    found: dict[str, exp.Expr] = {}
    for index, (name, shape) in enumerate(shapes.facts):
        value: exp.Expr = cast(col(name), shape)
        if name in domains:
            values = domains[name].values
            chosen = (values[0], values[-1], values[(index + 1) % len(values)])[probe]
            value = exp.func("COALESCE", value, literal(chosen, shape))
        found[name] = value
    return found


def probed_rows() -> exp.Subquery:
    """The input rows whose root branches for some conclusion."""
    branching = exp.EQ(this=col(KIND), expression=number(BRANCH))
    rows = select(col(ROW)).from_(exp.to_table(FOUND), copy=False).where(branching, copy=False)
    table = exp.to_table(layout.TABLE)
    inside = col(ROW).isin(query=rows.distinct(copy=False))
    return sub(select("*").from_(table, copy=False).where(inside, copy=False), "r")


def assigned(fact: Finite) -> str:
    """The column of a node with the index of the value its path gives `fact`."""
    return f"_a{fact.bit}"


def given(shapes: Shapes) -> exp.Subquery:
    """The nodes with their facts: their row's, with what their path assigns in place (a
    fact a node assigns is one its row misses). The join reads the input again rather than
    a copy of the rows that branch: it then keeps the nodes (narrow, and fewer) in its hash
    table, not the rows' facts."""
    domains = {f.name: f for f in shapes.finite}
    selected: list[exp.Expr] = [col(name, "n") for name in (ROW, Q, PATH)]
    for name, shape in shapes.facts:
        value: exp.Expr = col(name, "r")
        fact = domains.get(name)
        if fact is not None:
            decoded = exp.Case(this=col(assigned(fact), "n"))
            for index, choice in enumerate(fact.values):
                decoded = decoded.when(number(index), literal(choice, shape), copy=False)
            value = exp.func("COALESCE", value, decoded)
        selected.append(alias(cast(value, shape), name, quoted=True))
    same_row = exp.EQ(this=col(ROW, "n"), expression=col(ROW, "r"))
    nodes = exp.to_table(NODES, alias="n")
    rows = exp.to_table(layout.TABLE, alias="r")
    query = select(*selected).from_(nodes, copy=False).join(rows, on=same_row, copy=False)
    return sub(query, "g")


def agreed(probes: Sequence[tuple[exp.Expr, exp.Expr]]) -> exp.Expr:
    """Every probe (its status and value) gives one same value."""
    valued = [exp.EQ(this=status, expression=number(Code.VALUE)) for status, _ in probes]
    first = probes[0][1]
    same = [exp.NullSafeEQ(this=first, expression=value) for _, value in probes[1:]]
    return conj_(*valued, *same)


def probed_found(qs: Sequence[int], shapes: Shapes) -> exp.Query:
    """The branchings of `FOUND` at the root whose probes agree (the others, and the
    failures, need no tree: the conclusion stays unknown), with the columns of `FOUND`
    below the root (no value yet)."""
    agree = exp.Case(this=col(Q, "f"))
    for i in qs:
        agree = agree.when(number(i), col(f"_p{i}", "p"), copy=False)
    agree = agree.else_(exp.false(), copy=False)
    branching = exp.EQ(this=col(KIND, "f"), expression=number(BRANCH))
    same_row = exp.EQ(this=col(ROW, "f"), expression=col(ROW, "p"))
    values = [alias(cast(exp.Null(), shape), f"_x{k}") for k, shape in enumerate(shapes.slots)]
    columns = [col(name, "f") for name in (ROW, Q, STATUS, MASK, SOURCE, PATH)]
    kinds = [col(name, "f") for name in (KIND, FACT, COST)]
    return (
        select(*columns, *values, *kinds)
        .from_(exp.to_table(FOUND, alias="f"), copy=False)
        .join(exp.to_table(PROBED, alias="p"), on=same_row, copy=False)
        .where(conj_(branching, agree), copy=False)
    )


def _lowest(mask: exp.Expr) -> exp.Expr:
    """The lowest bit set of a mask: the first missing fact by name."""
    return exp.Paren(this=exp.BitwiseAnd(this=mask, expression=exp.Neg(this=mask)))


def _kind(mask: exp.Expr, root: bool, nonfinite: int) -> exp.Expr:
    """A leaf (known), a failure (no missing fact, or one without a finite domain: at the
    root, any; below, the first), or a branching on the first missing fact."""
    status = col(STATUS)
    other = exp.Literal.number(nonfinite)
    branches = [
        (exp.NEQ(this=status, expression=number(Code.UNKNOWN)), number(LEAF)),
        (exp.EQ(this=mask, expression=number(0)), number(FAIL)),
    ]
    if root:
        missing = exp.Paren(this=exp.BitwiseAnd(this=mask, expression=other))
        branches.append((exp.NEQ(this=missing, expression=number(0)), number(FAIL)))
    first = exp.Paren(this=exp.BitwiseAnd(this=_lowest(mask), expression=other))
    branches.append((exp.NEQ(this=first, expression=number(0)), number(FAIL)))
    return when(*branches, otherwise=number(BRANCH))


def _cost(sizes: Mapping[int, int]) -> exp.Expr:
    """What a branching costs of the budget: the size of its fact's domain."""
    by_fact = exp.Case(this=col(FACT))
    for bit, size in sizes.items():
        by_fact = by_fact.when(number(bit), number(size), copy=False)
    by_fact = by_fact.else_(number(LIMIT + 1), copy=False)
    branching = exp.EQ(this=col(KIND), expression=number(BRANCH))
    return when((branching, by_fact), otherwise=number(0))


def _nodes(
    parts: Mapping[str, exp.Expr],
    values: Sequence[exp.Expr],
    shapes: Shapes,
    root: bool,
) -> exp.Select:
    """The found nodes, from a projection of `EVALUATED` (or of `MAIN` at the root: `_q`,
    status, mask, source, path and the value columns as `parts` and `values` say): their
    kind, fact and cost."""
    inner = select(
        col(ROW),
        *(alias(e, n) for n, e in parts.items()),
        *(alias(v, f"_x{k}") for k, v in enumerate(values)),
    ).from_(exp.to_table(MAIN if root else EVALUATED), copy=False)
    mask = col(MASK)
    fact = exp.func("BIT_COUNT", exp.Sub(this=_lowest(mask), expression=number(1)))
    kinds = select("*", alias(_kind(mask, root, shapes.nonfinite), KIND), alias(fact, FACT))
    kinds = kinds.from_(sub(inner, "n"), copy=False)
    sizes = {f.bit: len(f.values) for f in shapes.finite}
    return select("*", alias(_cost(sizes), COST)).from_(sub(kinds, "k"), copy=False)


def mask_column(i: int) -> str:
    """The column of the main output with the facts conclusion `i` misses (a mask)."""
    return f"_m{i}"


def found_root(names: Sequence[str], qs: Sequence[int], shapes: Shapes) -> exp.Query:
    """At the root (one node a row), a node for each conclusion that branches there (a tree
    that fails at its root leaves its conclusion unknown: it needs no node). A branching
    has no value: the value columns of `FOUND` come with `probed_found`."""
    parts = []
    for i in qs:
        columns = {
            Q: number(i),
            STATUS: col(layout.status_column(names[i])),
            MASK: col(mask_column(i)),
            SOURCE: col(layout.source_column(names[i])),
            PATH: exp.Literal.string(""),
        }
        node = _nodes(columns, [], shapes, root=True)
        branching = exp.EQ(this=col(KIND), expression=number(BRANCH))
        parts.append(select("*").from_(sub(node, "r"), copy=False).where(branching, copy=False))
    return union(parts)


def found(qs: Sequence[int], shapes: Shapes) -> exp.Query:
    """Below the root, each node's own conclusion."""

    def pick(prefix: str) -> exp.Expr:
        case = exp.Case(this=col(Q))
        for i in qs:
            case = case.when(number(i), col(f"{prefix}{i}"), copy=False)
        return case

    values: list[exp.Expr] = []
    for k, shape in enumerate(shapes.slots):
        mine = [i for i in qs if shapes.slot(i) == k]
        by_q = exp.Case(this=col(Q))
        for i in mine:
            by_q = by_q.when(number(i), col(f"_v{i}"), copy=False)
        values.append(by_q if mine else cast(exp.Null(), shape))
    columns = {Q: col(Q), STATUS: pick("_s"), MASK: pick("_m"), SOURCE: pick("_o"), PATH: col(PATH)}
    return _nodes(columns, values, shapes, root=False)


def _summary(slots: int, table: str) -> exp.Query:
    """Per row and conclusion, what the nodes of a level (in `table`) say: a failure (or a
    leaf that is not a value), their cost, their leaves, the first leaf (its order and
    source) and the least and greatest value."""
    kind = col(KIND)
    leaf = exp.EQ(this=kind, expression=number(LEAF))
    not_value = exp.NEQ(this=col(STATUS), expression=number(Code.VALUE))
    failed = disj_(exp.EQ(this=kind, expression=number(FAIL)), conj_(leaf, not_value))
    first = exp.DPipe(this=exp.Literal.string("0"), expression=col(PATH))
    order = when((leaf, first), otherwise=exp.Literal.string(LATER))
    selected: list[exp.Expr] = [
        col(ROW),
        col(Q),
        alias(exp.func("BOOL_OR", failed), FAILED),
        alias(exp.Sum(this=col(COST)), COST),
        alias(exp.Sum(this=when((leaf, number(1)), otherwise=number(0))), LEAVES),
        alias(exp.Min(this=order), FIRST),
        alias(exp.ArgMin(this=col(SOURCE), expression=order), SOURCE),
    ]
    for k in range(slots):
        selected += [alias(exp.Min(this=col(f"_x{k}")), f"_lo{k}")]
        selected += [alias(exp.Max(this=col(f"_x{k}")), f"_hi{k}")]
    query = select(*selected).from_(exp.to_table(table), copy=False)
    return query.group_by(col(ROW), col(Q), copy=False)


def _merged(slots: int, summary: exp.Query) -> exp.Query:
    """`VERDICTS` so far and the summary of a new level, per row and conclusion."""

    def either(name: str, empty: exp.Expr) -> tuple[exp.Expr, exp.Expr]:
        return (
            exp.func("COALESCE", col(name, "v"), empty),
            exp.func("COALESCE", col(name, "l"), empty),
        )

    def bound(name: str, function: type[exp.Func]) -> exp.Expr:
        old, new = col(name, "v"), col(name, "l")
        return exp.func("COALESCE", function(this=old, expressions=[new]), old, new)

    failed = either(FAILED, exp.false())
    costs, leaves = either(COST, number(0)), either(LEAVES, number(0))
    firsts = either(FIRST, exp.Literal.string(LATER))
    selected: list[exp.Expr] = [
        alias(exp.func("COALESCE", col(ROW, "v"), col(ROW, "l")), ROW),
        alias(exp.func("COALESCE", col(Q, "v"), col(Q, "l")), Q),
        alias(disj_(*failed), FAILED),
        alias(exp.Add(this=costs[0], expression=costs[1]), COST),
        alias(exp.Add(this=leaves[0], expression=leaves[1]), LEAVES),
        alias(exp.Least(this=firsts[0], expressions=[firsts[1]]), FIRST),
        alias(
            when(
                (exp.LT(this=firsts[1], expression=firsts[0]), col(SOURCE, "l")),
                otherwise=col(SOURCE, "v"),
            ),
            SOURCE,
        ),
    ]
    for k in range(slots):
        selected += [alias(bound(f"_lo{k}", exp.Least), f"_lo{k}")]
        selected += [alias(bound(f"_hi{k}", exp.Greatest), f"_hi{k}")]
    same = conj_(
        exp.EQ(this=col(ROW, "v"), expression=col(ROW, "l")),
        exp.EQ(this=col(Q, "v"), expression=col(Q, "l")),
    )
    return (
        select(*selected)
        .from_(exp.to_table(VERDICTS, alias="v"), copy=False)
        .join(sub(summary, "l"), on=same, join_type="FULL OUTER", copy=False)
    )


def verdicts(slots: int, table: str = FOUND, merge: bool = True) -> exp.Query:
    """Per row and conclusion, over its tree so far (`VERDICTS`, when `merge`) and the
    nodes of a new level (in `table`): still possible (no failure, no leaf not a value, at
    most one value, within the budget), how many leaves, the first leaf's source, the
    value (`_lo{k}` of its slot, of the `slots` that `Shapes.slots` has)."""
    summary = _summary(slots, table)
    known = _merged(slots, summary) if merge else summary
    one_value = [
        exp.NullSafeEQ(this=col(f"_lo{k}"), expression=col(f"_hi{k}")) for k in range(slots)
    ]
    alive = conj_(
        neg(col(FAILED)),
        exp.LTE(this=col(COST), expression=number(LIMIT)),
        *one_value,
    )
    return select("*", alias(alive, "_alive")).from_(sub(known, "k"), copy=False)


def branching() -> exp.Query:
    """The conclusions some node of the last level branches for."""
    branches = exp.EQ(this=col(KIND), expression=number(BRANCH))
    query = select(col(Q)).from_(exp.to_table(FOUND), copy=False)
    return query.where(branches, copy=False).distinct(copy=False)


def branched(table: str = FOUND) -> exp.Query:
    """The facts the nodes of the last level (found in `table`) branch on."""
    branching = exp.EQ(this=col(KIND), expression=number(BRANCH))
    query = select(col(FACT)).from_(exp.to_table(table), copy=False)
    return query.where(branching, copy=False).distinct(copy=False)


def expand(facts: Sequence[Finite], shapes: Shapes, table: str = FOUND) -> exp.Query:
    """The children of the branchings (found in `table`) still alive on `facts`: one a
    value of the fact, the others as the node had them (in `NODES`; a root, from
    `PROBED_FOUND`, assigns nothing)."""
    alive = conj_(
        exp.EQ(this=col(ROW, "f"), expression=col(ROW, "v")),
        exp.EQ(this=col(Q, "f"), expression=col(Q, "v")),
    )
    root = table == PROBED_FOUND
    same_node = conj_(
        *(exp.EQ(this=col(name, "f"), expression=col(name, "g")) for name in (ROW, Q, PATH))
    )
    parts = []
    for fact in facts:
        rows = [
            exp.Tuple(expressions=[exp.Literal.string(f"{i:02d}"), number(i)])
            for i in range(len(fact.values))
        ]
        names = [exp.to_identifier("c"), exp.to_identifier("x")]
        domain = exp.Values(
            expressions=rows, alias=exp.TableAlias(this=exp.to_identifier("d"), columns=names)
        )
        path = exp.DPipe(this=col(PATH, "f"), expression=exp.column("c", "d"))
        selected: list[exp.Expr] = [col(ROW, "f"), col(Q, "f"), alias(path, PATH)]
        for other in shapes.finite:
            code: exp.Expr = exp.column("x", "d")
            if other.name != fact.name:
                code = exp.Null() if root else col(assigned(other), "g")
            selected.append(alias(exp.Cast(this=code, to=CODE), assigned(other)))
        condition = conj_(
            exp.EQ(this=col(KIND, "f"), expression=number(BRANCH)),
            exp.EQ(this=col(FACT, "f"), expression=number(fact.bit)),
            col("_alive", "v"),
        )
        part = (
            select(*selected)
            .from_(exp.to_table(table, alias="f"), copy=False)
            .join(exp.to_table(VERDICTS, alias="v"), on=alive, copy=False)
        )
        if not root:
            part = part.join(exp.to_table(NODES, alias="g"), on=same_node, copy=False)
        parts.append(part.join(domain, join_type="CROSS", copy=False).where(condition, copy=False))
    return union(parts)


def cells(shapes: Shapes) -> exp.Select:
    """Per row some tree agrees for, and each conclusion: whether its tree agrees (`_ok`),
    and then its value (`_v`) and source (`_o`)."""
    decided = conj_(col("_alive", "v"), exp.GT(this=col("_leaves", "v"), expression=number(0)))
    pivot_columns: list[exp.Expr] = [col(ROW, "v")]
    for i in range(len(shapes.values)):
        mine = conj_(exp.EQ(this=col(Q, "v"), expression=number(i)), decided)
        pivot_columns += [
            alias(exp.func("BOOL_OR", mine), f"_ok{i}"),
            alias(exp.Max(this=when((mine, col(f"_lo{shapes.slot(i)}", "v")))), f"_v{i}"),
            alias(exp.Max(this=when((mine, col(SOURCE, "v")))), f"_o{i}"),
        ]
    pivot = select(*pivot_columns).from_(exp.to_table(VERDICTS, alias="v"), copy=False)
    return pivot.group_by(col(ROW, "v"), copy=False)


def final(
    names: Sequence[str], shapes: Shapes, output: Sequence[str], carried: Sequence[str]
) -> exp.Query:
    """The main output, each conclusion completed where its tree agrees."""
    pivot = cells(shapes)
    index_of = {name: i for i, name in enumerate(names)}
    selected: list[exp.Expr] = [col(c, "m") for c in carried]
    for name in output:
        value, status, source = name, layout.status_column(name), layout.source_column(name)
        if name not in index_of:
            selected += [col(value, "m"), col(status, "m"), col(source, "m")]
            continue
        i = index_of[name]
        ok = exp.func("COALESCE", col(f"_ok{i}", "c"), exp.false())
        completed = (
            (value, col(f"_v{i}", "c")),
            (status, number(Code.VALUE)),
            (source, col(f"_o{i}", "c")),
        )
        for column, given in completed:
            chosen = when((ok, given), otherwise=col(column, "m"))
            selected.append(alias(chosen, column, quoted=True))
    same_row = exp.EQ(this=col(ROW, "m"), expression=col(ROW, "c"))
    return (
        select(*selected)
        .from_(exp.to_table(MAIN, alias="m"), copy=False)
        .join(sub(pivot, "c"), on=same_row, join_type="LEFT", copy=False)
        .order_by(col(ROW, "m"), copy=False)
    )
