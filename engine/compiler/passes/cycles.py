"""Pass: no rule may depend on itself, directly or through others.

Writes nothing; reads the graph the graph pass built. A rule base without a cycle is told by
one topological walk of the plain graph; networkx is imported only to name the cycles of one
that has some.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> trial('''
    ... règle exemple.a : entier
    ...   selon "art. 1"
    ...   = exemple.b + 1
    ... règle exemple.b : entier
    ...   selon "art. 2"
    ...   = exemple.a + 1
    ... ''', detect)[1]
    ['E601 1:1 dépendance circulaire : exemple.a → exemple.b → exemple.a (→ : dépend de)']
"""

from __future__ import annotations

from ....dsl.errors import Diagnostic, Note
from ..program import Program


def detect(program: Program) -> list[Diagnostic]:
    if not program.dependencies.has_cycle():
        return []
    import networkx as nx

    graph = program.graph
    found = []
    components = sorted(
        (sorted(c) for c in nx.strongly_connected_components(graph)), key=lambda c: c[0]
    )
    for component in components:
        start = component[0]
        if len(component) == 1 and not graph.has_edge(start, start):
            continue
        found_cycle = nx.find_cycle(graph.subgraph(component), source=start)
        cycle = [start, *reversed([edge[0] for edge in found_cycle][1:])]
        names = [*cycle, cycle[0]]
        notes = tuple(
            Note(f"« {name} » ({graph.nodes[name]['path']}:{graph.nodes[name]['line']})", None)
            for name in cycle
        )
        symbol = program.symbol(start)
        found.append(
            Diagnostic(
                "E601",
                "dépendance circulaire : " + " → ".join(names) + " (→ : dépend de)",
                symbol.span if symbol else None,
                "une règle ne peut pas dépendre d'elle-même, même indirectement",
                notes,
            )
        )
    return found
