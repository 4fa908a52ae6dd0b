"""Runtime values: exact money, durations, calendar arithmetic, and how values are written.

Money and rates are `Decimal`; rounding is always explicit and half-up, as French texts say
("arrondi à l'euro le plus proche, 0,50 étant arrondi à l'unité supérieure"). Durations keep
their calendar units (3 mois is not 90 jours); two durations are compared by laying both back
from the evaluation date, which is how a residence condition "depuis plus de trois mois" reads.
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ...dsl.limits import MAX_DURATION_DAYS, MAX_DURATION_YEARS, MAX_MAGNITUDE

CENT = Decimal("0.01")
EURO = Decimal("1")


class CalendarError(ArithmeticError):
    """A calculation on dates left Python's calendar (years 1 to 9999)."""


@attrs.frozen(order=False)
class Duration:
    years: int = 0
    months: int = 0
    days: int = 0
    hours: int = 0

    def __add__(self, other: Duration) -> Duration:
        return Duration(
            self.years + other.years,
            self.months + other.months,
            self.days + other.days,
            self.hours + other.hours,
        )

    def __neg__(self) -> Duration:
        return Duration(-self.years, -self.months, -self.days, -self.hours)

    def __sub__(self, other: Duration) -> Duration:
        return self + -other

    def times(self, factor: int) -> Duration:
        return Duration(
            self.years * factor, self.months * factor, self.days * factor, self.hours * factor
        )

    def iso(self) -> str:
        """ISO 8601, as situations and JSON output write durations: P1Y2M10D, PT48H."""
        date = "".join(
            f"{amount}{unit}"
            for amount, unit in ((self.years, "Y"), (self.months, "M"), (self.days, "D"))
            if amount
        )
        time = f"T{self.hours}H" if self.hours else ""
        return "P" + (date + time or "0D")

    def french(self) -> str:
        parts = []
        for amount, one, many in (
            (self.years, "an", "ans"),
            (self.months, "mois", "mois"),
            (self.days, "jour", "jours"),
            (self.hours, "heure", "heures"),
        ):
            if amount:
                parts.append(f"{amount} {one if abs(amount) == 1 else many}")
        return " ".join(parts) or "0 jour"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar month arithmetic; a day past the end of the target month becomes its last day
    (31 janvier + 1 mois = 28 ou 29 février), the reading courts give to "délai d'un mois".

    Raises `CalendarError` past the years 1 to 9999."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise CalendarError(year)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def shift(day: datetime.date, duration: Duration, sign: int = 1) -> datetime.date:
    """`day` plus (or minus) a duration; hours count as whole days only. Raises
    `CalendarError` when the result is not a date of Python's calendar."""
    moved = add_months(day, sign * (duration.years * 12 + duration.months))
    try:
        return moved + datetime.timedelta(days=sign * (duration.days + duration.hours // 24))
    except OverflowError:
        raise CalendarError(moved) from None


def length_in_hours(duration: Duration, anchor: datetime.date) -> int:
    """How many hours `duration` covers when laid back from `anchor` (`CalendarError` when
    its years and months reach before the year 1)."""
    start = add_months(anchor, -(duration.years * 12 + duration.months))
    days = (anchor - start).days + duration.days
    return days * 24 + duration.hours


def duration_in_range(duration: Duration) -> bool:
    """At most `MAX_DURATION_YEARS` years, all units together: 1 000 ans = 12 000 mois =
    365 250 jours = 8 766 000 heures. Laid from any valid date, it stays in the calendar."""
    months = abs(duration.years * 12 + duration.months)
    days = abs(duration.days) + -(-abs(duration.hours) // 24)
    most_months, most_days = MAX_DURATION_YEARS * 12, MAX_DURATION_DAYS
    return months * most_days + days * most_months <= most_months * most_days


def number_in_range(value: int | Decimal) -> bool:
    return -MAX_MAGNITUDE < value < MAX_MAGNITUDE


def difference(later: datetime.date, earlier: datetime.date) -> Duration:
    """`later - earlier` in days, the only unit two dates determine exactly."""
    return Duration(days=(later - earlier).days)


def round_half_up(value: Decimal, quantum: Decimal) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


_ISO = re.compile(
    r"^P(?!$)(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<h>\d+)H)?)?$"
)
_FRENCH = re.compile(
    r"(?P<n>\d+)\s*(?P<u>ans?|années?|mois|semaines?|jours?|heures?)\b", re.IGNORECASE
)
_FRENCH_UNITS = {"an": "y", "ans": "y", "ann": "y", "moi": "m", "sem": "w", "jou": "d", "heu": "h"}


def _amount(digits: str) -> int:
    """An amount of a duration; one too long for `int()` is surely out of range: capped."""
    return int(digits) if len(digits) <= 18 else MAX_MAGNITUDE


def parse_duration(text: str) -> Duration | None:
    """ISO 8601 (`P4M`, `P1Y2M`, `P10D`, `PT48H`) or plain French (`4 mois`, `1 an 2 mois`)."""
    text = text.strip()
    match = _ISO.match(text.upper())
    if match:
        amounts = {k: _amount(v) for k, v in match.groupdict().items() if v}
        return Duration(
            amounts.get("y", 0),
            amounts.get("m", 0),
            amounts.get("d", 0) + 7 * amounts.get("w", 0),
            amounts.get("h", 0),
        )
    if len(text) > 200:  # no duration is written that long; the search below is quadratic
        return None
    found = list(_FRENCH.finditer(text))
    if not found or _FRENCH.sub("", text).replace("et", "").strip(" ,"):
        return None
    amounts = {"y": 0, "m": 0, "w": 0, "d": 0, "h": 0}
    for part in found:
        amounts[_FRENCH_UNITS[part["u"].lower()[:3]]] += _amount(part["n"])
    return Duration(amounts["y"], amounts["m"], amounts["d"] + 7 * amounts["w"], amounts["h"])


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: datetime.date) -> str:
    """1er mars 2026, 16 mai 2025."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """16/05/2025 (as `strftime("%d/%m/%Y")` writes it, several times faster)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def french_number(value: Decimal) -> str:
    """10 339,50 — thin spaces between thousands, a decimal comma."""
    sign = "-" if value < 0 else ""
    integral, _, fraction = f"{abs(value):f}".partition(".")
    groups: list[str] = []
    while len(integral) > 3:
        groups.insert(0, integral[-3:])
        integral = integral[:-3]
    groups.insert(0, integral)
    text = "\u202f".join(groups)
    return sign + text + ("," + fraction if fraction else "")
