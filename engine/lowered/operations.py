"""What each explicit operator of the lowered program computes on known values.

A back end that runs Python (the reference interpreter, the closures) takes its functions
from here; one that translates (z3, SQL) reads the same `Operator` and writes its own
equivalent. Special values (unknown, non applicable, non couvert) never reach these
functions: the back end propagates them before.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

from ...dsl import nodes, printer
from ...dsl.errors import Diagnostic, EvaluationError, Note, Span
from ..domain import values
from ..domain.outcomes import NotCovered, Unknown, merge
from . import nodes as low

Binary = Callable[[Any, Any], object]

COMPARE: dict[low.Comparator, Binary] = {
    low.Comparator.EQ: operator.eq,
    low.Comparator.NE: operator.ne,
    low.Comparator.LT: operator.lt,
    low.Comparator.LE: operator.le,
    low.Comparator.GT: operator.gt,
    low.Comparator.GE: operator.ge,
}


def _date_plus(day: Any, duration: Any) -> object:
    return values.shift(day, duration)


def _plus_date(duration: Any, day: Any) -> object:
    return values.shift(day, duration)


def _date_minus(day: Any, duration: Any) -> object:
    return values.shift(day, duration, -1)


def _times(a: Any, b: Any) -> object:
    return a.times(b) if isinstance(a, values.Duration) else b.times(a)


_ARITHMETIC: dict[low.Operator, Binary] = {
    low.Operator.ADD: operator.add,
    low.Operator.SUBTRACT: operator.sub,
    low.Operator.MULTIPLY: operator.mul,
    low.Operator.DATE_PLUS_DURATION: _date_plus,
    low.Operator.DURATION_PLUS_DATE: _plus_date,
    low.Operator.DATE_MINUS_DURATION: _date_minus,
    low.Operator.DATE_MINUS_DATE: values.difference,
    low.Operator.DURATION_PLUS_DURATION: operator.add,
    low.Operator.DURATION_MINUS_DURATION: operator.sub,
    low.Operator.DURATION_TIMES_INTEGER: _times,
}


def arithmetic(node: low.Arithmetic) -> Binary:
    """The function of an arithmetic node, unguarded (`guards.guarded` adds the limits)."""
    if node.operator is low.Operator.DIVIDE:
        return divide(node.source)
    return _ARITHMETIC[node.operator]


def divide(expr: nodes.Arithmetic) -> Binary:
    """An exact quotient; a zero divisor stops the evaluation with V001."""

    def run(a: Any, b: Any) -> object:
        try:
            return Decimal(a) / Decimal(b)
        except (DivisionByZero, InvalidOperation):
            raise EvaluationError(
                [
                    Diagnostic(
                        "V001",
                        f"division par zéro dans « {printer.expression(expr)} »",
                        expr.span,
                        "ajoutez une condition qui écarte ce cas",
                    )
                ]
            ) from None

    return run


def rounded(rounding: low.Rounding, value: Any) -> Decimal:
    return values.round_half_up(Decimal(value), rounding.quantum)


def extremum(extreme: low.Extreme, args: list[Any]) -> object:
    return min(args) if extreme is low.Extreme.MINIMUM else max(args)


def matches(key: low.RowKey, value: Any, bounds: list[Any]) -> bool:
    """Whether a barème row's key holds for `value`, its bounds known."""
    match key:
        case low.KeyEqual():
            return bool(value == bounds[0])
        case low.KeyRange():
            return bool(bounds[0] <= value <= bounds[1])
        case low.KeyAtLeast():
            return bool(value >= bounds[0])
        case low.KeyBelow():
            return bool(value < bounds[0])
    return True


def conflict(
    name: str,
    first: tuple[Span | None, str | None, object],
    second: tuple[Span | None, str | None, object],
) -> Diagnostic:
    """C001: two exceptions to `name` apply, neither prevails, their values differ; each
    side is (span, citation, value)."""
    (span, citation, value), (other_span, other_citation, other_value) = first, second
    return Diagnostic(
        "C001",
        f"conflit : deux exceptions à « {name} » s'appliquent avec des valeurs différentes "
        f"({_shown(value)} et {_shown(other_value)})",
        span,
        "dites laquelle l'emporte : « exception nom à règle prime sur autre_nom »",
        (
            Note(f"première exception, selon {citation or 'sans source'}", span),
            Note(f"seconde exception, selon {other_citation or 'sans source'}", other_span),
        ),
    )


def _shown(value: object) -> str:
    if isinstance(value, Unknown):
        return "inconnu"
    return "non couvert" if isinstance(value, NotCovered) else str(value)


def all_of(found: list[object]) -> object:
    """Kleene conjunction: any `faux` decides; otherwise unknown beats non-applicable."""
    if False in found:
        return False
    special = [v for v in found if v is not True]
    return merge(*special) if special else True


def any_of(found: list[object]) -> object:
    """Kleene disjunction: any `vrai` decides; otherwise unknown beats non-applicable."""
    if True in found:
        return True
    special = [v for v in found if v is not False]
    return merge(*special) if special else False
