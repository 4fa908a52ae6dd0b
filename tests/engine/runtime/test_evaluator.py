"""Semantics of evaluation: versions by date, three outcomes, default logic, barèmes, lists."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from alinea.engine import ConflictError, EvaluationError, RuleBase, load

FIXTURE = Path(__file__).parents[1] / "fixtures" / "semantique.alinea"
D2020 = datetime.date(2020, 6, 1)
D2021 = datetime.date(2021, 3, 1)


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return load(FIXTURE, cache=False)


def outcome(
    base: RuleBase, name: str, day: datetime.date, **facts: Any
) -> tuple[str, Any, set[str]]:
    conclusion = base.evaluate(facts, date=day, only=[name])[name]
    return conclusion.status, conclusion.value, set(conclusion.missing)


def test_the_date_picks_the_version_of_a_rule(base: RuleBase) -> None:
    assert outcome(base, "test.eligible", datetime.date(2020, 12, 31), age=17)[1] is False
    day = datetime.date(2021, 1, 1)
    assert outcome(base, "test.eligible", day, age=17, revenu=500)[1] is True


def test_the_date_picks_the_value_of_a_parameter(base: RuleBase) -> None:
    assert outcome(base, "test.eligible", D2021, age=30, revenu=Decimal("1100"))[1] is True
    assert outcome(base, "test.eligible", D2021, age=30, revenu=Decimal("1100.01"))[1] is False


def test_before_the_first_version_an_article_never_created_is_not_covered(base: RuleBase) -> None:
    """No creation section says the article started with its first version: the rule base
    simply does not go back further."""
    assert outcome(base, "test.eligible", datetime.date(2019, 12, 31), age=30) == (
        "non_couvert",
        None,
        set(),
    )


def test_an_absent_fact_is_unknown_and_named(base: RuleBase) -> None:
    assert outcome(base, "test.eligible", D2020) == ("inconnu", None, {"age"})
    assert outcome(base, "test.eligible", D2021, age=17) == ("inconnu", None, {"revenu"})


def test_false_and_unknown_is_false(base: RuleBase) -> None:
    assert outcome(base, "test.eligible", D2021, age=10) == ("valeur", False, set())


def test_true_or_unknown_is_true(base: RuleBase) -> None:
    assert outcome(base, "test.une", D2021, age=70) == ("valeur", True, set())
    assert outcome(base, "test.une", D2021, age=30) == ("inconnu", None, {"membre"})


def test_none_of_these_conditions(base: RuleBase) -> None:
    assert outcome(base, "test.aucune", D2021, age=30, statut="salarie")[1] is True
    assert outcome(base, "test.aucune", D2021, age=30, statut="aucune")[1] is False
    assert outcome(base, "test.aucune", D2021, age=12)[1] is False


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"age": 30}, ("valeur", True, set())),
        ({"age": 20, "statut": "etudiant"}, ("valeur", True, set())),
        ({"age": 20, "statut": "salarie"}, ("valeur", False, set())),
        ({"statut": "etudiant"}, ("valeur", True, set())),
        ({"statut": "salarie"}, ("inconnu", None, {"age"})),
    ],
)
def test_a_guarded_condition_holds_when_its_guard_does_not(
    base: RuleBase, facts: dict[str, Any], expected: tuple[str, Any, set[str]]
) -> None:
    assert outcome(base, "test.garde", D2021, **facts) == expected


@pytest.mark.parametrize(
    ("facts", "rate"),
    [
        ({"statut": "salarie", "age": 40, "membre": False}, "0.5"),
        ({"statut": "etudiant", "age": 20, "membre": False}, "1"),
        ({"statut": "retraite", "age": 70, "membre": False}, "0.8"),
        ({"statut": "retraite", "age": 55, "membre": False}, "0.9"),
        ({"statut": "salarie", "age": 40, "membre": True}, "0.2"),
    ],
)
def test_exceptions_override_the_base_and_prime_sur_orders_them(
    base: RuleBase, facts: dict[str, Any], rate: str
) -> None:
    assert outcome(base, "test.taux", D2021, **facts) == ("valeur", Decimal(rate), set())


def test_an_undecided_exception_makes_the_rule_unknown(base: RuleBase) -> None:
    status, _, missing = outcome(base, "test.taux", D2021, age=40, membre=False)
    assert status == "inconnu"
    assert missing == {"statut"}


def test_two_applicable_exceptions_of_equal_rank_are_a_conflict(base: RuleBase) -> None:
    with pytest.raises(ConflictError) as error:
        outcome(base, "test.taux", D2021, statut="salarie", age=101, membre=True)
    diagnostic = error.value.diagnostics[0]
    assert diagnostic.code == "C001"
    assert diagnostic.message == (
        "conflit : deux exceptions à « test.taux » s'appliquent avec des valeurs différentes "
        "(0.2 et 0.3)"
    )
    assert [note.message for note in diagnostic.notes] == [
        "première exception, selon Loi test, art. 7",
        "seconde exception, selon Loi test, art. 8",
    ]


@pytest.mark.parametrize(
    ("size", "coefficient"), [(1, "1"), (2, "1.5"), (3, "2"), (4, "2.5"), (5, "2.9"), (6, "3.3")]
)
def test_a_bareme_picks_its_row(base: RuleBase, size: int, coefficient: str) -> None:
    assert outcome(base, "test.coefficient", D2021, foyer=size)[1] == Decimal(coefficient)


@pytest.mark.parametrize(
    ("income", "bracket"), [("499.99", 1), ("500", 2), ("999.99", 2), ("1000", 3)]
)
def test_bareme_brackets_include_their_bounds(base: RuleBase, income: str, bracket: int) -> None:
    assert outcome(base, "test.tranche", D2021, revenu=income)[1] == bracket


def test_a_list_keeps_the_elements_whose_condition_holds(base: RuleBase) -> None:
    pieces = outcome(base, "test.pieces", D2021, revenu="100", statut="etudiant")[1]
    assert pieces == ("identite", "justificatif_revenu", "carte_etudiant")
    assert outcome(base, "test.pieces", D2021, revenu="0", statut="salarie")[1] == ("identite",)
    assert outcome(base, "test.pieces", D2021, revenu="0") == ("inconnu", None, {"statut"})


def test_applicability_and_explicit_rounding(base: RuleBase) -> None:
    facts = {"age": 20, "revenu": "333.33", "statut": "salarie", "membre": False}
    assert outcome(base, "test.aide", D2021, **facts)[1] == Decimal("383.34")
    assert outcome(base, "test.aide", D2021, **{**facts, "age": 12})[0] == "non_applicable"


@pytest.mark.parametrize(
    ("residence", "day", "expected"),
    [
        ("P3M", "2021-03-31", False),
        ("P3M1D", "2021-03-31", True),
        ("P90D", "2021-03-01", False),
        ("P91D", "2021-03-01", True),
        ("4 mois", "2021-03-01", True),
    ],
)
def test_durations_are_laid_back_from_the_evaluation_date(
    base: RuleBase, residence: str, day: str, expected: bool
) -> None:
    when = datetime.date.fromisoformat(day)
    assert outcome(base, "test.ancien_resident", when, residence=residence)[1] is expected


def test_month_arithmetic_clamps_to_the_end_of_the_month(base: RuleBase) -> None:
    value = outcome(base, "test.date_fin", D2021, arrivee="2021-01-31")[1]
    assert value == datetime.date(2021, 2, 28)


def test_cases_without_default_are_not_applicable_only_when_none_applies(base: RuleBase) -> None:
    assert outcome(base, "test.cas", D2021, age=17)[1] == "mineur"
    assert outcome(base, "test.cas", D2021, age=18)[1] == "majeur"
    assert outcome(base, "test.cas", D2021) == ("inconnu", None, {"age"})


def test_division_by_zero_is_a_located_error(base: RuleBase) -> None:
    with pytest.raises(EvaluationError) as error:
        outcome(base, "test.division", D2021, foyer=0)
    diagnostic = error.value.diagnostics[0]
    assert diagnostic.span is not None
    assert diagnostic.span.path.endswith("semantique.alinea")
    assert (diagnostic.span.line, diagnostic.span.column) == (114, 5)
    assert diagnostic.message == "division par zéro dans « 10 / foyer »"


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"age": 70}, ("valeur", True, set())),
        ({"membre": True}, ("valeur", True, set())),
        ({"age": 30}, ("inconnu", None, {"membre"})),
        ({"membre": False, "age": 30}, ("valeur", False, set())),
        ({}, ("inconnu", None, {"membre", "age"})),
    ],
)
def test_an_undecided_case_does_not_hide_a_later_case_giving_the_same_value(
    base: RuleBase, facts: dict[str, Any], expected: tuple[str, Any, set[str]]
) -> None:
    assert outcome(base, "test.plusieurs_cas", D2021, **facts) == expected
