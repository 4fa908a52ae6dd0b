"""The checked program: what a rule is called on a date."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

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
