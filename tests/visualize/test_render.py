"""Rendering through Graphviz: a clear error without `dot`, inline SVG, A4 readability."""

from __future__ import annotations

import datetime

import pytest

from alinea.engine import RuleBase
from alinea.visualize import a4, dot, render, tree
from alinea.visualize.model import Diagram

DAY = datetime.date(2026, 3, 1)


def in_force(rules: RuleBase, name: str) -> datetime.date:
    """DAY, or the last day of the rule's last version when it has ended by then."""
    periods = [v.period for v in rules.program.rules[name].versions]
    if any(p is None or p.contains(DAY) for p in periods):
        return DAY
    return max(p.end for p in periods if p is not None and p.end is not None)


def test_missing_dot_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "DOT", "dot-absent-de-ce-systeme")
    with pytest.raises(render.GraphvizMissing) as error:
        render.render("digraph { a }", "svg")
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.message == "le programme « dot » de Graphviz est introuvable"
    assert diagnostic.hint == (
        "installez Graphviz (paquet Debian « graphviz » : apt-get install graphviz ; "
        "macOS : brew install graphviz), puis relancez"
    )


def test_dot_output_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "DOT", "dot-absent-de-ce-systeme")
    assert render.render("digraph { a }", "dot") == b"digraph { a }"


def test_graphviz_errors_are_reported() -> None:
    with pytest.raises(render.AlineaError) as error:
        render.render("digraph { a -> }", "svg")
    assert error.value.diagnostics[0].message.startswith(
        "Graphviz n'a pas pu dessiner le diagramme : Error: <stdin>: syntax error in line 1"
    )


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_formats(rules: RuleBase, fmt: str, magic: bytes) -> None:
    source = dot.source(tree.decision_tree(rules.program, "mon_soutien_psy.eligible", DAY))
    assert render.render(source, fmt).startswith(magic)


def test_inline_svg_ids_are_prefixed() -> None:
    svg = render.svg('digraph g { a -> b [URL="x.html"] }')
    inlined = render.inline(svg, "v2", "Arbre « a & b »")
    assert inlined.startswith('<svg role="figure" aria-label="Arbre « a &amp; b »" ')
    assert "<?xml" not in inlined and "<!DOCTYPE" not in inlined
    assert 'id="v2-node1"' in inlined
    assert 'id="node1"' not in inlined


def test_a4_page_choice() -> None:
    assert render.page(1000, 500) == "11.2,7.8"
    assert render.page(500, 1000) == "7.8,11.2"
    assert render.a4_scale(400, 300) == 1.0
    assert render.a4_scale(1612.8, 500) == pytest.approx(0.5)


def test_every_conclusion_is_readable_on_a4(rules: RuleBase) -> None:
    """Each decision tree of the bundled base, printed on one A4 page, keeps 5.5 pt text."""
    small = {}
    for name in rules.conclusions:
        day = in_force(rules, name)
        _, depth, scale = a4.fit(
            lambda depth, name=name, day=day: tree.decision_tree(
                rules.program, name, day, depth=depth
            )
        )
        if scale < a4.READABLE:
            small[name] = (depth, round(scale, 2))
    assert small == {}


def test_fitting_folds_only_what_it_must(rules: RuleBase) -> None:
    def build(depth: int | None) -> Diagram:
        return tree.decision_tree(rules.program, "mon_soutien_psy.reste_a_charge", DAY, depth=depth)

    source, depth, scale = a4.fit(build)
    assert depth is not None
    assert scale >= a4.READABLE
    deeper = dot.source(build(depth + 1))
    assert render.a4_scale(*render.size(render.svg(deeper))) < a4.READABLE
    assert source == dot.source(build(depth))
    _, whole, _ = a4.fit(
        lambda depth: tree.decision_tree(
            rules.program, "mon_soutien_psy.eligible", DAY, depth=depth
        )
    )
    assert whole is None
