"""Reading a LEGI extract: the bundled one, and every malformed file as a usage error."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from alinea.dsl.errors import UsageError
from alinea.veille import legi
from alinea.veille.references import parse

BAD = Path(__file__).parent / "fixtures" / "extraits"


def test_the_bundled_extract_holds_the_css_articles_the_rules_cite() -> None:
    extract = legi.load()
    assert extract.package == "@socialgouv/legi-data"
    css = extract.code("Code de la sécurité sociale")
    assert css is not None and css.consolidated == datetime.date(2026, 3, 14)
    article = extract.article(parse("CSS L.162-58")[0])
    assert article is not None
    assert [v.number for v in article.in_force][-2:] == ["4.0", "5.0"]
    assert article.texts.keys() == {"LEGIARTI000051285006"}


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("absent.json", "U050", "extrait LEGI illisible « {path} » : No such file or directory"),
        (
            "json-invalide.json",
            "U050",
            "extrait LEGI illisible « {path} » : JSON invalide "
            "(Expecting value: line 1 column 25 (char 24))",
        ),
        ("format-inconnu.json", "U051", "extrait LEGI mal formé « {path} » : format 2, attendu 1"),
        (
            "date-invalide.json",
            "U051",
            "extrait LEGI mal formé « {path} » : articles[0].versions[0].start doit être une "
            "date AAAA-MM-JJ, pas '19/02/2022'",
        ),
        (
            "etat-inconnu.json",
            "U051",
            "extrait LEGI mal formé « {path} » : articles[0].state : état LEGI inconnu "
            "'EN_VIGUEUR'",
        ),
        (
            "sans-articles.json",
            "U051",
            "extrait LEGI mal formé « {path} » : articles doit être une liste",
        ),
    ],
)
def test_a_bad_extract_is_a_usage_error(name: str, code: str, message: str) -> None:
    path = BAD / name
    with pytest.raises(UsageError) as raised:
        legi.load(path)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.code, diagnostic.message) == (code, message.format(path=path))
    assert diagnostic.hint == "refaites l'extrait avec « make legi » (voir README)"
