"""Whether a value given to alinea lies within the documented ranges, and how to say them.

The same words serve the situation checker (S131), the check of the literals of the rules
(E320–E324) and the evaluation errors (V002, V003), so an analyst reads one range everywhere.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ...dsl.limits import (
    MAX_DECIMALS,
    MAX_DURATION_DAYS,
    MAX_DURATION_YEARS,
    MAX_MAGNITUDE,
    date_in_range,
    date_range_text,
    grouped,
)
from .types import Kind
from .values import Duration, duration_in_range, number_in_range

DIGITS = len(str(MAX_MAGNITUDE)) - 1

NUMBERS = {
    Kind.ENTIER: f"un nombre entier d'au plus {DIGITS} chiffres",
    Kind.DECIMAL: f"un nombre d'au plus {DIGITS} chiffres avant la virgule et {MAX_DECIMALS} après",
    Kind.MONTANT: f"un montant d'au plus {DIGITS} chiffres avant la virgule",
    Kind.TAUX: f"un taux d'au plus {DIGITS} chiffres avant la virgule et {MAX_DECIMALS} après",
}
DATES = f"une date {date_range_text()}"
DURATIONS = (
    f"une durée d'au plus {grouped(MAX_DURATION_YEARS)} ans "
    f"({grouped(MAX_DURATION_YEARS * 12)} mois, {grouped(MAX_DURATION_DAYS)} jours "
    f"ou {grouped(MAX_DURATION_DAYS * 24)} heures)"
)


def decimals(number: Decimal) -> int:
    """Digits after the point, trailing zeros not counted (1.50 has one, 0.000 none)."""
    _, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    count, index = -exponent, len(digits) - 1
    while count and index >= 0 and digits[index] == 0:
        count, index = count - 1, index - 1
    return count if index >= 0 else 0


def number_problem(number: int | Decimal, kind: Kind) -> str | None:
    """What was expected, when `number` is too large or too finely divided for `kind`."""
    expected = NUMBERS.get(kind, NUMBERS[Kind.DECIMAL])
    if not number_in_range(number):
        return expected
    if isinstance(number, Decimal) and decimals(number) > MAX_DECIMALS:
        return expected
    return None


def date_problem(day: datetime.date) -> str | None:
    return None if date_in_range(day) else DATES


def duration_problem(duration: Duration) -> str | None:
    return None if duration_in_range(duration) else DURATIONS
