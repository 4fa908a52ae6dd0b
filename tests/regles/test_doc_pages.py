"""The documentation site shows, on a rule's page, the sources an analyst must weigh.

Where two texts disagree (the decree on direct access to a psychiatrist has no age limit, the
convention médicale has one), the page of the conclusion must name both; where a conclusion's
name changed with the law, each version keeps its own label.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

import pytest

from alinea.engine import RuleBase
from alinea.visualize import site

DAY = datetime.date(2026, 3, 1)


@pytest.fixture(scope="module")
def pages(rules: RuleBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    site.build(rules.program, out, DAY)
    return out / "regles"


def text(pages: Path, name: str) -> str:
    return html.unescape((pages / f"{name}.html").read_text(encoding="utf-8"))


def test_the_direct_access_page_names_the_decree_and_the_convention(pages: Path) -> None:
    page = text(pages, "psychiatre.dans_parcours_de_soins")
    assert "alors que CSS D.162-1-7 [P] ne fixe aucun âge" in page
    assert "l'avenant n° 10 à la convention médicale de 2005" in page
    assert (
        "La majoration prévue au cinquième alinéa de l'article L. 162-5-3 n'est pas appliquée"
        in page
    )


def test_each_version_of_css_droit_has_its_own_label(pages: Path) -> None:
    page = text(pages, "css.droit")
    assert "droit à la CMU complémentaire" in page
    assert "droit à la Complémentaire santé solidaire" in page


def test_the_css_share_of_a_session_cites_l861_3(pages: Path) -> None:
    page = text(pages, "mon_soutien_psy.part_css")
    assert "CSS L.861-3 1°" in page
    assert "1° De la participation de l'assuré aux tarifs de responsabilité" in page
