"""The dependency graph of a rule base, or of one subject: facts -> rules -> conclusions.

Read from the compiler's networkx graph (an edge a -> b means b reads a), clustered by the
file each name is declared in. A subject is a name prefix (`mon_soutien_psy`); its graph
also shows what it reads from elsewhere, in that other file's cluster.
"""

from __future__ import annotations

import datetime

import networkx as nx

from ..dsl.errors import Diagnostic, UsageError
from ..engine.compiler.program import Program, RuleSymbol
from . import labels, links
from .model import Cluster, Diagram

KINDS = {"donnée": "donnée", "paramètre": "paramètre"}


def subjects(program: Program) -> list[str]:
    """The subjects of a rule base: the prefixes of its rule and parameter names."""
    names = [*program.rules, *program.parameters]
    return sorted({links.subject(n) for n in names if links.subject(n)})


def dependency_graph(
    program: Program,
    subject: str | None = None,
    *,
    prefix: str = "",
    day: datetime.date | None = None,
) -> Diagram:
    """Facts -> rules -> conclusions, by file; rules are named by the label of their version
    in force on `day` (their last version's without a day)."""
    graph: nx.DiGraph[str] = program.graph
    chosen = _selection(program, subject)
    title = f"Dépendances — {subject}" if subject else "Dépendances de la base de règles"
    diagram = Diagram(f"dependances_{subject or 'base'}", title, rankdir="LR")
    ids = {}
    for name in sorted(chosen, key=lambda n: (graph.nodes[n]["path"], n)):
        data = graph.nodes[name]
        path = data["path"]
        if path not in diagram.clusters:
            diagram.clusters[path] = Cluster(path, f"fichier {path}", f"fichier {path}")
        kind = _kind(data["kind"], data["public"])
        symbol = program.symbol(name)
        if isinstance(symbol, RuleSymbol):
            label = symbol.label_at(day)
        else:
            label = symbol.decl.label if symbol is not None else None
        node = diagram.add(
            kind,
            label or name,
            code=name if label else None,
            tooltip=_tooltip(program, name, label),
            url=links.url(data["kind"], name, prefix),
            cluster=path,
        )
        ids[name] = node
    for tail, head in sorted(graph.edges):
        if tail in ids and head in ids:
            diagram.link(ids[tail], ids[head])
    for edge in diagram.edges:
        edge.constraint = True
    return diagram


def _selection(program: Program, subject: str | None) -> set[str]:
    graph: nx.DiGraph[str] = program.graph
    if subject is None:
        return set(graph.nodes)
    known = subjects(program)
    if subject not in known:
        raise UsageError(
            [
                Diagnostic(
                    "U008",
                    f"sujet inconnu « {subject} »",
                    None,
                    "sujets de la base : " + ", ".join(known) if known else None,
                )
            ]
        )
    own = {n for n in graph.nodes if links.subject(n) == subject}
    return own.union(*(nx.ancestors(graph, n) for n in own))


def _kind(kind: str, public: bool) -> str:
    if kind == "règle":
        return "conclusion" if public else "règle"
    return KINDS[kind]


def _tooltip(program: Program, name: str, label: str | None) -> str:
    fact = program.facts.get(name)
    if fact is not None:
        return fact.decl.question or label or name
    rule = program.rules.get(name)
    if rule is not None and rule.versions:
        article = rule.versions[-1].origin.article
        quoted = labels.quoted(article)
        if quoted:
            return quoted
    parameter = program.parameters.get(name)
    if parameter is not None and parameter.entries:
        quoted = labels.quoted(parameter.entries[-1].origin.article)
        if quoted:
            return quoted
    return f"{label} ({name})" if label else name
