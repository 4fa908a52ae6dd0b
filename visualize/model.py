"""A diagram before it becomes DOT: nodes, edges and article clusters, in drawing order.

Builders (the decision tree, the dependency graph) fill a `Diagram`; an optional overlay
sets the `state` of nodes from an evaluation; `dot.source` then writes DOT text. Keeping the
model apart lets the same tree be drawn plain, highlighted, or embedded in a page.
"""

from __future__ import annotations

import attrs

from ..dsl.errors import Span

# What a node shows of an evaluation: one of these, or None when there is no situation.
TRUE, FALSE, UNKNOWN, NOT_APPLICABLE, NOT_COVERED, VALUE, SKIPPED = (
    "vrai",
    "faux",
    "inconnu",
    "non_applicable",
    "non_couvert",
    "valeur",
    "non_evalue",
)


@attrs.define
class State:
    """The evaluation of one node: its outcome, the value shown, whether it decided."""

    outcome: str
    shown: str = ""
    deciding: bool = False


@attrs.define
class Node:
    """`kind` picks the shape: règle, conclusion, cas, sinon, groupe, condition, logique,
    expression, exception, ligne, élément, donnée, paramètre, renvoi (a rule not expanded)."""

    id: str
    kind: str
    title: str
    details: list[str] = attrs.Factory(list)
    code: str | None = None
    citation: str | None = None
    tooltip: str = ""
    url: str | None = None
    cluster: str | None = None
    key: Span | None = None
    gate: Span | None = None
    operands: Span | None = None
    state: State | None = None


@attrs.define
class Edge:
    tail: str
    head: str
    label: str = ""
    style: str = ""
    constraint: bool = True


@attrs.define
class Cluster:
    key: str
    label: str
    tooltip: str = ""
    url: str | None = None


@attrs.define
class Diagram:
    name: str
    title: str
    nodes: list[Node] = attrs.Factory(list)
    edges: list[Edge] = attrs.Factory(list)
    clusters: dict[str, Cluster] = attrs.Factory(dict)
    rankdir: str = "LR"
    compact: bool = False

    def add(self, kind: str, title: str, **fields: object) -> Node:
        node = Node(f"n{len(self.nodes) + 1}", kind, title, **fields)  # type: ignore[arg-type]
        self.nodes.append(node)
        return node

    def link(self, tail: Node, head: Node, label: str = "", style: str = "") -> None:
        """An edge; one into a rule drawn in full does not rank it below its reader, so
        each rule's tree starts on the left and the trees stack instead of running wide."""
        constraint = head.kind not in {"conclusion", "règle"}
        self.edges.append(Edge(tail.id, head.id, label, style, constraint))

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)
