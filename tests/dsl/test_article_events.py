"""Creation and abrogation of an article, read from the amending text of its header in
Légifrance's words, which stays verbatim."""

from __future__ import annotations

import pytest

from alinea.dsl import nodes, parse
from alinea.dsl.formatter import format_text

CREATION, ABROGATION = nodes.ArticleEvent.CREATION, nodes.ArticleEvent.ABROGATION


@pytest.mark.parametrize(
    ("amendment", "event"),
    [
        ("création : loi n° 2021-1754, art. 79", CREATION),
        ("Création LOI n°2021-1754 du 23 décembre 2021 - art. 79", CREATION),
        ("créé par le décret n° 2022-195", CREATION),
        ("Créée par l'ordonnance n° 2020-232", CREATION),
        ("CREATION : loi n° 2015-1702", CREATION),
        ("abrogé par la loi n° 2018-1203, art. 52", ABROGATION),
        ("Abrogée par décret", ABROGATION),
        ("abrogation : loi n° 2018-1203", ABROGATION),
        ("abroge par la loi", ABROGATION),
        ("loi n° 2018-1203, art. 52", None),
        ("version 5", None),
        ("créations diverses", None),
        ("modifié par l'abrogation de L.863-1", None),
    ],
)
def test_the_event_is_the_first_word_of_the_amending_text(
    amendment: str, event: nodes.ArticleEvent | None
) -> None:
    module = parse(f"§ CSS L.863-1 | depuis 2019-11-01 ({amendment})\n")
    [article] = module.items
    assert isinstance(article, nodes.Article)
    assert article.event is event
    assert article.amendment == amendment


def test_a_header_without_amending_text_has_no_event() -> None:
    [article] = parse("§ CSS L.863-1 | du 2005-01-01 au 2019-10-31\n").items
    assert isinstance(article, nodes.Article)
    assert (article.amendment, article.event) == (None, None)


def test_the_event_follows_the_amending_text_when_a_node_is_built_by_hand() -> None:
    article = nodes.Article("CSS L.863-1", None, "abrogé par la loi n° 2018-1203", ())
    assert article.event is ABROGATION
    assert article == nodes.Article("CSS L.863-1", None, "abrogé par la loi n° 2018-1203", ())
    assert article != nodes.Article("CSS L.863-1", None, "loi n° 2018-1203", ())


def test_the_formatter_keeps_the_amending_text_as_written() -> None:
    text = "§ CSS L.863-1 |  depuis 2019-11-01   (Abrogé par la loi n° 2018-1203, art. 52)\n"
    shown = format_text(text)
    assert shown == "§ CSS L.863-1 | depuis 2019-11-01 (Abrogé par la loi n° 2018-1203, art. 52)\n"
    [article] = parse(shown).items
    assert isinstance(article, nodes.Article)
    assert article.event is ABROGATION
