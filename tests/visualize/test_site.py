"""The documentation site: a page per symbol, no broken link, escaped text, search index."""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from alinea.engine import RuleBase
from alinea.visualize import site

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 3, 1)


class Links(HTMLParser):
    """Every link target of a page and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value is None:
                continue
            if key in {"href", "src", "xlink:href"}:
                self.targets.append(value)
            if key == "id":
                self.ids.add(value)


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def broken_links(folder: Path) -> list[str]:
    pages = {page: parse(page) for page in folder.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        for target in links.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                broken.append(f"{page}: lien externe {target}")
                continue
            file = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not file.is_file():
                broken.append(f"{page.relative_to(folder)}: {target}")
            elif parts.fragment and parts.fragment not in pages[file].ids:
                broken.append(f"{page.relative_to(folder)}: ancre {target}")
    return broken


@pytest.fixture(scope="module")
def bundled_site(rules: RuleBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    site.build(rules.program, out, DAY)
    return out


@pytest.fixture(scope="module")
def small_site(small: RuleBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("petit-site")
    site.build(small.program, out, DAY)
    return out


def vocabulary_conclusions() -> list[str]:
    text = (ROOT / "docs" / "VOCABULARY.md").read_text(encoding="utf-8")
    section = text.split("## Conclusions (outputs)", 1)[1]
    return re.findall(r"^\| `([a-z_.]+)` \|", section, flags=re.M)


def test_no_broken_link(bundled_site: Path, small_site: Path) -> None:
    assert broken_links(bundled_site) == []
    assert broken_links(small_site) == []


def test_the_link_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html">b</a><a href="#ici">ici</a><a id="là"></a>')
    assert broken_links(tmp_path) == ["a.html: b.html", "a.html: ancre #ici"]


def test_a_page_per_vocabulary_conclusion(rules: RuleBase, bundled_site: Path) -> None:
    present = [name for name in vocabulary_conclusions() if name in rules.program.rules]
    assert "mon_soutien_psy.seance_prise_en_charge" in present
    for name in present:
        page = bundled_site / "regles" / f"{name}.html"
        assert page.is_file(), name


def test_a_page_per_symbol(small: RuleBase, small_site: Path) -> None:
    program = small.program
    expected = {
        *(f"regles/{n}.html" for n in program.rules),
        *(f"parametres/{n}.html" for n in program.parameters),
        *(f"donnees/{n}.html" for n in program.facts),
        "index.html",
    }
    found = {str(p.relative_to(small_site)) for p in small_site.rglob("*.html")}
    assert found == expected


def test_rule_page_content(bundled_site: Path) -> None:
    page = (bundled_site / "regles" / "mon_soutien_psy.eligible.html").read_text(encoding="utf-8")
    assert "<h1>le patient peut bénéficier de Mon soutien psy</h1>" in page
    assert page.count('<section id="version-') == 3
    assert "Version 3 — depuis le 16/05/2025 (en vigueur)" in page
    assert '<span class="tok-kw">conclusion</span>' in page
    assert page.count("<svg ") == 3
    assert 'href="../donnees/age.html"' in page
    assert 'href="../regles/mon_soutien_psy.seance_prise_en_charge.html"' in page
    assert "cumulativement" in page


def test_legal_text_is_escaped(small_site: Path) -> None:
    page = (small_site / "donnees" / "revenus.html").read_text(encoding="utf-8")
    assert "<h1>revenus &lt;mensuels&gt; &amp; primes</h1>" in page
    rule = (small_site / "regles" / "aide.eligible.html").read_text(encoding="utf-8")
    assert "l&#39;âge est &lt; 26 &amp; les revenus sont &gt; 0 €" in rule
    assert "< 26 & les" not in rule


def test_search_index(small_site: Path) -> None:
    script = (small_site / "recherche-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.ALINEA_RECHERCHE = ")
    entries = json.loads(script.removeprefix("window.ALINEA_RECHERCHE = ").rstrip(";\n"))
    by_name = {entry["nom"]: entry for entry in entries}
    assert by_name["aide.montant"] == {
        "genre": "conclusion",
        "libelle": "montant de l'aide",
        "nom": "aide.montant",
        "texte": "Code test art. 2",
        "url": "regles/aide.montant.html",
    }
    assert by_name["aide.pieces"]["genre"] == "règle"
    assert by_name["taille_foyer"]["texte"] == "Combien de personnes compte le foyer ?"
    assert len(entries) == 3 + 1 + 4
