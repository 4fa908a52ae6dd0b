"""Citations and section headings read as code articles."""

from __future__ import annotations

import pytest

from alinea.veille.references import article_of, number_key, parse


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("CSS L.162-58", ["CSS L.162-58"]),
        ("CSS L.861-1 1°", ["CSS L.861-1"]),
        ("CSS L.861-1 al. 4", ["CSS L.861-1"]),
        ("CSS D.160-2 II 1° (rédaction antérieure au décret n° 2019-1531)", ["CSS D.160-2"]),
        ("CSS R.162-65, décret n° 2025-424, art. 1er", ["CSS R.162-65"]),
        ("CSP L.1111-7 ; R.1111-1", ["CSP L.1111-7", "CSP R.1111-1"]),
        ("C. pén. art. 131-36-4 ; CSP L.3711-1 [U]", ["C. pén. 131-36-4", "CSP L.3711-1"]),
        ("C. civ. art. 371-1", ["C. civ. 371-1"]),
        ("CASF L.251-2 (AME)", ["CASF L.251-2"]),
        ("Arrêté du 8 mars 2022, art. 1er, I", []),
        ("Décision de l'UNCAM, dans la fourchette de CSS R.160-5 3° [S]", []),
        ("Graine 004", []),
    ],
)
def test_citations(text: str, labels: list[str]) -> None:
    assert [reference.label for reference in parse(text)] == labels


def test_keys_are_legi_numbers() -> None:
    (reference,) = parse("CSS L. 162-5-3")
    assert (reference.code.title, reference.key) == ("Code de la sécurité sociale", "L162-5-3")
    assert number_key("R*132-4") == "R132-4"


def test_a_heading_names_its_article_or_none() -> None:
    reference = article_of("CSS L.861-1 2°")
    assert reference is not None and reference.label == "CSS L.861-1"
    assert article_of("CE, 7 juin 2006, Association Aides et autres") is None
