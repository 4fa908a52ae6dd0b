"""A conclusion decided whatever a missing fact is: the diagram does not show the example
value as if the situation gave it."""

from __future__ import annotations

import datetime
import json

from alinea.engine import RuleBase
from alinea.visualize import overlay, tree
from tests.conftest import ROOT


def test_a_fact_without_effect_is_not_drawn_with_the_example_value(rules: RuleBase) -> None:
    path = ROOT / "tests" / "regles" / "fixtures" / "ame_3000_euros_territoire_inconnu.json"
    day = datetime.date(2026, 3, 1)
    facts = rules.facts_from(json.loads(path.read_text(encoding="utf-8")))
    conclusion = rules.evaluate_facts(facts, date=day, only=["ame.droit"])["ame.droit"]
    diagram = overlay.highlight(
        tree.decision_tree(rules.program, "ame.droit", day), conclusion.trace
    )
    shown = {n.code: n.state.shown for n in diagram.nodes if n.kind == "donnée" and n.state}
    assert shown["residence_outre_mer"] == "residence_outre_mer : sans effet sur le résultat"
    assert shown["situation_sejour"] == "situation_sejour = sejour_irregulier"
