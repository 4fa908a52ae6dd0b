"""Default logic when an exception waits for a missing fact: the conclusion stays decided
unless that fact could change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.engine import RuleBase, load

FIXTURE = Path(__file__).parents[1] / "fixtures" / "exceptions_en_attente.alinea"
DATE = "2026-01-01"


@pytest.fixture(scope="module")
def rules() -> RuleBase:
    return load(FIXTURE, cache=False)


def test_an_applying_exception_decides_when_the_waiting_one_gives_the_same_value(
    rules: RuleBase,
) -> None:
    conclusion = rules.evaluate({"age": 10}, date=DATE)["majoree"]
    assert (conclusion.value, conclusion.status, conclusion.missing) == (False, "valeur", ())


def test_a_waiting_exception_that_would_change_the_value_leaves_it_unknown(
    rules: RuleBase,
) -> None:
    conclusion = rules.evaluate({"age": 30}, date=DATE)["majoree"]
    assert (conclusion.status, conclusion.missing) == ("inconnu", ("urgence",))


def test_every_fact_waited_for_is_named(rules: RuleBase) -> None:
    conclusion = rules.evaluate({}, date=DATE)["majoree"]
    assert conclusion.missing == ("age", "urgence")


def test_a_later_case_of_the_waiting_exception_can_still_change_the_value(
    rules: RuleBase,
) -> None:
    conclusion = rules.evaluate({"hors_residence": False}, date=DATE)["taux_rembourse"]
    assert (conclusion.status, conclusion.missing) == ("inconnu", ("exoneration",))


def test_the_base_decides_when_the_waiting_exception_would_give_its_value(
    rules: RuleBase,
) -> None:
    conclusion = rules.evaluate({}, date=DATE)["plein_tarif"]
    assert (conclusion.value, conclusion.status, conclusion.missing) == (True, "valeur", ())


def test_the_waiting_exception_is_shown_without_effect(rules: RuleBase) -> None:
    conclusion = rules.evaluate({"age": 10}, date=DATE)["majoree"]
    assert conclusion.explain().splitlines() == [
        "Droit applicable au 1er janvier 2026",
        "majoree = faux",
        "  texte en vigueur : Loi art. 1",
        "    « La participation peut être majorée, sauf pour les moins de seize ans et en cas",
        "    d'urgence. »",
        "  ✗ exception « moins_de_seize_ans »                                     Loi art. 1",
        "    ✓ age < 16  (10 < 16)",
        "  sans effet sur le résultat :",
        "    ? exception « en_urgence » = inconnu — il manque : urgence           Loi art. 1",
    ]
    assert conclusion.sources == ("Loi art. 1",)


def test_the_value_of_an_exception_is_shown_in_the_unit_of_its_rule(rules: RuleBase) -> None:
    conclusion = rules.evaluate({"exoneration": True}, date=DATE)["taux_rembourse"]
    assert conclusion.explain().splitlines()[-2:] == [
        "  • exception « exoneree » = 100 %                                       Loi art. 2",
        "      exoneration = vrai",
    ]
