"""`alinea explain --html`: one decision as a page — the explanation tree, the highlighted
diagram and the articles it rests on, in one self-contained file (styles inlined).

The tree is read the way the text explanation reads it: the engine's `deciding` children
first, the others folded as "sans effet sur le résultat". Nothing is evaluated here.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..engine.explanation import deciding, show, sources
from ..engine.program import Program
from ..engine.result import Conclusion
from ..engine.trace import NA, Trace, Unknown, in_force
from . import dot, overlay, pages, render, site, tree

HIDDEN = {"valeur", "donnée"}


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
    label = symbol.label or conclusion.name
    svg = ""
    if any(in_force(v.period, day) for v in symbol.versions):
        diagram = tree.decision_tree(program, conclusion.name, day, prefix=prefix)
        overlay.highlight(diagram, conclusion.trace)
        svg = render.inline(
            render.svg(dot.source(diagram)),
            "decision",
            f"Arbre de décision de « {diagram.title} », chemin décisif surligné",
        )
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
        tree=root,
        diagram=svg,
        cited=cited,
        situation=situation,
        facts=situation_rows,
        stylesheet=stylesheet,
    )


def _line(trace: Trace, expanded: set[int]) -> Line:
    expanded.add(id(trace))
    kids = _visible(deciding(trace))
    others = [c for c in _visible(list(trace.children)) if all(c is not k for k in kids)]
    return Line(
        _mark(trace),
        _outcome(trace.value),
        _text(trace),
        trace.step.citation,
        tuple(
            f"{c.step.name} = {show(c.value, c.step.type)}"
            for c in trace.children
            if c.step.kind == "donnée" and type(c.value) is not Unknown
        ),
        tuple(_line(c, expanded) if id(c) not in expanded else _leaf(c) for c in kids),
        tuple(_leaf(c) for c in others),
    )


def _leaf(trace: Trace) -> Line:
    return Line(_mark(trace), _outcome(trace.value), _text(trace), trace.step.citation, (), (), ())


def _visible(traces: list[Trace]) -> list[Trace]:
    shown: list[Trace] = []
    for trace in traces:
        if trace.step.kind in {"cas", "sinon"} and not trace.step.citation:
            shown.extend(_visible(list(trace.children)))
        elif trace.step.kind not in HIDDEN:
            shown.append(trace)
    return shown


def _text(trace: Trace) -> str:
    step = trace.step
    if step.kind == "exception" and trace.value is NA:
        return f"{step.text} — ne s'applique pas"
    if step.kind in {"règle", "paramètre"} or not isinstance(trace.value, bool):
        value = show(trace.value, step.type)
        if type(trace.value) is Unknown:
            value += " — il manque : " + ", ".join(sorted(trace.value.missing))
        return f"{step.text} = {value}"
    return step.text


def _mark(trace: Trace) -> str:
    value = trace.value
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return "?" if type(value) is Unknown else ("–" if value is NA else "•")


def _outcome(value: object) -> str:
    if isinstance(value, bool):
        return "vrai" if value else "faux"
    return "inconnu" if type(value) is Unknown else "autre"
