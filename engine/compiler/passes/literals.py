"""Every number, duration and date written in the rules lies within the documented limits.

Out of range, a literal would reach a Python limit at evaluation time, for one situation out
of many (`9999-12-31 + 1 jour` leaves the calendar, `> 9999 ans` is laid back before the
year 1, a 5,000-digit number cannot be printed); `alinea check` names it instead (E320–E323).

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> trial('''
    ... § art. 1 | depuis 0001-01-01
    ... règle exemple.a : booléen
    ...   = vrai
    ... ''', check)[1]
    ['E323 1:1 date hors limites « 0001-01-01 » : les dates vont du 1800-01-01 au 2199-12-31']
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Span
from ....dsl.limits import date_range_text
from ...domain import ranges
from ...domain.types import Kind
from ...domain.values import Duration
from ..program import Program

HINT = "les limites des valeurs sont décrites dans docs/langage.md, « Limites »"
DURATION_UNITS = {"jour": "days", "mois": "months", "an": "years", "heure": "hours"}
QUANTITY_KINDS = {"€": Kind.MONTANT, "%": Kind.TAUX}


def check(program: Program) -> list[Diagnostic]:
    """The dates of the periods (articles, rules, exceptions, parameter values): the passes
    after this one compute with them (the day before a version, an anniversary). The
    literals of expressions are checked as the type checker reads them (`problem`)."""
    found: list[Diagnostic] = []
    for module in program.modules:
        for item in module.items:
            for period in _periods(item):
                span = period.span or item.span  # a section's period has the header's
                found += [p for p in (_date(day, span) for day in _ends(period)) if p]
    return found


def _periods(item: nodes.Item) -> list[nodes.Period]:
    match item:
        case nodes.Parameter(values=values):
            return [value.period for value in values]
        case (
            nodes.Article(period=period)
            | nodes.Rule(period=period)
            | nodes.Derogation(period=period)
        ):
            return [period] if period is not None else []
    return []


def _ends(period: nodes.Period) -> list[datetime.date]:
    return [day for day in (period.start, period.end) if day is not None]


def problem(node: nodes.Number | nodes.Quantity | nodes.DateLiteral) -> Diagnostic | None:
    """A literal of an expression past its limit, named with the range."""
    return _problem(node, node.span)


def _problem(node: nodes.Node, span: Span | None) -> Diagnostic | None:
    match node:
        case nodes.Number(value=value, integral=integral):
            expected = ranges.number_problem(value, Kind.ENTIER if integral else Kind.DECIMAL)
            return _error("E320", f"nombre hors limites {_shown(value)}", expected, span)
        case nodes.Quantity(value=value, unit=unit) if unit in DURATION_UNITS:
            return _duration(value, unit, span)
        case nodes.Quantity(value=value, unit=unit):
            expected = ranges.number_problem(value, QUANTITY_KINDS[unit])
            return _error("E320", f"nombre hors limites {_shown(value, unit)}", expected, span)
        case nodes.DateLiteral(value=day):
            return _date(day, span)
    return None


def _duration(value: Decimal, unit: str, span: Span | None) -> Diagnostic | None:
    if value != value.to_integral_value():
        return Diagnostic(
            "E321",
            f"durée non entière « {value.normalize():f} {unit} »",
            span,
            "une durée se compte en unités entières : écrivez « 45 jours » plutôt que « 1.5 mois »",
        )
    if ranges.number_problem(value, Kind.ENTIER) is not None:
        shown = _shown(value, unit)
        return _error("E322", f"durée hors limites {shown}", ranges.DURATIONS, span)
    duration = Duration(**{DURATION_UNITS[unit]: int(value)})
    expected = ranges.duration_problem(duration)
    return _error("E322", f"durée hors limites « {duration.french()} »", expected, span)


def _date(day: datetime.date, span: Span | None) -> Diagnostic | None:
    expected = ranges.date_problem(day)
    if expected is None:
        return None
    return Diagnostic(
        "E323",
        f"date hors limites « {day.isoformat()} » : les dates vont {date_range_text()}",
        span,
        HINT,
    )


def _error(code: str, message: str, expected: str | None, span: Span | None) -> Diagnostic | None:
    if expected is None:
        return None
    return Diagnostic(code, f"{message} ; attendu : {expected}", span, HINT)


def _shown(value: Decimal, unit: str = "") -> str:
    """« 10000000000000000 », « 60 % »; a long number cut short: « 111111111111… € »."""
    text = f"{value:f}"  # as written: 0.0000000000001, not 1E-13
    unit = f" {unit}" if unit else ""
    if len(text) <= 30:
        return f"« {text}{unit} »"
    return f"« {text[:12]}…{unit} » ({len(text)} caractères)"
