"""A directed graph of names in plain dicts: what the compiler passes need of one, on every load.

The passes build the dependency graph of a rule base (an edge `a -> b`: b reads a) and walk it
on every load, the cached ones included; networkx took a tenth of a second to import for
that. `Digraph` keeps the part of networkx's `DiGraph` interface the passes use, with the same
orders (nodes and successors in insertion order, `topological_order` as
`networkx.topological_sort`), so that their results do not change; `networkx()` gives the
same graph as a networkx `DiGraph` for the readers that want its algorithms (diagrams, the
documentation site, the diff), built once, on first use.

    >>> graph = Digraph()
    >>> graph.add_node("b", kind="règle")
    >>> graph.add_edges_from([("a", "b", {"level": 2}), ("b", "c", {})])
    >>> list(graph.nodes), graph.successors("a"), graph.edges["a", "b"]
    (['b', 'a', 'c'], ['b'], {'level': 2})
    >>> graph.topological_order(), sorted(graph.descendants("a")), graph.has_cycle()
    (['a', 'b', 'c'], ['b', 'c'], False)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

Data = dict[str, Any]


class Digraph:
    """Nodes with data, edges with data, successors and predecessors in insertion order."""

    __slots__ = ("_networkx", "_predecessors", "_successors", "edges", "nodes")

    def __init__(self) -> None:
        self.nodes: dict[str, Data] = {}
        self.edges: dict[tuple[str, str], Data] = {}
        self._successors: dict[str, dict[str, None]] = {}
        self._predecessors: dict[str, dict[str, None]] = {}
        self._networkx: nx.DiGraph[str] | None = None

    def __contains__(self, name: object) -> bool:
        return name in self.nodes

    def clear(self) -> None:
        self.nodes, self.edges, self._successors, self._predecessors = {}, {}, {}, {}
        self._networkx = None

    def add_node(self, name: str, **data: Any) -> None:
        self._networkx = None
        if name in self.nodes:
            self.nodes[name].update(data)
            return
        self.nodes[name] = data
        self._successors[name] = {}
        self._predecessors[name] = {}

    def add_nodes_from(self, names: Iterable[str]) -> None:
        for name in names:
            self.add_node(name)

    def add_edge(self, tail: str, head: str, **data: Any) -> None:
        """An edge `tail -> head`; a name not yet a node becomes one, without data."""
        for name in (tail, head):
            if name not in self.nodes:
                self.add_node(name)
        self._networkx = None
        self.edges.setdefault((tail, head), {}).update(data)
        self._successors[tail][head] = None
        self._predecessors[head][tail] = None

    def add_edges_from(self, edges: Iterable[tuple[str, str, Data]]) -> None:
        for tail, head, data in edges:
            self.add_edge(tail, head, **data)

    def has_edge(self, tail: str, head: str) -> bool:
        return (tail, head) in self.edges

    def successors(self, name: str) -> list[str]:
        return list(self._successors[name])

    def predecessors(self, name: str) -> list[str]:
        return list(self._predecessors[name])

    def number_of_edges(self) -> int:
        return len(self.edges)

    def descendants(self, name: str) -> set[str]:
        """The names reachable from `name`, without it (as `networkx.descendants`)."""
        return self._reached(name, self._successors)

    def ancestors(self, name: str) -> set[str]:
        """The names `name` is reachable from, without it (as `networkx.ancestors`)."""
        return self._reached(name, self._predecessors)

    def topological_order(self) -> list[str]:
        """Every node, each after those with an edge to it, in `networkx.topological_sort`'s
        order (generation by generation, in insertion order); `ValueError` on a cycle."""
        indegree = {name: len(tails) for name, tails in self._predecessors.items() if tails}
        generation = [name for name, tails in self._predecessors.items() if not tails]
        order: list[str] = []
        while generation:
            order += generation
            following: list[str] = []
            for name in generation:
                for head in self._successors[name]:
                    indegree[head] -= 1
                    if not indegree[head]:
                        following.append(head)
                        del indegree[head]
            generation = following
        if indegree:
            raise ValueError("the graph has a cycle")
        return order

    def has_cycle(self) -> bool:
        try:
            self.topological_order()
        except ValueError:
            return True
        return False

    def networkx(self) -> nx.DiGraph[str]:
        """The same graph as a networkx `DiGraph` (same data, same orders), built once."""
        if self._networkx is None:
            import networkx as nx  # only the readers that use its algorithms pay for it

            graph: nx.DiGraph[str] = nx.DiGraph()
            graph.add_nodes_from(self.nodes.items())
            graph.add_edges_from((tail, head, data) for (tail, head), data in self.edges.items())
            self._networkx = graph
        return self._networkx

    def _reached(self, name: str, links: dict[str, dict[str, None]]) -> set[str]:
        seen = {name}
        stack = [name]
        while stack:
            for other in links[stack.pop()]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        seen.discard(name)
        return seen
