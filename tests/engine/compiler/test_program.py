"""The checked program: what a rule is called on a date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from alinea.dsl import printer
from alinea.engine import RuleBase, load

VERSIONS = Path(__file__).parents[1] / "fixtures" / "libelles"


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return load(VERSIONS, cache=False)


@pytest.mark.parametrize(
    ("day", "label", "description"),
    [
        (datetime.date(2012, 6, 1), "droit à l'ancienne aide", "Rédaction de 2010."),
        # the 2015 version has no label: the latest before it speaks
        (datetime.date(2017, 6, 1), "droit à l'ancienne aide", "Rédaction de 2010."),
        (datetime.date(2026, 3, 1), "droit à la nouvelle aide", "Rédaction de 2020."),
        # before any version: the first one
        (datetime.date(2001, 1, 1), "droit à l'ancienne aide", "Rédaction de 2010."),
        # without a date: the last version
        (None, "droit à la nouvelle aide", "Rédaction de 2020."),
    ],
)
def test_a_rule_is_called_by_the_version_in_force(
    base: RuleBase, day: datetime.date | None, label: str, description: str
) -> None:
    symbol = base.program.rules["aide.droit"]
    assert symbol.label_at(day) == label
    assert symbol.description_at(day) == description


def test_the_explanation_names_the_rule_by_its_version(base: RuleBase) -> None:
    def text(day: str) -> str:
        result = base.evaluate({"revenus": "900"}, date=day, only=["aide.droit"])
        return str(result["aide.droit"].to_json(explain=True)["explanation"]["text"])

    assert text("2012-06-01") == "droit à l'ancienne aide"
    assert text("2017-06-01") == "droit à l'ancienne aide"
    assert text("2026-03-01") == "droit à la nouvelle aide"


SYMBOLS = Path(__file__).parents[1] / "fixtures" / "symboles" / "dates.alinea"


@pytest.fixture(scope="module")
def dated() -> RuleBase:
    return load(SYMBOLS, cache=False)


@pytest.mark.parametrize(
    ("day", "citation"),
    [("2012-06-01", "Loi de 2010"), ("2019-12-31", "Loi de 2010"), ("2020-01-01", "Loi de 2020")],
)
def test_a_rule_answers_which_version_is_in_force(dated: RuleBase, day: str, citation: str) -> None:
    version = dated.program.rules["aide.droit"].version_at(datetime.date.fromisoformat(day))
    assert version is not None
    assert version.rule.citation is not None
    assert version.rule.citation.text == citation


def test_a_rule_has_no_version_before_its_first(dated: RuleBase) -> None:
    assert dated.program.rules["aide.droit"].version_at(datetime.date(2009, 12, 31)) is None


@pytest.mark.parametrize(
    ("day", "amount"), [("2009-12-31", None), ("2019-12-31", "1000"), ("2020-01-01", "1200")]
)
def test_a_parameter_answers_which_value_is_in_force(
    dated: RuleBase, day: str, amount: str | None
) -> None:
    entry = dated.program.parameters["aide.plafond"].entry_at(datetime.date.fromisoformat(day))
    shown = None if entry is None else printer.expression(entry.value.value)
    assert shown == (None if amount is None else f"{amount} €")


@pytest.mark.parametrize(("day", "keys"), [("2014-12-31", []), ("2015-01-01", ["en_urgence"])])
def test_a_rule_answers_which_exceptions_are_in_force(
    dated: RuleBase, day: str, keys: list[str]
) -> None:
    found = dated.program.rules["aide.droit"].derogations_at(datetime.date.fromisoformat(day))
    assert [d.key for d in found] == keys
