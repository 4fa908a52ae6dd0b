"""`alinea explain --html`: one decision as a page — the explanation tree, the highlighted
diagram and the articles it rests on, in one self-contained file (styles inlined).

The tree is read the way the text explanation reads it: the engine's `deciding` children
first, the others folded as "sans effet sur le résultat". Nothing is evaluated here.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..engine.compiler.program import Program
from ..engine.domain.outcomes import NotCovered, Unknown
from ..engine.explain.explanation import (
    gap_text,
    line_text,
    mark,
    show,
    shown_children,
    shown_facts,
    sources,
)
from ..engine.result import Conclusion
from ..engine.runtime.trace import Trace
from . import dot, overlay, pages, render, site, tree


@attrs.frozen
class Line:
    mark: str
    outcome: str
    text: str
    citation: str | None
    facts: tuple[str, ...]
    children: tuple[Line, ...]
    others: tuple[Line, ...]


def explanation_page(
    conclusion: Conclusion,
    program: Program,
    facts: Mapping[str, object],
    situation: str,
    prefix: str = "",
) -> str:
    """The page of one conclusion for one situation at the date it was evaluated on."""
    day = conclusion.date
    symbol = program.rules[conclusion.name]
    label = symbol.label_at(day) or conclusion.name
    svg = ""
    absent = None
    if symbol.version_at(day) is not None:
        diagram = tree.decision_tree(program, conclusion.name, day, prefix=prefix)
        overlay.highlight(diagram, conclusion.trace)
        svg = render.inline(
            render.svg(dot.source(diagram)),
            "decision",
            f"Arbre de décision de « {diagram.title} », chemin décisif surligné",
        )
    else:
        absent = tree.absence(program, conclusion.name, day)
    root = _line(conclusion.trace, set())
    cited = [(c, pages.quote(program.article(c, day))) for c in sources(conclusion.trace)]
    situation_rows = [
        (name, show(value, program.facts[name].type) if name in program.facts else str(value))
        for name, value in sorted(facts.items())
    ]
    env = site.environment()
    stylesheet = (site.HERE / "static" / "style.css").read_text(encoding="utf-8")
    return env.get_template("decision.html").render(
        root=prefix,
        day=day,
        conclusion=conclusion,
        label=label,
        value=show(conclusion.trace.value, conclusion.type),
        outcome=_outcome(conclusion.trace.value),
        missing=conclusion.missing,
        missing_label=(
            "pourrait être décidé par" if conclusion.status == "non_couvert" else "il manque"
        ),
        gaps=[(g.symbol, gap_text(g)) for g in conclusion.gaps],
        absent=absent,
        tree=rows(root),
        diagram=svg,
        cited=cited,
        situation=situation,
        facts=situation_rows,
        stylesheet=stylesheet,
    )


@attrs.frozen
class Row:
    """One step of writing the tree as nested lists: a line opens (`ligne`) and closes
    (`fin`) around its children; its folded others sit between `replis` and `fin-replis`."""

    kind: str
    line: Line


def rows(root: Line) -> list[Row]:
    """The tree in document order, with an explicit stack (a deep tree must not recurse)."""
    found: list[Row] = []
    pending: list[tuple[str, Line]] = [("ligne", root)]
    while pending:
        kind, line = pending.pop()
        found.append(Row(kind, line))
        if kind == "ligne":
            pending.append(("fin", line))
            if line.others:
                pending.append(("fin-replis", line))
                pending.extend(("ligne", other) for other in reversed(line.others))
                pending.append(("replis", line))
            pending.extend(("ligne", child) for child in reversed(line.children))
    return found


def _line(trace: Trace, expanded: set[int]) -> Line:
    expanded.add(id(trace))
    kids, others = shown_children(trace)
    return Line(
        mark(trace),
        _outcome(trace.value),
        line_text(trace),
        trace.step.citation,
        tuple(shown_facts(trace)),
        tuple(_line(c, expanded) if id(c) not in expanded else _leaf(c) for c in kids),
        tuple(_leaf(c) for c in others),
    )


def _leaf(trace: Trace) -> Line:
    return Line(
        mark(trace), _outcome(trace.value), line_text(trace), trace.step.citation, (), (), ()
    )


def _outcome(value: object) -> str:
    if isinstance(value, bool):
        return "vrai" if value else "faux"
    if type(value) is Unknown:
        return "inconnu"
    return "non_couvert" if type(value) is NotCovered else "autre"
