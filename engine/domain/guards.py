"""Evaluation errors for calculations that leave the documented limits (V002, V003).

Values given to alinea are bounded (docs/langage.md, « Limites »), but a calculation on valid
values can still leave them: a date fact plus a duration fact near the year 9999, a product of
products. The calculation stops with an `EvaluationError` naming the rule, the expression and
the values, instead of a Python exception from `datetime` or an integer no one can print.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...dsl import nodes, printer
from ...dsl.errors import Diagnostic, EvaluationError
from ...dsl.limits import MAX_MAGNITUDE, grouped
from . import values
from .french import show

CALENDAR = "les dates calculées vont de l'an 1 à l'an 9999"


def guarded(
    compute: Callable[[Any, Any], object], expr: nodes.Arithmetic, owner: str
) -> Callable[[Any, Any], object]:
    """`compute`, stopping with V002 when its date leaves the calendar and with V003 when its
    number (or a unit of its duration) reaches `MAX_MAGNITUDE`."""

    def run(a: Any, b: Any) -> object:
        try:
            result = compute(a, b)
        except values.CalendarError:
            raise outside_calendar(expr, owner, a, b) from None
        kind = type(result)
        if kind is int or kind is Decimal:
            if -MAX_MAGNITUDE < result < MAX_MAGNITUDE:  # type: ignore[operator]
                return result
            raise too_large(expr, owner, result)
        if kind is values.Duration and not _units_in_range(result):  # type: ignore[arg-type]
            raise too_large(expr, owner, result)
        return result

    return run


def _units_in_range(duration: values.Duration) -> bool:
    return all(
        values.number_in_range(unit)
        for unit in (duration.years, duration.months, duration.days, duration.hours)
    )


def outside_calendar(
    expr: nodes.Arithmetic | nodes.Comparison,
    owner: str,
    a: object,
    b: object,
    day: datetime.date | None = None,
) -> EvaluationError:
    if day is None:
        message = f"{_where(owner)}« {printer.expression(expr)} » sort du calendrier "
        message += f"({_shown(a)} {expr.op} {_shown(b)})"
    else:
        message = (
            f"{_where(owner)}« {printer.expression(expr)} » : une durée posée à rebours du "
            f"{day.isoformat()} remonte avant l'an 1 ({_shown(a)} ; {_shown(b)})"
        )
    return _error("V002", message, expr, f"{CALENDAR} ; vérifiez les durées et les dates données")


def too_large(expr: nodes.Arithmetic, owner: str, result: object) -> EvaluationError:
    message = (
        f"{_where(owner)}« {printer.expression(expr)} » vaut {_shown(result)} ; "
        f"un résultat reste en deçà de {grouped(MAX_MAGNITUDE)} en valeur absolue"
    )
    return _error("V003", message, expr, "vérifiez les nombres de la situation et des paramètres")


def _where(owner: str) -> str:
    return f"dans « {owner} », " if owner else ""


def _shown(value: object) -> str:
    """A value of a message, a huge number cut short (`str` refuses past 4,300 digits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > 200:
            return f"un nombre d'environ {int(value.bit_length() * 0.30103)} chiffres"
        return grouped(value)
    text = show(value)
    return text if len(text) <= 60 else f"{text[:40]}… ({len(text)} caractères)"


def _error(code: str, message: str, expr: nodes.Node, hint: str) -> EvaluationError:
    return EvaluationError([Diagnostic(code, message, expr.span, hint)])
