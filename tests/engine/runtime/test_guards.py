"""Calculations on valid values that leave the limits stop with V002 or V003, naming the rule
(or the parameter, or the rule an exception belongs to), the expression and the values."""

from __future__ import annotations

import datetime

import pytest

from alinea.engine import EvaluationError, RuleBase
from alinea.engine.compiler.loader import program_from_texts

TEXT = """§ Limites | depuis 1900-01-01
> Texte de test.

donnée d : durée
donnée n : entier
donnée j : date

paramètre enorme : entier
  999999999999999 * 2 depuis 1900-01-01

règle longue : durée
  = d * n * n

conclusion lue : entier
  = enorme

conclusion base : date
  = j
  sauf j - d * n si n > 1
"""
DAY = datetime.date(2026, 3, 1)


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return RuleBase(program_from_texts({"r.alinea": TEXT}, cache=False))


def error(base: RuleBase, facts: dict[str, object], name: str) -> str:
    with pytest.raises(EvaluationError) as raised:
        base.evaluate(facts, date=DAY, only=[name])
    return str(raised.value.diagnostics[0])


def test_a_duration_multiplied_past_the_largest_number_is_v003(base: RuleBase) -> None:
    assert error(base, {"d": "P1D", "n": 999_999_999}, "longue") == (
        "r.alinea:12:5: error[V003]: dans « longue », « d * n * n » vaut "
        "999999998000000001 jours ; un résultat reste en deçà de 1 000 000 000 000 000 "
        "en valeur absolue"
    )


def test_a_parameter_computed_past_the_largest_number_names_the_parameter(
    base: RuleBase,
) -> None:
    assert error(base, {}, "lue") == (
        "r.alinea:9:3: error[V003]: dans « enorme », « 999999999999999 * 2 » vaut "
        "1 999 999 999 999 998 ; un résultat reste en deçà de 1 000 000 000 000 000 "
        "en valeur absolue"
    )


def test_an_exception_leaving_the_calendar_names_its_rule(base: RuleBase) -> None:
    assert error(base, {"d": "P1000Y", "j": "1800-01-01", "n": 2}, "base") == (
        "r.alinea:19:8: error[V002]: dans « base », « j - d * n » sort du calendrier "
        "(01/01/1800 - 2000 ans)"
    )


def test_the_same_calculations_within_the_limits_evaluate(base: RuleBase) -> None:
    result = base.evaluate({"d": "P1Y", "j": "2000-01-01", "n": 2}, date=DAY, only=["base"])
    assert result["base"].value == datetime.date(1998, 1, 1)


def test_a_yearly_value_squared_each_year_stops_at_the_limit_instead_of_growing_forever() -> None:
    """Without the bound, 2 squared every year has a billion digits within 30 years."""
    text = (
        "§ Limites | depuis 1900-01-01\n> Texte de test.\n\n"
        "paramètre plafond : entier\n"
        "  2 du 1900-01-01 au 1900-03-31\n"
        "  précédent * précédent chaque année depuis 1900-04-01\n\n"
        "conclusion c : entier\n  = plafond\n"
    )
    base = RuleBase(program_from_texts({"r.alinea": text}, cache=False))
    assert error(base, {}, "c") == (
        "r.alinea:6:3: error[V003]: dans « plafond », « précédent * précédent » vaut "
        "18 446 744 073 709 551 616 ; un résultat reste en deçà de 1 000 000 000 000 000 "
        "en valeur absolue"
    )
