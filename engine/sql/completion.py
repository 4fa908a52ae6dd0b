"""Completion in SQL: a conclusion left unknown only by finite-domain facts is decided when
every value of them gives the same result (`runtime/completion.py`, whose meaning this
reproduces: its decision tree, its budget, the leaf its explanation shows).

The evaluator explores a tree per conclusion: at a node still unknown it branches on the
first missing fact by name (each value of its domain), until every leaf is known; it gives
up at a leaf that is not a value, at a missing fact without a finite domain (at the root:
any such fact missing), at two leaves that differ, or once its branchings cost more than
`LIMIT` values. Here the trees are grown breadth first, one level a step, the nodes of
every row and conclusion evaluated together by one query (the rules again, over a table of
nodes, each term with the bit mask of the facts it misses):

    roots     <- the main query's own masks: a node per row and conclusion that branches
    probed    <- 3 complete assignments of each such row, side by side in one row (three
                 translations of the rules); most trees give up on them
    nodes     <- the roots whose probes agree
    repeat:   evaluated <- the rules over the nodes (only the conclusions they are for),
                           each node's facts its row's with what its path assigns
              found     <- each node: a leaf, a failure, or a branching (and its cost)
              verdicts  <- per row and conclusion, its verdict so far merged with found
              nodes     <- the children of the branchings still alive: what the node
                           they branch from assigns, and one value more
    until no node is left; then `final`: the main output, completed where a tree agrees
    (on DuckDB, `cells` put in place in the spooled main output: `runner.spooled`).

The facts stay in the input; a node carries only the values its path gives (a small
integer a finite fact), and what a step finds about a node (`found`, `verdicts`)
is a few narrow columns, which keeps the tables small (588,390 nodes of the first level
for 24 conclusions over a million rows would otherwise carry 40 facts each).

`Plan.run` drives the steps through an `Engine` (DuckDB in `runner`; the same statements
run on Spark as temporary views). The paths of the nodes order the leaves as the evaluator
meets them, so the source shown is that of the leaf its explanation shows.

Probes rely on what the evaluator's completion relies on: more facts never change a
known value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from sqlglot import exp

from ...dsl.errors import Diagnostic, RuleError
from ..compiler.program import Program
from ..lowered.program import Lowered
from ..runtime.completion import domain_of
from . import trees
from .bodies import Sources
from .layers import Layers
from .program import Parameters, Raises, Translation
from .shapes import Shape, cast, fact_shape
from .trees import (
    EVALUATED,
    FOUND,
    NODES,
    PROBED,
    PROBED_FOUND,
    VERDICTS,
    Finite,
    Shapes,
)

MAX_FACTS = 63
"""The facts a mask holds (a 64-bit integer)."""


class Engine(Protocol):
    """What the plan needs of a SQL engine: keep a query's result as a table (and count
    its rows), read a few rows, let go of a table no step reads any more."""

    def materialize(self, name: str, sql: str) -> int: ...

    def rows(self, sql: str) -> list[tuple[object, ...]]: ...

    def drop(self, name: str) -> None: ...


class Plan:
    """The completion of `names`, the conclusions of a query that can be unknown."""

    def __init__(
        self,
        program: Program,
        lowered: Lowered,
        parameters: Parameters,
        raises: Raises,
        sources: dict[str, Sources],
        names: Sequence[str],
        shapes: Shapes,
        final: exp.Query,
    ) -> None:
        self.program = program
        self.lowered = lowered
        self.parameters = parameters
        self.raises = raises
        self.sources = sources
        self.names = tuple(names)
        self.shapes = shapes
        self.final = final
        self._evaluations: dict[tuple[frozenset[int], str], str] = {}

    def evaluation(self, qs: Sequence[int], dialect: str) -> str:
        """The text of `evaluate(qs)`, kept: the middle levels of a run, and every part of
        a population, evaluate the same conclusions again."""
        key = (frozenset(qs), dialect)
        found = self._evaluations.get(key)
        if found is None:
            found = self._evaluations[key] = _text(self.evaluate(sorted(key[0])), dialect)
        return found

    def _translation(
        self, layers: Layers, columns: Mapping[str, exp.Expr], bits: dict[str, int] | None
    ) -> Translation:
        return Translation(
            self.program,
            self.lowered,
            self.parameters,
            layers,
            columns,
            self.raises,
            bits,
            self.sources,
        )

    def evaluate(self, qs: Sequence[int]) -> exp.Query:
        """The rules over `NODES`, for the conclusions `qs` only, with the masks of their
        missing facts."""
        layers = Layers("m")
        facts = self.shapes.facts
        columns = {
            name: layers.column(cast(trees.col(name), shape), 0, "f") for name, shape in facts
        }
        bits = {name: bit for bit, (name, _) in enumerate(facts)}
        translation = self._translation(layers, columns, bits)
        outputs: dict[str, exp.Expr] = {}
        for i in qs:
            result = translation.translated(self.names[i])
            outputs[f"_s{i}"] = result.term.status
            outputs[f"_m{i}"] = result.term.detail
            outputs[f"_v{i}"] = result.term.value
            outputs[f"_o{i}"] = result.source
        carried = [trees.ROW, trees.Q, trees.PATH]
        return layers.chain(trees.given(self.shapes), carried, outputs, "m")

    def probed(self, qs: Sequence[int]) -> exp.Query:
        """Per row whose root branches, for each conclusion `qs`: whether its `PROBES`
        agree. The probes are evaluated side by side on the row, by one translation each."""
        layers = Layers("m")
        results = []
        for probe in range(trees.PROBES):
            given = trees.probe_facts(self.shapes, probe)
            columns = {name: layers.column(e, 0, f"p{probe}f") for name, e in given.items()}
            translation = self._translation(layers, columns, None)
            results.append([translation.translated(self.names[i]).term for i in qs])
        outputs: dict[str, exp.Expr] = {}
        for k, i in enumerate(qs):
            outputs[f"_p{i}"] = trees.agreed([(p[k].status, p[k].value) for p in results])
        return layers.chain(trees.probed_rows(), [trees.ROW], outputs, "m")

    @property
    def cells(self) -> exp.Query:
        """The cells the trees decide, in the order of the rows (`trees.cells`)."""
        return trees.cells(self.shapes).order_by(trees.col(trees.ROW), copy=False)

    def run(self, engine: Engine, dialect: str) -> bool:
        """Complete `trees.MAIN` (the main query's coded output, with `_row`); when this
        returns True the completed output is `final`, else `MAIN` stands as it is."""
        engine.materialize(FOUND, self.roots(dialect))
        return self.grow(engine, dialect)

    def roots(self, dialect: str) -> str:
        """The text of the roots (`trees.FOUND` at the root) of every conclusion, over
        `trees.MAIN` (or what they read of it, `patching.narrow_columns`: the caller that
        spools the main output, `runner.spooled`); a conclusion no row leaves unknown has
        none."""
        every = range(len(self.names))
        return _text(trees.found_root(self.names, every, self.shapes), dialect)

    def grow(self, engine: Engine, dialect: str) -> bool:
        """Grow the trees from their roots (`trees.FOUND`); True when some tree was grown
        (the cells it decides are then in `cells`, the completed output in `final`)."""
        sql: Callable[[exp.Query], str] = lambda q: _text(q, dialect)  # noqa: E731
        shapes = self.shapes
        branching = sorted(_integer(q) for (q,) in engine.rows(sql(trees.branching())))
        if not branching:
            return False
        engine.materialize(PROBED, sql(self.probed(branching)))
        if engine.materialize(PROBED_FOUND, sql(trees.probed_found(branching, shapes))) == 0:
            return False
        engine.drop(FOUND)  # the roots
        slots = len(shapes.slots)
        engine.materialize(VERDICTS, sql(trees.verdicts(slots, PROBED_FOUND, merge=False)))
        by_bit = {f.bit: f for f in shapes.finite}
        level = PROBED_FOUND
        while True:
            branched = [_integer(b) for (b,) in engine.rows(sql(trees.branched(level)))]
            facts = [by_bit[b] for b in branched if b in by_bit]
            children = sql(trees.expand(facts, shapes, level)) if facts else None
            if children is None or engine.materialize(NODES, children) == 0:
                return True
            if level == PROBED_FOUND:
                engine.drop(PROBED)
                engine.drop(PROBED_FOUND)
            level = FOUND
            qs = sorted(_integer(q) for (q,) in engine.rows(f"SELECT DISTINCT _q FROM {NODES}"))
            engine.materialize(EVALUATED, self.evaluation(qs, dialect))
            engine.materialize(FOUND, sql(trees.found(qs, shapes)))
            engine.drop(EVALUATED)
            engine.materialize(VERDICTS, sql(trees.verdicts(slots)))


def _text(query: exp.Query, dialect: str) -> str:
    """The text of a tree built for one step and read by nothing else: generated without
    the copy sqlglot makes by default in case the generation rewrites the tree (three
    quarters of the generation's time, half a second a run of every conclusion)."""
    return query.sql(dialect=dialect, copy=False)


def _integer(value: object) -> int:
    assert isinstance(value, int)
    return value


def plan(
    program: Program,
    lowered: Lowered,
    parameters: Parameters,
    raises: Raises,
    facts: Sequence[str],
    names: Sequence[str],
    sources: dict[str, Sources],
    shapes: Mapping[str, Shape],
    output: Sequence[str],
    carried: Sequence[str],
) -> Plan | None:
    """The completion of `names` (conclusions that can be unknown) of a query with
    `output` conclusions, whose main result is the table `trees.MAIN`; None when nothing
    can be completed."""
    finite = []
    for bit, name in enumerate(facts):
        fact = program.facts[name]
        domain = domain_of(fact)
        if domain is not None:
            finite.append(Finite(name, bit, fact_shape(fact.type), tuple(domain)))
    if not names or not finite:
        return None
    if len(facts) > MAX_FACTS:
        raise RuleError(
            [
                Diagnostic(
                    "P002",
                    f"la complétion en SQL suit au plus {MAX_FACTS} données à la fois ; "
                    f"ces conclusions en lisent {len(facts)}",
                    None,
                    "demandez moins de conclusions à la fois (--only)",
                )
            ]
        )
    described = Shapes(
        tuple((name, fact_shape(program.facts[name].type)) for name in facts),
        tuple(finite),
        tuple(shapes[name] for name in names),
    )
    final = trees.final(names, described, output, carried)
    return Plan(program, lowered, parameters, raises, sources, names, described, final)
