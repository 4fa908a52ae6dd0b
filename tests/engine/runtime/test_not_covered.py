"""The fourth outcome, « non couvert », through evaluation, results and explanations
(fixture tests/fixtures/couverture)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from alinea.engine import Conclusion, RuleBase, load
from alinea.engine.domain.outcomes import Gap, GapSide

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "fixtures" / "couverture" / "couverture.alinea"
D = datetime.date
TAUX = Gap("test.taux", "Loi test, art. 2", D(2020, 1, 1), D(2021, 6, 30), GapSide.AFTER)
PLAFOND = Gap("test.plafond", "Loi test, art. 1", D(2020, 6, 1), D(2022, 12, 31), GapSide.BEFORE)


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return load(FIXTURE, cache=False)


def conclusion(base: RuleBase, name: str, day: datetime.date, **facts: Any) -> Conclusion:
    return base.evaluate(facts, date=day, only=[name])[name]


def test_true_or_not_covered_is_true(base: RuleBase) -> None:
    found = conclusion(base, "test.aide", D(2020, 3, 1), aide_sociale=True, revenu=800)
    assert (found.status, found.value, found.gaps) == ("valeur", True, ())


def test_false_or_not_covered_is_not_covered(base: RuleBase) -> None:
    found = conclusion(base, "test.aide", D(2020, 3, 1), aide_sociale=False, revenu=800)
    assert (found.status, found.value, found.missing, found.gaps) == (
        "non_couvert",
        None,
        (),
        (PLAFOND,),
    )


def test_an_unknown_fact_that_can_still_decide_is_named(base: RuleBase) -> None:
    found = conclusion(base, "test.aide", D(2020, 3, 1), revenu=800)
    assert (found.status, found.missing) == ("non_couvert", ("aide_sociale",))


def test_a_fact_that_cannot_decide_despite_the_gap_is_not_asked(base: RuleBase) -> None:
    """The income cannot decide `revenu * taux` when the rate is not covered."""
    found = conclusion(base, "test.montant", D(2021, 8, 1), aide_sociale=True)
    assert (found.status, found.missing, found.gaps) == ("non_couvert", (), (TAUX,))


def test_not_applicable_before_the_creation_and_after_the_abrogation(base: RuleBase) -> None:
    before = conclusion(base, "test.aide", D(2019, 6, 1), revenu=800)
    after = conclusion(base, "test.aide", D(2023, 6, 1), revenu=800)
    assert (before.status, after.status) == ("non_applicable", "non_applicable")
    assert before.explain().splitlines()[1:] == [
        "test.aide = non applicable",
        "  l'article Loi test, art. 1 n'existait pas avant le 01/01/2020 (loi n° 2019-1, art. 3)",
    ]
    assert after.explain().splitlines()[2] == (
        "  l'article Loi test, art. 1 est abrogé depuis le 01/01/2023 (loi n° 2022-9, art. 1er)"
    )


def test_the_explanation_tells_the_gap_at_the_top_and_where_it_is(base: RuleBase) -> None:
    found = conclusion(base, "test.montant", D(2021, 8, 1), aide_sociale=True, revenu=800)
    lines = found.explain().splitlines()
    assert lines[1] == (
        "test.montant = non couvert — la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)"
    )
    assert "  ⊘ arrondi_centime(revenu × test.taux) + test.forfait = non couvert" in lines
    origin = next(line for line in lines if "taux de l'aide" in line)
    assert origin.strip().startswith(
        "⊘ taux de l'aide = non couvert — la base de règles s'arrête au 30/06/2021 "
        "(Loi test, art. 2)"
    )
    assert "✓ l'aide est due = vrai" in "\n".join(lines)  # what is already settled


def test_the_json_of_a_non_covered_conclusion(base: RuleBase) -> None:
    found = conclusion(base, "test.montant", D(2021, 8, 1), aide_sociale=True, revenu=800)
    data = found.to_json()
    assert {k: data[k] for k in ("value", "status", "missing")} == {
        "value": None,
        "status": "non_couvert",
        "missing": [],
    }
    assert data["couvert_jusqu_au"] == "2021-06-30"
    assert "couvert_depuis" not in data
    assert data["article"] == "Loi test, art. 2"
    assert data["lacunes"] == [
        {
            "nom": "test.taux",
            "article": "Loi test, art. 2",
            "position": "après",
            "couvert_depuis": "2020-01-01",
            "couvert_jusqu_au": "2021-06-30",
        }
    ]
    start = conclusion(base, "test.aide", D(2020, 3, 1), aide_sociale=False).to_json()
    assert (start["couvert_depuis"], "couvert_jusqu_au" in start) == ("2020-06-01", False)


def test_the_json_explanation_marks_the_node_that_is_not_covered(base: RuleBase) -> None:
    found = conclusion(base, "test.montant", D(2021, 8, 1), aide_sociale=True, revenu=800)
    tree = found.to_json(explain=True)["explanation"]
    nodes = []
    stack = [tree]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.get("children", []))
    [origin] = [n for n in nodes if n.get("name") == "test.taux"]
    assert origin["status"] == "non_couvert"
    assert origin["lacunes"][0]["couvert_jusqu_au"] == "2021-06-30"
    assert tree["status"] == "non_couvert"


def test_the_json_explanation_says_why_not_applicable(base: RuleBase) -> None:
    tree = conclusion(base, "test.aide", D(2023, 6, 1)).to_json(explain=True)
    assert tree["explanation"]["reason"] == (
        "l'article Loi test, art. 1 est abrogé depuis le 01/01/2023 (loi n° 2022-9, art. 1er)"
    )
    assert tree["articles"]["Loi test, art. 1"]["event"] == "abrogation"


def test_the_bundled_ceilings_at_2027_06_01(rules: RuleBase) -> None:
    facts = {"taille_foyer": 4, "residence_outre_mer": False, "ressources_annuelles_foyer": 18000}
    result = rules.evaluate({**facts, "beneficiaire_rsa": False}, date="2027-06-01")
    droit = result["css.droit"]
    assert droit.status == "non_couvert"
    assert droit.gaps[0].symbol == "revalorisation.coefficient"
    assert droit.to_json()["couvert_jusqu_au"] == "2027-03-31"
    assert droit.to_json()["article"] == "CSS L.161-25"
    rsa = rules.evaluate({**facts, "beneficiaire_rsa": True}, date="2027-06-01")["css.droit"]
    assert (rsa.status, rsa.value) == ("valeur", "gratuite")
