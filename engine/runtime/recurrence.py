"""Yearly parameter values (`EXPR chaque année depuis D`): a figure the law revalues itself.

On every anniversary A_k = D + k years within the period, EXPR is evaluated in the law in
force on A_k, with `précédent` bound to the parameter's value on A_k − 1 day (the value
before the period, or the previous anniversary's). On a day d the parameter has the value
computed on the latest A_k ≤ d.

Values are computed forwards, anniversary after anniversary, and kept: a date in 9999 costs a
loop over the years (never a recursion per year), once per evaluator. When EXPR gives a
special value on some anniversary (a coefficient the rule base does not hold for that year),
the parameter keeps that value from that day on: nothing can be computed from it.

Each value's trace explains one revaluation: the formula with its operands' values, then the
previous value and the parameters read, each with its own citation. The previous value is
shown as a value (with its own citation and period), not re-explained: the traces of a long
series never nest, so explanations of far dates stay shallow.
"""

from __future__ import annotations

import datetime

import attrs

from ...dsl import nodes
from ..domain.outcomes import SPECIAL
from ..domain.values import short_date
from ..lowered.declarations import Yearly
from ..lowered.program import anniversary, years_since
from .closures import ExprCompiler
from .context import Evaluating
from .trace import Step, StepKind, Trace, Version

DAY = datetime.timedelta(days=1)


def anniversaries(
    period: nodes.Period, until: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The anniversaries of a yearly period up to `until`, each with the day before the next
    (or the period's end)."""
    assert period.start is not None
    last = period.end if period.end is not None and period.end < until else until
    found = []
    for k in range(max(years_since(period.start, last) + 1, 0)):
        day = anniversary(period.start, k)
        assert day is not None
        found.append((day, _last_day(period, k)))
    return found


def _last_day(period: nodes.Period, k: int) -> datetime.date:
    assert period.start is not None
    following = anniversary(period.start, k + 1)
    end = following - DAY if following is not None else datetime.date.max
    return min(end, period.end) if period.end is not None else end


class Series:
    """The values of one yearly entry, one trace per anniversary, computed on demand."""

    def __init__(self, evaluator: Evaluating, yearly: Yearly) -> None:
        self.evaluator = evaluator
        self.yearly = yearly
        compiler = ExprCompiler(evaluator.program)
        compiler.owner = yearly.name  # named by an evaluation error (V002, V003)
        self.closure = compiler.compile(yearly.formula)
        self.traces: list[Trace] = []

    def at(self, day: datetime.date) -> Trace:
        start = self.yearly.start
        wanted = years_since(start, day)
        traces = self.traces
        while len(traces) <= wanted:
            if traces and type(traces[-1].value) in SPECIAL:
                return traces[-1]
            traces.append(self._compute(len(traces)))
        return traces[wanted]

    def up_to(self, day: datetime.date) -> list[Trace]:
        """The value of every anniversary up to `day`, ending at the first special one (the
        parameter keeps it); empty before the first anniversary."""
        if day < self.yearly.start:
            return []
        last = self.at(day)
        return self.traces[: next(i for i, t in enumerate(self.traces) if t is last) + 1]

    def _compute(self, k: int) -> Trace:
        yearly = self.yearly
        period = yearly.period
        day = anniversary(yearly.start, k)
        assert day is not None
        name = yearly.name
        before = day - DAY
        previous = self.traces[k - 1] if k else self.evaluator.law(before).parameter(name)
        shown = attrs.evolve(previous.step, text=f"valeur précédente, au {short_date(before)}")
        ctx = self.evaluator.yearly_context(day, Trace(shown, previous.value))
        found = self.closure(ctx)
        special = type(found.value) in SPECIAL
        end = period.end if special else _last_day(period, k)
        step = Step(
            StepKind.PARAMETER,
            yearly.text,
            yearly.span,
            yearly.citation,
            name,
            yearly.type,
            Version(nodes.Period(day, end), yearly.article),
            anniversary=day,
        )
        return Trace(step, found.value, (found,))
