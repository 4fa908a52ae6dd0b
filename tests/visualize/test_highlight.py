"""Syntax highlighting by the grammar's terminals."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.engine.compiler.loader import bundled
from alinea.visualize import highlight

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "base"
FILES = sorted([*bundled().glob("*.alinea"), *FIXTURES.glob("*.alinea")])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_tokens_cover_the_text_exactly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "".join(lexeme for _, lexeme in highlight.tokens(text)) == text


def test_classes() -> None:
    text = (
        "§ CSS R.1 | depuis 2025-05-16\n> Le texte < & >\n# note\n"
        'conclusion a.b : montant\n  = 50 € si x >= 3 et vrai selon "CSS"\n'
    )
    found = [(kind, lexeme) for kind, lexeme in highlight.tokens(text) if kind]
    assert found[:3] == [
        ("art", "§ CSS R.1 | depuis 2025-05-16"),
        ("cite", "> Le texte < & >"),
        ("com", "# note"),
    ]
    assert ("kw", "conclusion") in found
    assert ("nom", "a.b") in found
    assert ("type", "montant") in found
    assert ("type", "€") in found
    assert ("num", "50") in found
    assert ("kw", "si") in found
    assert ("lit", "vrai") in found
    assert ("str", '"CSS"') in found
    assert ("op", ">=") in found


def test_html_escapes() -> None:
    html = str(highlight.html("> a < b & c\n"))
    assert html == '<span class="tok-cite">&gt; a &lt; b &amp; c</span>\n'
