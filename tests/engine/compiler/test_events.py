"""The creation and abrogation sections of an article, checked where they are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.dsl.errors import RuleError
from alinea.engine import load

FIXTURES = Path(__file__).parents[1] / "fixtures" / "erreurs"


def diagnostics(name: str) -> list[tuple[str, int, str, str | None, list[tuple[str, int]]]]:
    with pytest.raises(RuleError) as error:
        load(FIXTURES / f"{name}.alinea", cache=False)
    return [
        (
            d.code,
            d.span.line if d.span else 0,
            d.message,
            d.hint,
            [(n.message, n.span.line if n.span else 0) for n in d.notes],
        )
        for d in error.value.diagnostics
    ]


def test_a_declaration_under_an_abrogation_section() -> None:
    assert diagnostics("abrogation_avec_declaration") == [
        (
            "E404",
            6,
            "déclaration sous la section d'abrogation de « CSS L.863-1 »",
            "un article abrogé n'a plus de règle en vigueur : écrivez cette déclaration sous "
            "une section de l'article encore en vigueur, avant l'abrogation",
            [("section d'abrogation", 5)],
        )
    ]


def test_quoted_text_under_an_abrogation_section() -> None:
    assert diagnostics("abrogation_avec_texte") == [
        (
            "E405",
            4,
            "texte cité sous la section d'abrogation de « CSS L.863-1 »",
            "un article abrogé n'a plus de texte : citez-le (lignes « > ») sous la section de "
            "sa dernière version",
            [],
        )
    ]


def test_an_abrogation_is_written_since_a_day() -> None:
    assert diagnostics("abrogation_sans_depuis") == [
        (
            "E406",
            2,
            "la section d'abrogation de « CSS L.863-1 » doit s'écrire « depuis AAAA-MM-JJ »",
            "l'article n'existe plus à partir du jour de l'abrogation : § CSS L.863-1 | depuis "
            "2019-11-01 (abrogé par la loi n° 2018-1203, art. 52)",
            [],
        )
    ]


def test_an_abrogation_is_the_last_section_of_its_article() -> None:
    found = diagnostics("abrogation_pas_derniere")
    assert found[0] == (
        "E407",
        2,
        "l'article « CSS R.162-64 » est abrogé le 29/02/2012 mais une de ses sections commence "
        "ce jour-là ou après",
        "la section d'abrogation est la dernière de l'article : placez-la après sa dernière "
        "version",
        [("section postérieure à l'abrogation", 3)],
    )
    assert [d[0] for d in found] == ["E407", "E401"]  # open, it overlaps what follows


def test_a_creation_is_the_first_section_of_its_article() -> None:
    assert diagnostics("creation_pas_premiere") == [
        (
            "E408",
            2,
            "l'article « CSS L.160-1 » est créé le 01/01/2016 mais une de ses sections commence "
            "avant",
            "la section de création est la première version de l'article : retirez « création » "
            "de cet en-tête, ou la section antérieure si l'article n'existait pas encore",
            [("section antérieure à la création", 1)],
        )
    ]


def test_a_creation_says_when() -> None:
    assert diagnostics("creation_sans_date") == [
        (
            "E409",
            1,
            "la section de création de « CSS L.160-1 » ne dit pas quand l'article a été créé",
            "donnez la date d'entrée en vigueur de la première version : « depuis AAAA-MM-JJ » "
            "ou « du AAAA-MM-JJ au AAAA-MM-JJ »",
            [],
        )
    ]


def test_an_abrogation_section_without_period_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sans_periode.alinea"
    path.write_text("§ CSS L.863-1 | (abrogé par la loi n° 2018-1203)\n", encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load(path, cache=False)
    assert [d.code for d in error.value.diagnostics] == ["E406"]


def test_the_bundled_rule_base_marks_creations_and_abrogations() -> None:
    program = load(cache=False).program
    events = {
        (reference, article.event.value, str(article.period.start) if article.period else "")
        for reference, sections in program.articles.items()
        for article, _ in sections
        if article.event is not None
    }
    assert {
        ("CSS L.863-1", "abrogation", "2019-11-01"),
        ("CSS L.861-1 2°", "création", "2019-11-01"),
        ("CSS L.162-58", "création", "2021-12-25"),
        ("CSS R.162-64", "création", "2022-02-19"),
        ("CSS L.160-1", "création", "2016-01-01"),
    } <= events
