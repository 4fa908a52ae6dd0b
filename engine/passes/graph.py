"""Pass: the dependency graph, facts and parameters -> rules -> conclusions (networkx).

An edge `a -> b` means b reads a. Nodes carry their kind, file and line; they are added in
sorted order so every traversal, diagram and report is deterministic.
"""

from __future__ import annotations

from ...dsl import nodes
from ...dsl.errors import Diagnostic
from ...dsl.walk import descendants
from ..program import Program, Symbol


def build(program: Program) -> list[Diagnostic]:
    graph = program.graph
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
    edges: set[tuple[str, str]] = set()
    for name, rule in program.rules.items():
        roots: list[nodes.Node] = [v.rule for v in rule.versions]
        roots += [d.decl for d in rule.derogations]
        edges |= {(ref, name) for ref in _references(roots)}
    for name, parameter in program.parameters.items():
        edges |= {(ref, name) for ref in _references([e.value for e in parameter.entries])}
    graph.add_edges_from(sorted(edges))
    return []


def _references(roots: list[nodes.Node]) -> set[str]:
    return {
        node.name
        for root in roots
        for node in descendants(root)
        if isinstance(node, nodes.Ref) and node.kind != "valeur"
    }
