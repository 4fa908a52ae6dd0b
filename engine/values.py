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

CENT = Decimal("0.01")
EURO = Decimal("1")


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
    (31 janvier + 1 mois = 28 ou 29 février), the reading courts give to "délai d'un mois"."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def shift(day: datetime.date, duration: Duration, sign: int = 1) -> datetime.date:
    """`day` plus (or minus) a duration; hours count as whole days only."""
    moved = add_months(day, sign * (duration.years * 12 + duration.months))
    return moved + datetime.timedelta(days=sign * (duration.days + duration.hours // 24))


def length_in_hours(duration: Duration, anchor: datetime.date) -> int:
    """How many hours `duration` covers when laid back from `anchor`."""
    start = add_months(anchor, -(duration.years * 12 + duration.months))
    days = (anchor - start).days + duration.days
    return days * 24 + duration.hours


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
_FRENCH_UNITS = {"an": "y", "ann": "y", "moi": "m", "sem": "w", "jou": "d", "heu": "h"}


def parse_duration(text: str) -> Duration | None:
    """ISO 8601 (`P4M`, `P1Y2M`, `P10D`, `PT48H`) or plain French (`4 mois`, `1 an 2 mois`)."""
    text = text.strip()
    match = _ISO.match(text.upper())
    if match:
        amounts = {k: int(v) for k, v in match.groupdict().items() if v}
        return Duration(
            amounts.get("y", 0),
            amounts.get("m", 0),
            amounts.get("d", 0) + 7 * amounts.get("w", 0),
            amounts.get("h", 0),
        )
    found = list(_FRENCH.finditer(text))
    if not found or _FRENCH.sub("", text).replace("et", "").strip(" ,"):
        return None
    amounts = {"y": 0, "m": 0, "w": 0, "d": 0, "h": 0}
    for part in found:
        amounts[_FRENCH_UNITS[part["u"].lower()[:3]]] += int(part["n"])
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
    return day.strftime("%d/%m/%Y")


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
