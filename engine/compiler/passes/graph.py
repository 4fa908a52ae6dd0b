"""Pass: the dependency graph, facts and parameters -> rules -> conclusions.

An edge `a -> b` means b reads a. Nodes carry their kind, file and line; they are added in
sorted order so every traversal, diagram and report is deterministic. Rules and parameters
also carry their own depth (`own`) and each edge the level at which it is read (`level`),
for the depth pass.

Writes: `program.dependencies` (nodes and edges, with their attributes; `program.graph` is
the same graph as networkx, built when first read).

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> program, found = trial('''
    ... donnée age : entier
    ... règle exemple.majeur : booléen
    ...   selon "art. 1"
    ...   = age >= 18
    ... conclusion exemple.droit : booléen
    ...   selon "art. 2"
    ...   = exemple.majeur
    ... ''', build)
    >>> found, sorted(program.dependencies.edges)
    ([], [('age', 'exemple.majeur'), ('exemple.majeur', 'exemple.droit')])
"""

from __future__ import annotations

from ....dsl.errors import Diagnostic
from ..program import Program, Symbol
from . import depth


def build(program: Program, memo: depth.Walks | None = None) -> list[Diagnostic]:
    graph = program.dependencies
    graph.clear()
    symbols: list[tuple[str, str, Symbol]] = [
        *(("donnée", n, s) for n, s in program.facts.items()),
        *(("paramètre", n, s) for n, s in program.parameters.items()),
        *(("règle", n, s) for n, s in program.rules.items()),
    ]
    for kind, name, symbol in sorted(symbols, key=lambda t: t[1]):
        span = symbol.span
        graph.add_node(
            name,
            kind=kind,
            path=span.path if span else "",
            line=span.line if span else 0,
            public=getattr(symbol, "public", False),
        )
    edges: list[tuple[str, str, dict[str, int]]] = []
    for name in [*program.rules, *program.parameters]:
        own, reads = depth.levels(depth.roots(program, name), memo)
        graph.nodes[name]["own"] = own  # the levels the depth pass needs, in the same walk
        edges += [(ref, name, {"level": level}) for ref, level in reads.items()]
    graph.add_edges_from(sorted(edges, key=lambda edge: edge[:2]))
    if memo is not None:
        memo.done()
    return []
