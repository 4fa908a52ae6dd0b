"""Money rounding, durations, calendar arithmetic."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alinea.engine.domain import values
from alinea.engine.domain.values import Duration


@pytest.mark.parametrize(
    ("amount", "cent", "euro"),
    [
        ("13957.645", "13957.65", "13958"),
        ("13957.644", "13957.64", "13958"),
        ("15508.5", "15508.50", "15509"),
        ("15508.49", "15508.49", "15508"),
        ("0.005", "0.01", "0"),
        ("-2.5", "-2.50", "-3"),
    ],
)
def test_rounding_is_half_up_as_french_texts_say(amount: str, cent: str, euro: str) -> None:
    assert values.round_half_up(Decimal(amount), values.CENT) == Decimal(cent)
    assert values.round_half_up(Decimal(amount), values.EURO) == Decimal(euro)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-05-16", 12, "2026-05-16"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2025-01-15", -13, "2023-12-15"),
    ],
)
def test_month_arithmetic(day: str, months: int, expected: str) -> None:
    start = datetime.date.fromisoformat(day)
    assert values.add_months(start, months) == datetime.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P4M", Duration(months=4)),
        ("P1Y2M10D", Duration(1, 2, 10)),
        ("P2W", Duration(days=14)),
        ("PT48H", Duration(hours=48)),
        ("4 mois", Duration(months=4)),
        ("1 an et 2 mois", Duration(1, 2)),
        ("3 semaines", Duration(days=21)),
        ("2 ans", Duration(years=2)),
        ("1 année 3 jours", Duration(1, 0, 3)),
        ("5 Années", Duration(years=5)),
        ("10 heures", Duration(hours=10)),
    ],
)
def test_durations_parse_from_iso_and_french(text: str, expected: Duration) -> None:
    assert values.parse_duration(text) == expected


@pytest.mark.parametrize("text", ["P", "4M", "quatre mois", "4 mois et demi", "P1.5M", ""])
def test_bad_durations_are_rejected(text: str) -> None:
    assert values.parse_duration(text) is None


@pytest.mark.parametrize(
    ("duration", "iso", "french"),
    [
        (Duration(months=4), "P4M", "4 mois"),
        (Duration(1, 0, 1), "P1Y1D", "1 an 1 jour"),
        (Duration(hours=48), "PT48H", "48 heures"),
        (Duration(), "P0D", "0 jour"),
    ],
)
def test_durations_are_written_in_iso_and_french(duration: Duration, iso: str, french: str) -> None:
    assert duration.iso() == iso
    assert duration.french() == french


def test_duration_length_depends_on_the_months_laid_back() -> None:
    march = datetime.date(2025, 3, 1)
    assert values.length_in_hours(Duration(months=1), march) == 28 * 24
    assert values.length_in_hours(Duration(months=1), datetime.date(2025, 4, 1)) == 31 * 24
    assert values.length_in_hours(Duration(days=2, hours=3), march) == 51


def test_shift_and_difference() -> None:
    day = datetime.date(2024, 2, 29)
    assert values.shift(day, Duration(years=1)) == datetime.date(2025, 2, 28)
    assert values.shift(day, Duration(days=1), -1) == datetime.date(2024, 2, 28)
    assert values.difference(datetime.date(2025, 5, 16), day) == Duration(days=442)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("10339", "10\u202f339"), ("1234567.5", "1\u202f234\u202f567,5"), ("-42.00", "-42,00")],
)
def test_french_numbers(value: str, shown: str) -> None:
    assert values.french_number(Decimal(value)) == shown


def test_french_dates() -> None:
    assert values.french_date(datetime.date(2026, 3, 1)) == "1er mars 2026"
    assert values.french_date(datetime.date(2025, 5, 16)) == "16 mai 2025"


# ---------------------------------------------------------------- the calendar's ends


def test_months_past_the_year_9999_raise_a_calendar_error_not_a_value_error() -> None:
    with pytest.raises(values.CalendarError):
        values.add_months(datetime.date(9999, 12, 31), 1)
    with pytest.raises(values.CalendarError):
        values.add_months(datetime.date(1, 1, 1), -1)


def test_days_past_the_year_9999_raise_a_calendar_error_not_an_overflow() -> None:
    with pytest.raises(values.CalendarError):
        values.shift(datetime.date(9999, 12, 31), Duration(days=1))
    with pytest.raises(values.CalendarError):
        values.shift(datetime.date(2026, 1, 1), Duration(days=10**12))


def test_laying_9999_years_back_raises_a_calendar_error() -> None:
    with pytest.raises(values.CalendarError):
        values.length_in_hours(Duration(years=9999), datetime.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("duration", "valid"),
    [
        (Duration(years=1000), True),
        (Duration(months=12_000), True),
        (Duration(days=365_250), True),
        (Duration(hours=8_766_000), True),
        (Duration(years=500, days=182_625), True),
        (Duration(years=1000, days=1), False),
        (Duration(months=12_001), False),
        (Duration(days=365_251), False),
        (Duration(hours=8_766_001), False),
        (Duration(years=-1001), False),
    ],
)
def test_a_duration_spans_at_most_a_thousand_years_all_units_together(
    duration: Duration, valid: bool
) -> None:
    assert values.duration_in_range(duration) is valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P99999999999Y", Duration(years=99_999_999_999)),
        ("P" + "9" * 5000 + "Y", Duration(years=10**15)),  # capped, not converted
        ("9" * 5000 + " ans", None),  # too long to be a duration written in words
    ],
)
def test_parsing_huge_durations_never_converts_thousands_of_digits(
    text: str, expected: Duration | None
) -> None:
    assert values.parse_duration(text) == expected


FIRST, LAST = datetime.date(1800, 1, 1), datetime.date(2199, 12, 31)


@st.composite
def durations(draw: st.DrawFn) -> Duration:
    """Any duration within the limit, its thousand years shared out among its units."""
    months = draw(st.integers(0, 12_000))
    years = draw(st.integers(0, months // 12))
    days_left = (12_000 - months) * 365_250 // 12_000
    days = draw(st.integers(0, days_left))
    hours = draw(st.integers(0, (days_left - days) * 24))
    duration = Duration(years, months - 12 * years, days, hours)
    assert values.duration_in_range(duration)
    return duration


@given(st.dates(FIRST, LAST), durations())
def test_any_date_and_duration_within_the_limits_stay_in_the_calendar(
    day: datetime.date, duration: Duration
) -> None:
    later = values.shift(day, duration)
    earlier = values.shift(day, duration, -1)
    assert earlier <= day <= later
    assert values.length_in_hours(duration, day) >= 0
