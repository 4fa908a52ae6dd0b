"""Explanations: the deciding reasons, their sources and the quoted articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from alinea.engine import RuleBase

ROOT = Path(__file__).resolve().parents[3]
COVERED = ROOT / "tests/engine/fixtures/msp/seance_couverte.json"
VISIO = ROOT / "examples/premiere-seance-visio.json"


@pytest.fixture
def json_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.with_defaults(extension_class=JSONSnapshotExtension)


def situation(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_a_covered_session_names_r162_65_and_the_2025_decree(rules: RuleBase) -> None:
    result = rules.evaluate(situation(COVERED), date="2026-03-01")
    conclusion = result["mon_soutien_psy.seance_prise_en_charge"]
    assert conclusion.value is True
    assert "CSS R.162-65" in conclusion.sources
    assert "CSS R.162-65, décret n° 2025-424, art. 1er" in conclusion.sources
    text = " ".join(conclusion.explain().split())
    assert "dans la limite de douze séances par année civile" in text
    assert "(3 < 12)" in text


def test_the_explanation_tree_as_json(rules: RuleBase, json_snapshot: SnapshotAssertion) -> None:
    names = [n for n in rules.conclusions if n.startswith("mon_soutien_psy.")]
    result = rules.evaluate(situation(COVERED), date="2026-03-01", only=names)
    assert result.to_json(explain=True) == json_snapshot


def test_a_refusal_explains_why_not_first(rules: RuleBase, snapshot: SnapshotAssertion) -> None:
    result = rules.evaluate(situation(VISIO), date="2026-03-01")
    conclusion = result["mon_soutien_psy.seance_prise_en_charge"]
    assert conclusion.value is False
    assert conclusion.sources == ("CSS R.162-68",)
    lines = conclusion.explain().splitlines()
    first_reason = next(line for line in lines if "✗" in line and "toutes" not in line)
    assert "présentiel" in first_reason
    assert "CSS R.162-68" in first_reason
    assert conclusion.explain() == snapshot


def test_unknown_conclusions_name_the_missing_facts(rules: RuleBase) -> None:
    facts = situation(VISIO)
    del facts["age"]
    facts["modalite_seance"] = "presentiel"
    result = rules.evaluate(facts, date="2026-03-01")
    conclusion = result["mon_soutien_psy.eligible"]
    assert conclusion.status == "inconnu"
    assert conclusion.value is None
    assert conclusion.missing == ("age",)
    assert "il manque : age" in conclusion.explain()


def test_the_version_in_force_is_quoted_at_each_date(rules: RuleBase) -> None:
    before = rules.evaluate({}, date="2025-05-15")["mon_soutien_psy.plafond_seances"]
    after = rules.evaluate({}, date="2025-05-16")["mon_soutien_psy.plafond_seances"]
    assert (before.value, after.value) == (8, 12)
    assert "douze séances" not in before.explain()
    assert "douze séances" in after.explain()
    assert "CSS R.162-65 (rédaction du décret n° 2022-195)" in before.sources


def test_questions_come_in_reading_order_with_the_article_each_answer_serves(
    rules: RuleBase,
) -> None:
    name = "mon_soutien_psy.seance_prise_en_charge"
    conclusion = rules.evaluate({"age": 34}, date="2026-03-01", only=[name])[name]
    asked = [(q.fact, q.citation) for q in conclusion.questions]
    assert asked[:3] == [
        ("intensite_troubles", "Arrêté du 8 mars 2022, art. 1er, I"),
        ("risque_suicidaire", "Arrêté du 8 mars 2022, art. 1er, II"),
        ("ald_ou_invalidite_psychiatrique", "Arrêté du 8 mars 2022, art. 1er, II [S]"),
    ]
    assert asked[-1] == ("modalite_seance", "CSS R.162-68")
    assert sorted(q.fact for q in conclusion.questions) == list(conclusion.missing)
    decided = rules.evaluate(situation(VISIO), date="2026-03-01", only=[name])[name]
    assert decided.questions == ()
