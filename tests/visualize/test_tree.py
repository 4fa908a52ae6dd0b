"""The decision tree of one conclusion, as DOT text (snapshots), plain and highlighted."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.dsl.errors import UsageError
from alinea.engine import RuleBase
from alinea.visualize import dot, overlay, render, tree

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 3, 1)
NODE = re.compile(r"\s*n\d+ \[label=<")
SEANCE = "mon_soutien_psy.seance_prise_en_charge"


def node_line(source: str, text: str) -> str:
    """The DOT line of the node whose label contains `text`."""
    found = [line for line in source.splitlines() if text in line and NODE.match(line)]
    assert len(found) >= 1, text
    return found[0]


def highlighted(rules: RuleBase, name: str, facts: dict[str, object], day: datetime.date) -> str:
    diagram = tree.decision_tree(rules.program, name, day)
    result = rules.evaluate(facts, date=day, only=[name])
    return dot.source(overlay.highlight(diagram, result[name].trace))


def test_seance_tree(rules: RuleBase, snapshot: SnapshotAssertion) -> None:
    source = dot.source(tree.decision_tree(rules.program, SEANCE, DAY))
    assert source == snapshot
    assert "§ CSS R.162-65" in source
    assert "§ CSS R.162-68" in source


def test_seance_tree_highlights_the_video_session(
    rules: RuleBase, snapshot: SnapshotAssertion
) -> None:
    facts = json.loads((ROOT / "examples" / "premiere-seance-visio.json").read_text())
    source = highlighted(rules, SEANCE, facts, DAY)
    assert source == snapshot
    deciding = node_line(source, "modalite_seance = visio")
    assert "penwidth=3" in deciding
    assert "penwidth=3" in node_line(source, "✗ faux (visio = presentiel)")
    assert "penwidth=1" in node_line(source, "✓ vrai (0 &lt; 12)")


def test_unknown_facts_are_dashed_and_named(rules: RuleBase) -> None:
    source = highlighted(rules, SEANCE, {"age": 34}, DAY)
    line = node_line(source, "modalite_seance inconnu")
    assert "dashed" in line
    assert "#fef3c7" in line


def test_skipped_branches_are_marked(rules: RuleBase) -> None:
    facts = {"affiliation_assurance_maladie": True}
    source = highlighted(rules, "mon_soutien_psy.eligible", facts, DAY)
    assert "dotted" in node_line(source, "· non évalué")


def test_versions_follow_the_date(rules: RuleBase) -> None:
    before = dot.source(
        tree.decision_tree(rules.program, "mon_soutien_psy.eligible", DAY.replace(year=2023))
    )
    after = dot.source(tree.decision_tree(rules.program, "mon_soutien_psy.eligible", DAY))
    assert "adressé par un médecin" in before
    root = node_line(before, "mon_soutien_psy.eligible")
    assert 'version en vigueur : du 19/02/2022 au<BR ALIGN="LEFT"/>24/12/2023' in root
    assert "adressé par un médecin" not in after
    assert "version en vigueur : depuis le 16/05/2025" in after


def test_exceptions_show_their_rank(small: RuleBase, snapshot: SnapshotAssertion) -> None:
    source = dot.source(tree.decision_tree(small.program, "aide.montant", DAY))
    assert source == snapshot
    assert "exception, rang 1" in node_line(source, "sauf 0 € si :")
    assert "exception, rang 2 — prime sur « etudiants »" in node_line(
        source, "aide forfaitaire des retraités"
    )
    assert "exception, rang 1" in node_line(source, "aide forfaitaire des étudiants")
    assert "barème suivant taille_foyer" in source


def test_lists_and_collapsed_rules(small: RuleBase, snapshot: SnapshotAssertion) -> None:
    source = dot.source(tree.decision_tree(small.program, "aide.pieces", DAY))
    assert source == snapshot
    collapsed = dot.source(tree.decision_tree(small.program, "aide.montant", DAY, depth=0))
    assert "RÈGLE (voir sa page)" in node_line(collapsed, "la personne a droit à l'aide")
    assert "age &lt; 30" not in collapsed


def test_legal_text_is_escaped_and_renders(small: RuleBase) -> None:
    diagram = tree.decision_tree(small.program, "aide.eligible", DAY.replace(year=2022))
    source = dot.source(diagram)
    assert "revenus &lt;mensuels&gt; &amp; primes" in source
    assert "<mensuels>" not in source
    assert "« L'aide est due si l'âge est < 26 & les revenus sont > 0 €. »" in source
    svg = render.svg(source)
    assert "revenus &lt;mensuels&gt; &amp; primes" in svg
    assert re.search(r"<title>[^<]*</title>", svg)


def test_every_node_has_a_tooltip_and_a_link(rules: RuleBase) -> None:
    diagram = tree.decision_tree(rules.program, SEANCE, DAY, prefix="../")
    svg = render.svg(dot.source(diagram))
    nodes = re.findall(
        r'<g id="node\d+" class="node">\s*<title>[^<]*</title>\s*<g id="a_node\d+"><a ([^>]*)>', svg
    )
    assert len(nodes) == len(diagram.nodes)
    for attributes in nodes:
        assert 'xlink:href="../' in attributes
        assert 'xlink:title="' in attributes
    assert 'xlink:href="../regles/mon_soutien_psy.eligible.html"' in svg
    assert "vidéotransmission" in svg


def test_unknown_rule_and_date_out_of_force(rules: RuleBase) -> None:
    with pytest.raises(UsageError) as error:
        tree.decision_tree(rules.program, "mon_soutien_psy.inconnue", DAY)
    assert str(error.value) == "error[U001]: règle inconnue « mon_soutien_psy.inconnue »"
    with pytest.raises(UsageError) as error:
        tree.decision_tree(rules.program, "mon_soutien_psy.tarif_seance", datetime.date(2020, 1, 1))
    diagnostic = error.value.diagnostics[0]
    assert diagnostic.message == (
        "aucune version de « mon_soutien_psy.tarif_seance » n'est en vigueur le 01/01/2020"
    )
    assert diagnostic.hint == (
        "non applicable : l'article CSS R.162-69 n'existait pas avant le 19/02/2022 "
        "(décret n° 2022-195, art. 1er) ; versions : depuis le 19/02/2022"
    )
    with pytest.raises(UsageError) as error:
        tree.decision_tree(rules.program, "css.acs", datetime.date(2027, 6, 1))
    assert error.value.diagnostics[0].hint == (
        "non applicable : l'article CSS L.863-1 est abrogé depuis le 01/11/2019 "
        "(loi n° 2018-1203, art. 52) ; versions : du 01/01/2016 au 31/10/2019"
    )
    with pytest.raises(UsageError) as error:
        tree.decision_tree(rules.program, "css.droit", datetime.date(2015, 6, 1))
    assert error.value.diagnostics[0].hint == (
        "non couvert — la base de règles ne commence qu'au 01/01/2016 (CSS L.861-1) ; "
        "versions : du 01/01/2016 au 31/10/2019, depuis le 01/11/2019"
    )
