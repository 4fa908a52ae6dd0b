"""The documented limits of alinea (docs/langage.md, « Limites »), in one place.

Each limit exists so that no input, however hostile, can reach a Python limit (the recursion
limit, the calendar of `datetime`, the 4,300-digit integer conversion, the exponent range of
`Decimal`) and surface as an internal error: the checks that enforce them report the value
and the limit instead, at the earliest stage that can see it.
"""

from __future__ import annotations

import datetime

# ---------------------------------------------------------------- nesting (rule files)

MAX_NESTING = 100
"""Levels of one expression: each operator, pair of parentheses, `non`, call and list."""

MAX_CONDITION_NESTING = 20
"""Condition lists (`toutes ces conditions :` …) nested inside one another."""

MAX_EVALUATION_DEPTH = 250
"""Levels of the computation of a rule, those of the rules it reads included."""

# ---------------------------------------------------------------- nesting (data files)

MAX_DATA_NESTING = 32
"""Lists and objects nested inside one another in a situation or a golden file."""

# ---------------------------------------------------------------- values

FIRST_DATE = datetime.date(1800, 1, 1)
LAST_DATE = datetime.date(2199, 12, 31)
"""Every date given to alinea (rules, situations, golden cases, `--date`) lies between these.

Far enough from the ends of Python's calendar (years 1 to 9999) that a date plus or minus any
valid duration still is a date."""

MAX_DURATION_YEARS = 1000
"""A duration spans at most a thousand years, all its units together."""
MAX_DURATION_DAYS = MAX_DURATION_YEARS * 36525 // 100

MAX_MAGNITUDE = 10**15
"""Every number (entier, décimal, montant, taux) is below this in absolute value."""

MAX_DECIMALS = 12
"""Digits after the decimal point of a number written in a rule or a situation."""


def date_in_range(day: datetime.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def date_range_text() -> str:
    return f"du {FIRST_DATE.isoformat()} au {LAST_DATE.isoformat()}"


def grouped(number: int) -> str:
    """« 999 999 999 999 999 »: a large number as the messages write it."""
    digits = str(abs(number))
    groups = [digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)]
    return ("-" if number < 0 else "") + " ".join(reversed(groups))
