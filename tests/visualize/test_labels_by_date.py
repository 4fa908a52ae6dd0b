"""A rule shown at a date is called by the version in force that day: page titles, decision
trees, dependency graphs and the version table of the documentation site."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from alinea.engine import RuleBase
from alinea.visualize import decision, deps, site, tree
from tests.visualize.html_text import text_of


@pytest.mark.parametrize(
    ("day", "label"),
    [
        ("2026-03-01", "droit à la Complémentaire santé solidaire"),
        ("2019-06-01", "droit à la CMU complémentaire"),
    ],
)
def test_the_decision_page_is_titled_by_the_version_in_force(
    rules: RuleBase, day: str, label: str
) -> None:
    facts = rules.facts_from({"taille_foyer": 1, "ressources_annuelles_foyer": 9000})
    conclusion = rules.evaluate_facts(
        facts, date=datetime.date.fromisoformat(day), only=["css.droit"]
    )
    page = decision.explanation_page(conclusion["css.droit"], rules.program, facts, "s.json")
    assert f"<h1>{label}</h1>" in page


def test_decision_trees_and_dependency_graphs_use_the_label_of_the_day(rules: RuleBase) -> None:
    day = datetime.date(2026, 3, 1)
    diagram = tree.decision_tree(rules.program, "css.droit", day)
    assert (
        diagram.title
        == "droit à la Complémentaire santé solidaire — droit applicable au 1er mars 2026"
    )
    graph = deps.dependency_graph(rules.program, "css", day=day)
    titles = {n.code: n.title for n in graph.nodes}
    assert titles["css.droit"] == "droit à la Complémentaire santé solidaire"
    before = deps.dependency_graph(rules.program, "css", day=datetime.date(2018, 1, 1))
    assert {n.code: n.title for n in before.nodes}["css.droit"] == "droit à la CMU complémentaire"


def test_the_rule_page_and_its_version_table(versions: RuleBase, tmp_path: Path) -> None:
    site.build(versions.program, tmp_path, datetime.date(2026, 3, 1))
    html = (tmp_path / "regles" / "aide.droit.html").read_text(encoding="utf-8")
    assert "<h1>droit à la nouvelle aide</h1>" in html
    assert "<p>Rédaction de 2020.</p>" in html
    page = text_of(html)
    table = page.split("Version Libellé Période Article Texte cité État au 1er mars 2026", 1)[1]
    assert table.lstrip().startswith(
        "1 droit à l&#39;ancienne aide du 01/01/2010 au 31/12/2014 — texte non cité "
        "pas en vigueur "
        "2 droit à l&#39;ancienne aide du 01/01/2015 au 31/12/2019 — texte non cité "
        "pas en vigueur "
        "3 droit à la nouvelle aide depuis le 01/01/2020 — texte non cité en vigueur"
    )
    assert (
        "Version 1 — du 01/01/2010 au 31/12/2014 "
        "« droit à l&#39;ancienne aide » — Rédaction de 2010." in page
    )
    index = text_of((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert "droit à la nouvelle aide aide.droit" in index
    assert "droit à l&#39;ancienne aide aide.droit" not in index


def test_the_version_table_quotes_each_version_of_the_article(
    rules: RuleBase, tmp_path: Path
) -> None:
    site.build(rules.program, tmp_path, datetime.date(2026, 3, 1))
    page = text_of((tmp_path / "regles" / "css.droit.html").read_text(encoding="utf-8"))
    head = "Version Libellé Période Article Texte cité État au 1er mars 2026 "
    table = page.split(head, 1)[1].split("Version 1 —")[0]
    first, second = table.split(" pas en vigueur ")
    assert " ".join(first.split()) == (
        "1 droit à la CMU complémentaire du 01/01/2016 au 31/10/2019 "
        "CSS L.861-1, du 01/01/2019 au 31/10/2019 texte non cité"
    )
    assert second.startswith(
        "2 droit à la Complémentaire santé solidaire depuis le 01/11/2019 "
        "CSS L.861-1, depuis le 01/11/2019 (loi n° 2018-1203, art. 52) "
        "« Les personnes mentionnées à l&#39;article L. 160-1 ont droit"
    )
