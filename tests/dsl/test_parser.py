"""Comments are kept apart from the AST, each with its position, for the formatter."""

from __future__ import annotations

from pathlib import Path

from alinea.dsl import parse

FIXTURES = Path(__file__).parent / "fixtures"


def test_comments_are_found_outside_strings_headers_and_quoted_lines() -> None:
    text = (FIXTURES / "commentaires.alinea").read_text(encoding="utf-8")
    module = parse(text, "commentaires.alinea")
    found = [(c.span.line, c.span.column, c.text) for c in module.comments if c.span]
    assert found == [
        (1, 1, "# en-tête du fichier"),
        (5, 3, "# dans le bloc de l'article"),
        (7, 21, "# après la déclaration"),
        (8, 48, "# après un texte"),
    ]
    assert module.items[0].reference == "Arrêté du 8 mars 2022 # fait partie de l'en-tête"
    assert module.items[0].amendment is None
    assert module.items[0].lines == ("texte cité # fait partie de la citation",)


def test_trailing_blanks_are_not_part_of_a_comment() -> None:
    # Inline on purpose: editors strip trailing blanks from fixture files.
    module = parse("# note   \t\ndonnée age : entier  # fin  \n")
    assert [c.text for c in module.comments] == ["# note", "# fin"]
