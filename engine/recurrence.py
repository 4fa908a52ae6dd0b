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
from typing import TYPE_CHECKING, cast

import attrs

from ..dsl import nodes
from .closures import Closure, ExprCompiler
from .lowered.program import anniversary, section, source, years_since
from .program import ParameterEntry, ParameterSymbol, Program
from .trace import SPECIAL, Step, Trace, Version
from .types import Type
from .values import short_date

if TYPE_CHECKING:
    from .evaluator import Context, Evaluator, YearlyContext

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


class PreviousCompiler(ExprCompiler):
    """Compiles a yearly value's formula: `précédent` reads the value bound in the context."""

    def __init__(self, program: Program, type_: Type) -> None:
        super().__init__(program)
        self.previous_type = type_

    def compile(self, expr: nodes.Expr, this: Step | None = None) -> tuple[Closure, Type]:
        if isinstance(expr, nodes.Previous):
            return _read_previous, self.previous_type
        return super().compile(expr, this)


def _read_previous(ctx: Context) -> Trace:
    return cast("YearlyContext", ctx).previous


class Series:
    """The values of one yearly entry, one trace per anniversary, computed on demand."""

    def __init__(self, evaluator: Evaluator, symbol: ParameterSymbol, entry: ParameterEntry):
        self.evaluator = evaluator
        self.symbol = symbol
        self.entry = entry
        compiler = PreviousCompiler(evaluator.program, symbol.type)
        compiler.owner = symbol.name  # named by an evaluation error (V002, V003)
        self.closure, _ = compiler.compile(entry.value.value)
        self.traces: list[Trace] = []

    def at(self, day: datetime.date) -> Trace:
        start = self.entry.value.period.start
        assert start is not None
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
        start = self.entry.value.period.start
        assert start is not None
        if day < start:
            return []
        last = self.at(day)
        return self.traces[: next(i for i, t in enumerate(self.traces) if t is last) + 1]

    def _compute(self, k: int) -> Trace:
        period = self.entry.value.period
        assert period.start is not None
        day = anniversary(period.start, k)
        assert day is not None
        name = self.symbol.name
        before = day - DAY
        previous = self.traces[k - 1] if k else self.evaluator.law(before).parameter(name)
        shown = attrs.evolve(previous.step, text=f"valeur précédente, au {short_date(before)}")
        ctx = self.evaluator.yearly_context(day, Trace(shown, previous.value))
        found = self.closure(ctx)
        special = type(found.value) in SPECIAL
        end = period.end if special else _last_day(period, k)
        value = self.entry.value
        step = Step(
            "paramètre",
            self.symbol.decl.label or name,
            value.span,
            source(value.citation, self.entry.origin),
            name,
            self.symbol.type,
            Version(nodes.Period(day, end), section(value.citation, self.entry.origin)),
            anniversary=day,
        )
        return Trace(step, found.value, (found,))
