"""The documented ranges of values, just inside and just outside, as the situation checker
applies them (a value out of range is S131, naming the fact, the value and the range)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from alinea.engine import RuleBase, SituationError
from alinea.engine.domain import ranges
from alinea.engine.domain.types import Kind, Type
from alinea.engine.domain.values import Duration
from alinea.engine.inputs import situation as situations


@pytest.mark.parametrize(
    ("number", "count"),
    [("1.50", 1), ("0.000", 0), ("0.001", 3), ("12", 0), ("1e-5", 5), ("1E+3", 0)],
)
def test_decimals_are_counted_without_trailing_zeros(number: str, count: int) -> None:
    assert ranges.decimals(Decimal(number)) == count


INSIDE: list[tuple[Kind, Any, object]] = [
    (Kind.ENTIER, 999_999_999_999_999, 999_999_999_999_999),
    (Kind.ENTIER, "-999999999999999", -999_999_999_999_999),
    (Kind.DECIMAL, "999999999999999.999999999999", Decimal("999999999999999.999999999999")),
    (Kind.MONTANT, "999999999999999.99", Decimal("999999999999999.99")),
    (Kind.TAUX, "0.000000000001", Decimal("0.000000000001")),
    (Kind.DATE, "1800-01-01", datetime.date(1800, 1, 1)),
    (Kind.DATE, datetime.date(2199, 12, 31), datetime.date(2199, 12, 31)),
    (Kind.DUREE, "P1000Y", Duration(years=1000)),
    (Kind.DUREE, "PT8766000H", Duration(hours=8_766_000)),
]
OUTSIDE: list[tuple[Kind, Any, str]] = [
    (Kind.ENTIER, 10**15, ranges.NUMBERS[Kind.ENTIER]),
    (Kind.ENTIER, "1" + "0" * 5000, ranges.NUMBERS[Kind.ENTIER]),
    (Kind.DECIMAL, "0.0000000000001", ranges.NUMBERS[Kind.DECIMAL]),
    (Kind.DECIMAL, "1e999999999", ranges.NUMBERS[Kind.DECIMAL]),
    (Kind.MONTANT, "1000000000000000", ranges.NUMBERS[Kind.MONTANT]),
    (Kind.TAUX, "1e999999999 %", ranges.NUMBERS[Kind.TAUX]),
    (Kind.DATE, "1799-12-31", ranges.DATES),
    (Kind.DATE, datetime.date(2200, 1, 1), ranges.DATES),
    (Kind.DUREE, "P1000Y1D", ranges.DURATIONS),
    (Kind.DUREE, "PT8766001H", ranges.DURATIONS),
]


@pytest.mark.parametrize(("kind", "value", "expected"), INSIDE)
def test_a_value_at_the_edge_of_its_range_is_accepted(
    kind: Kind, value: Any, expected: object
) -> None:
    assert situations.convert(value, Type(kind)) == expected


@pytest.mark.parametrize(("kind", "value", "expected"), OUTSIDE)
def test_a_value_just_past_its_range_is_out_of_range_with_the_range_as_expected(
    kind: Kind, value: Any, expected: str
) -> None:
    problem = situations.convert(value, Type(kind))
    assert isinstance(problem, situations.Problem)
    assert (problem.expected, problem.out_of_range) == (expected, True)


def test_an_out_of_range_fact_names_the_fact_the_value_and_the_range(rules: RuleBase) -> None:
    with pytest.raises(SituationError) as error:
        rules.facts_from({"age": 10**16, "duree_residence_france": "P9999Y"})
    assert [str(d) for d in error.value.diagnostics] == [
        "error[S131]: valeur hors limites pour « age » : 10000000000000000 ; "
        "attendu : un nombre entier d'au plus 15 chiffres",
        'error[S131]: valeur hors limites pour « duree_residence_france » : "P9999Y" ; '
        f"attendu : {ranges.DURATIONS}",
    ]


def test_an_integer_too_long_for_str_is_summed_up_not_printed(rules: RuleBase) -> None:
    with pytest.raises(SituationError) as error:
        rules.facts_from({"age": 10**5000})
    assert str(error.value.diagnostics[0]) == (
        "error[S131]: valeur hors limites pour « age » : <nombre d'environ 5000 chiffres> ; "
        "attendu : un nombre entier d'au plus 15 chiffres"
    )
