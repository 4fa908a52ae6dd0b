"""The canonical layout, on fixture files written in every other layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.dsl import nodes, parse
from alinea.dsl.formatter import format_module, format_text

FIXTURES = Path(__file__).parent / "fixtures" / "fmt"
PAIRS = sorted(p.stem for p in FIXTURES.glob("*.attendu"))


@pytest.mark.parametrize("name", PAIRS)
def test_a_file_gets_the_canonical_layout(name: str) -> None:
    text = (FIXTURES / f"{name}.alinea").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{name}.attendu").read_text(encoding="utf-8")
    assert format_text(text) == expected
    assert format_text(expected) == expected


def test_the_pairs_cover_comments_citations_and_headers() -> None:
    assert PAIRS == [
        "citations",
        "desordre",
        "en-tetes",
        "evenements",
        "orthographes",
        "revalorisation",
    ]


def test_a_file_of_comments_only_keeps_them_in_the_first_column() -> None:
    text = (FIXTURES / "commentaires-seuls.alinea").read_text(encoding="utf-8")
    assert format_text(text) == (
        "# Un fichier sans déclaration.\n\n# Ses commentaires restent, en première colonne.\n"
    )


def test_an_empty_file_stays_empty() -> None:
    assert format_text("\n\n") == ""


def test_comments_need_the_source_text_to_be_placed() -> None:
    module = parse("# note\ndonnée age : entier\n")
    with pytest.raises(ValueError, match="les commentaires se replacent d'après le texte source"):
        format_module(module)
    assert format_module(nodes.Module("x", module.items)) == "donnée age : entier\n"
