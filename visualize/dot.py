"""A `Diagram` as DOT text (built with the `graphviz` package): the text that tests snapshot.

Colours come with a symbol and a word (✓ vrai, ✗ faux, ? inconnu), never alone, and every
node carries a tooltip and a link so the SVG is a navigable page of the documentation.
"""

from __future__ import annotations

import graphviz

from . import labels
from .model import (
    FALSE,
    NOT_APPLICABLE,
    NOT_COVERED,
    SKIPPED,
    TRUE,
    UNKNOWN,
    VALUE,
    Diagram,
    Node,
    State,
)

FONT = "Arial,Liberation Sans,Helvetica,sans-serif"
MONO = "Courier New,Liberation Mono,monospace"
INK = "#1f2937"
MUTED = "#4b5563"
CITE = "#1e40af"
EDGE = "#6b7280"
FAINT = "#9ca3af"

CAPTIONS = {
    "conclusion": "CONCLUSION",
    "règle": "RÈGLE",
    "renvoi": "RÈGLE (voir sa page)",
    "exception": "EXCEPTION",
    "donnée": "DONNÉE",
    "paramètre": "PARAMÈTRE",
}
SHAPES: dict[str, dict[str, str]] = {
    "conclusion": {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#dbe7fb",
        "penwidth": "2",
    },
    "règle": {"shape": "box", "style": "rounded,filled", "fillcolor": "#eaf1fd"},
    "renvoi": {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": "#eaf1fd"},
    "cas": {"shape": "box", "style": "filled", "fillcolor": "#ffffff"},
    "sinon": {"shape": "box", "style": "filled", "fillcolor": "#ffffff"},
    "groupe": {"shape": "box", "style": "filled", "fillcolor": "#f3f4f6"},
    "condition": {"shape": "box", "style": "rounded,filled", "fillcolor": "#ffffff"},
    "logique": {"shape": "ellipse", "style": "filled", "fillcolor": "#f3f4f6"},
    "expression": {"shape": "box", "style": "rounded,filled", "fillcolor": "#f9fafb"},
    "exception": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fdf0e1"},
    "ligne": {"shape": "box", "style": "filled", "fillcolor": "#ffffff"},
    "élément": {"shape": "box", "style": "filled", "fillcolor": "#ffffff"},
    "donnée": {"shape": "box", "style": "rounded,filled", "fillcolor": "#ecfdf3"},
    "paramètre": {"shape": "note", "style": "filled", "fillcolor": "#fefce8"},
}
# Outcome -> (mark, fill, border, style added): a symbol and a word besides the colour.
OUTCOMES = {
    TRUE: ("✓", "#dcfce7", "#166534", ""),
    FALSE: ("✗", "#fee2e2", "#991b1b", ""),
    UNKNOWN: ("?", "#fef3c7", "#92400e", "dashed"),
    NOT_APPLICABLE: ("–", "#e5e7eb", "#374151", ""),
    NOT_COVERED: ("⊘", "#fae8ff", "#86198f", "diagonals"),
    VALUE: ("•", "#dbeafe", "#1e3a8a", ""),
    SKIPPED: ("·", "#ffffff", FAINT, "dotted"),
}
LEGEND = (
    "✓ vrai · ✗ faux · ? inconnu (donnée manquante, bord tireté) · – non applicable · "
    "⊘ non couvert (la base de règles n'a pas de version à cette date, coins coupés) · "
    "· non évalué (pointillés) — trait épais : ce qui a décidé"
)


def source(diagram: Diagram) -> str:
    """The DOT text of a diagram: deterministic, ready for `dot` or for a snapshot."""
    graph = graphviz.Digraph(name=diagram.name)
    highlighted = any(node.state is not None for node in diagram.nodes)
    title = labels.escape(diagram.title)
    if highlighted:
        title += f'<BR/><FONT POINT-SIZE="9" COLOR="{MUTED}">{labels.escape(LEGEND)}</FONT>'
    graph.attr(
        rankdir=diagram.rankdir,
        label=f"<<B>{title}</B>>",
        labelloc="t",
        labeljust="l",
        fontname=FONT,
        fontsize="13",
        fontcolor=INK,
        nodesep="0.18",
        ranksep="0.35",
        bgcolor="white",
        tooltip=graphviz.escape(diagram.title),
    )
    graph.attr("node", fontname=FONT, fontsize="10", fontcolor=INK, color=MUTED, margin="0.08,0.04")
    graph.attr("edge", color=EDGE, arrowsize="0.6", fontname=FONT, fontsize="9", fontcolor=MUTED)
    clustered: dict[str | None, list[Node]] = {}
    for node in diagram.nodes:
        clustered.setdefault(node.cluster, []).append(node)
    for number, (key, members) in enumerate(clustered.items(), start=1):
        if key is None:
            for node in members:
                _node(graph, node, diagram.compact)
            continue
        cluster = diagram.clusters[key]
        with graph.subgraph(name=f"cluster_{number}") as sub:
            sub.attr(
                label=f"<<B>{labels.escape(cluster.label)}</B>>",
                tooltip=graphviz.escape(cluster.tooltip or cluster.label),
                style="rounded,filled",
                fillcolor="#f8fafc",
                color="#cbd5e1",
                fontcolor=CITE,
                fontsize="11",
                labeljust="l",
            )
            if cluster.url:
                sub.attr(URL=graphviz.escape(cluster.url))
            for node in members:
                _node(sub, node, diagram.compact)
    states = {node.id: node.state for node in diagram.nodes}
    for edge in diagram.edges:
        attributes = _edge_style(states.get(edge.tail), states.get(edge.head), highlighted)
        if edge.style:
            attributes["style"] = edge.style
        if edge.label:
            attributes["label"] = graphviz.escape(edge.label)
        if not edge.constraint:
            attributes["constraint"] = "false"
        graph.edge(edge.tail, edge.head, **attributes)
    return str(graph.source)


def _node(graph: graphviz.Digraph, node: Node, compact: bool = False) -> None:
    attributes = dict(SHAPES[node.kind])
    state = node.state
    if state is not None:
        _, fill, border, style = OUTCOMES[state.outcome]
        attributes["fillcolor"] = fill
        attributes["color"] = border
        if style:
            attributes["style"] += "," + style
        attributes["penwidth"] = "3" if state.deciding else "1"
    attributes["tooltip"] = graphviz.escape(node.tooltip or node.title)
    if node.url:
        attributes["URL"] = graphviz.escape(node.url)
        attributes["target"] = "_top"
    graph.node(node.id, label=label(node, compact), **attributes)


def label(node: Node, compact: bool = False) -> str:
    """The HTML-like label of a node: outcome, kind, title, code, details, citation.

    A compact label (for print, when a tree is too large for a page) keeps the outcome, the
    title and the citation; the code and details stay in the tooltip and the rule's page.
    """
    rows = []
    if node.state is not None:
        rows.append(_state_row(node.state))
    caption = CAPTIONS.get(node.kind)
    if caption:
        rows.append(labels.row(caption, size=8, color=MUTED))
    bold = node.kind in {"conclusion", "règle", "renvoi", "exception"}
    title = labels.lines(node.title)
    rows.append(labels.row(f"<B>{title}</B>" if bold else title))
    if node.code and not (compact and node.title):
        rows.append(labels.row(labels.lines(node.code, 44), size=9, color=MUTED, face=MONO))
    for detail in () if compact else node.details:
        rows.append(labels.row(labels.lines(detail, 44), size=9, color=MUTED))
    if node.citation:
        rows.append(labels.row("§ " + labels.lines(node.citation, 44), size=9, color=CITE))
    return labels.table(rows)


def _state_row(state: State) -> str:
    mark, _, border, _ = OUTCOMES[state.outcome]
    text = f"{mark} {state.shown}" if state.shown else mark
    return labels.row(f"<B>{labels.lines(text, 44)}</B>", color=border)


def _edge_style(tail: State | None, head: State | None, highlighted: bool) -> dict[str, str]:
    if not highlighted:
        return {}
    if tail is not None and head is not None and tail.deciding and head.deciding:
        return {"color": INK, "penwidth": "2.5"}
    return {"color": FAINT}
