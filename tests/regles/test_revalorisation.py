"""The mechanism of CSS L.861-1 al. 4 against every published ceiling since 2019: the previous
published amount times the L.161-25 coefficient, rounded to the euro, gives the next published
amount to within the differences `regles/README.md` documents — read from its table, so the
documentation and the rule base cannot drift apart."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from alinea.engine import RuleBase
from alinea.engine.domain.values import EURO, round_half_up
from alinea.engine.runtime.evaluator import Evaluator
from tests.conftest import ROOT

CEILING = "css.plafond_personne_seule"
COEFFICIENT = "revalorisation.coefficient"
YEARS = range(2019, 2026)
ROW = re.compile(r"^\| (\d{4}) \| [^|]+ \| [^|]+ \| ([\d  ]+) € \| ([\d  ]+) € \| (0|[+−]1 €) \|$")


def _documented() -> dict[int, tuple[int, int, int]]:
    """(computed, published, difference) per year, from the README table."""
    rows = {}
    for line in (ROOT / "regles" / "README.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            year, computed, published, difference = match.groups()
            sign = -1 if difference.startswith("−") else 1
            amount = 0 if difference == "0" else sign
            rows[int(year)] = (_euros(computed), _euros(published), amount)
    return rows


def _euros(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _value(evaluator: Evaluator, name: str, day: datetime.date) -> Decimal:
    value = evaluator.law(day).parameter(name).value
    assert isinstance(value, Decimal), (name, day, value)
    return value


@pytest.fixture(scope="module")
def evaluator(rules: RuleBase) -> Evaluator:
    return Evaluator(rules.program)


def test_the_readme_table_covers_every_revaluation_since_2019() -> None:
    assert sorted(_documented()) == list(YEARS)


@pytest.mark.parametrize("year", YEARS)
def test_each_published_ceiling_is_the_previous_one_revalued(
    evaluator: Evaluator, year: int
) -> None:
    day = datetime.date(year, 4, 1)
    previous = _value(evaluator, CEILING, day - datetime.timedelta(days=1))
    coefficient = max(_value(evaluator, COEFFICIENT, day), Decimal(1))
    computed = round_half_up(previous * coefficient, EURO)
    published = _value(evaluator, CEILING, day)
    assert (computed, published, computed - published) == _documented()[year]


def test_from_2026_the_rule_base_computes_the_ceiling_by_the_same_mechanism(
    evaluator: Evaluator,
) -> None:
    day = datetime.date(2026, 4, 1)
    previous = _value(evaluator, CEILING, day - datetime.timedelta(days=1))
    coefficient = _value(evaluator, COEFFICIENT, day)
    assert (previous, coefficient) == (Decimal(10339), Decimal("1.008"))
    assert _value(evaluator, CEILING, day) == round_half_up(previous * coefficient, EURO) == 10422
    assert _value(evaluator, CEILING, datetime.date(2027, 3, 31)) == 10422
