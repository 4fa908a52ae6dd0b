"""A reference interpreter of the lowered program: the meaning of each node, in plain Python.

It gives, for a situation and a date, the value of each requested rule as the evaluator's
closures do — a value, `Unknown` with the facts that could decide it, `NA`, or `NotCovered`
with its gaps — and raises the same evaluation errors (V001–V003, C001). It builds no trace
and is not fast; it is the executable definition the other back ends are tested against
(`tests/engine/lowered/`), written from the lowered nodes alone.

    reference = Reference(program)
    reference.evaluate(facts, day, ["css.droit"])   # {"css.droit": "gratuite"}
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from ..compiler.program import Program
from ..domain import values
from ..domain.guards import guarded, outside_calendar
from ..domain.outcomes import NA, SPECIAL, NotCovered, Unknown, merge, strict
from . import declarations as decl
from . import nodes as low
from . import operations
from .bodies import RuleInterpreter
from .program import Lowered, anniversary, lowering, years_since

DAY = datetime.timedelta(days=1)


def absent_value(absent: decl.Absent) -> object:
    """Not covered with its gap, else not applicable."""
    if absent.gap is not None:
        return NotCovered(frozenset({absent.gap}))
    return NA


class Reference:
    """Evaluates a program through its lowering; parameter values are kept per day."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.lowering = lowering(program)
        self._parameters: dict[tuple[datetime.date, str], object] = {}
        self._series: dict[tuple[str, int], list[object]] = {}

    def evaluate(
        self, facts: Mapping[str, object], day: datetime.date, names: Iterable[str]
    ) -> dict[str, object]:
        run = self.run(facts, day)
        return {name: run.rule(name) for name in names}

    def run(self, facts: Mapping[str, object], day: datetime.date) -> Run:
        """An evaluation of one situation on `day`, its rules computed on demand, once."""
        return Run(self, facts, self.lowering.at(day))

    def parameter(self, lowered: Lowered, name: str) -> object:
        key = (lowered.day, name)
        if key not in self._parameters:
            self._parameters[key] = self._parameter(lowered, name)
        return self._parameters[key]

    def _parameter(self, lowered: Lowered, name: str) -> object:
        found = lowered.parameter(name)
        match found:
            case decl.Absent():
                return absent_value(found)
            case decl.Parameter():
                return Scope(Run(self, {}, lowered), name).expr(found.value)
            case decl.Revaluation():
                return self._revaluation(found)
        raise AssertionError(found)

    def _revaluation(self, found: decl.Revaluation) -> object:
        """The value of the latest anniversary, computed forwards from the first and kept;
        a special value stops the series, the parameter keeps it."""
        yearly = found.yearly
        series = self._series.setdefault((yearly.name, yearly.index), [])
        wanted = years_since(yearly.start, found.anniversary)
        while len(series) <= wanted:
            if series and type(series[-1]) in SPECIAL:
                return series[-1]
            day = anniversary(yearly.start, len(series))
            assert day is not None
            if series:
                previous = series[-1]
            else:
                previous = self.parameter(self.lowering.at(day - DAY), yearly.name)
            run = Run(self, {}, self.lowering.at(day))
            series.append(Scope(run, yearly.name, previous).expr(yearly.formula))
        return series[wanted]


class Run:
    """One situation at one date: the facts, the law lowered for the day, the rules done."""

    def __init__(self, reference: Reference, facts: Mapping[str, object], lowered: Lowered):
        self.reference = reference
        self.facts = facts
        self.lowered = lowered
        self.memo: dict[str, object] = {}

    def rule(self, name: str) -> object:
        if name not in self.memo:
            self.memo[name] = self._rule(name)
        return self.memo[name]

    def _rule(self, name: str) -> object:
        found = self.lowered.rule(name)
        if isinstance(found, decl.Absent):
            return absent_value(found)
        return RuleInterpreter(self.scope(found.name), found).value()

    def scope(self, owner: str) -> Scope:
        return Scope(self, owner)


class Scope:
    """Evaluates the expressions of one declaration (`owner`, named by evaluation errors);
    `previous` is what `précédent` reads in a yearly revaluation."""

    def __init__(self, run: Run, owner: str, previous: object = None) -> None:
        self.run = run
        self.owner = owner
        self.previous = previous

    def expr(self, node: low.Expr) -> Any:
        match node:
            case low.Constant(value=value):
                return value
            case low.FactRef(name=name):
                facts = self.run.facts
                return facts[name] if name in facts else Unknown(frozenset({name}))
            case low.ParameterRef(name=name):
                return self.run.reference.parameter(self.run.lowered, name)
            case low.RuleRef(name=name):
                return self.run.rule(name)
            case low.Previous():
                return self.previous
            case low.Line(condition=condition):
                return self.expr(condition)
        return self._operation(node)

    def _operation(self, node: low.Expr) -> Any:
        match node:
            case low.Arithmetic():
                return self._arithmetic(node)
            case low.Compare():
                return self._compare(node)
            case low.Negate(operand=operand):
                value = self.expr(operand)
                return value if type(value) in SPECIAL else -value
            case low.Not(operand=operand):
                value = self.expr(operand)
                return value if type(value) in SPECIAL else not value
            case low.Member(item=item, collection=collection):
                a, b = self.expr(item), self.expr(collection)
                return strict(a, b) if _special(a, b) else a in b
            case low.Round() | low.Extremum() | low.Count() | low.ListOf():
                return self._call(node)
        return self._condition(node)

    def _arithmetic(self, node: low.Arithmetic) -> Any:
        a, b = self.expr(node.left), self.expr(node.right)
        if _special(a, b):
            return strict(a, b)
        return guarded(operations.arithmetic(node), node.source, self.owner)(a, b)

    def _compare(self, node: low.Compare) -> Any:
        a, b = self.expr(node.left), self.expr(node.right)
        if _special(a, b):
            return strict(a, b)
        compare = operations.COMPARE[node.comparator]
        if node.ordering is low.Ordering.VALUES:
            return compare(a, b)
        day = self.run.lowered.day
        try:
            return compare(values.length_in_hours(a, day), values.length_in_hours(b, day))
        except values.CalendarError:
            raise outside_calendar(node.source, self.owner, a, b, day) from None

    def _call(self, node: low.Round | low.Extremum | low.Count | low.ListOf) -> Any:
        match node:
            case low.Round(operand=operand) | low.Count(operand=operand):
                args = [self.expr(operand)]
            case low.Extremum(args=items) | low.ListOf(items=items):
                args = [self.expr(item) for item in items]
        if _special(*args):
            return strict(*args)
        match node:
            case low.Round(rounding=rounding):
                return operations.rounded(rounding, args[0])
            case low.Extremum(extreme=extreme):
                return operations.extremum(extreme, args)
            case low.Count():
                return len(args[0])
        return tuple(args)

    def _condition(self, node: low.Expr) -> Any:
        match node:
            case low.Logical(connective=connective, left=left, right=right):
                decisive = connective is low.Connective.OR
                a = self.expr(left)
                if a is decisive:
                    return decisive
                found = [a, self.expr(right)]
                return operations.any_of(found) if decisive else operations.all_of(found)
            case low.Group(quantifier=quantifier, items=items):
                found = [self.expr(item) for item in items]
                if quantifier is low.Quantifier.ALL:
                    return operations.all_of(found)
                value = operations.any_of(found)
                if quantifier is low.Quantifier.NONE and type(value) is bool:
                    return not value
                return value
            case low.Implication(condition=condition, guard=guard):
                g = self.expr(guard)
                if g is False:
                    return True
                a = self.expr(condition)
                return a if g is True or a is True else merge(g, a)
        raise AssertionError(node)


def _special(*found: object) -> bool:
    return any(type(value) in SPECIAL for value in found)
