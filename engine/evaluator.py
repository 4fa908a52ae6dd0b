"""Evaluate a situation at a date: pick the law in force that day, then run the closures.

Closures are compiled lazily, once per rule version, and the selection of versions for a
date (`Law`) is cached, so evaluating thousands of situations at one date only runs the
compiled closures. Evaluation is lazy: only the rules a requested conclusion needs are run,
each once per situation (memoised in the `Context`).
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from ..dsl import nodes
from . import completion, timeline
from .closures import Closure, ExprCompiler
from .lowered.program import section, source
from .program import Program
from .recurrence import Series
from .rules import ExceptionCode, RuleCompiler, VersionCode, rule_closure
from .trace import NA, Step, Trace, Unknown, Version, in_force
from .types import Type
from .values import short_date

LAWS_KEPT = 64


class Context:
    """One evaluation: the facts, the date, the law in force, and the rules already computed."""

    __slots__ = ("date", "facts", "law", "memo")

    def __init__(self, facts: Mapping[str, object], law: Law) -> None:
        self.facts = facts
        self.law = law
        self.date = law.day
        self.memo: dict[str, Trace] = {}


class YearlyContext(Context):
    """The context a yearly parameter value is computed in: no facts, the law of the
    anniversary, and the value `précédent` reads."""

    __slots__ = ("previous",)

    def __init__(self, law: Law, previous: Trace) -> None:
        super().__init__({}, law)
        self.previous = previous


class Law:
    """The rules and parameters in force on one day, compiled on first use."""

    __slots__ = ("day", "evaluator", "parameters", "rules")

    def __init__(self, evaluator: Evaluator, day: datetime.date) -> None:
        self.evaluator = evaluator
        self.day = day
        self.rules: dict[str, Closure] = {}
        self.parameters: dict[str, Trace] = {}

    def rule(self, name: str) -> Closure:
        found = self.rules.get(name)
        if found is None:
            found = self.rules[name] = self.evaluator.select_rule(name, self.day)
        return found

    def parameter(self, name: str) -> Trace:
        found = self.parameters.get(name)
        if found is None:
            found = self.parameters[name] = self.evaluator.parameter_value(name, self, self.day)
        return found


class Evaluator:
    def __init__(self, program: Program) -> None:
        self.program = program
        self.exprs = ExprCompiler(program)
        self.rule_compiler = RuleCompiler(self.exprs)
        self._versions: dict[tuple[str, int], VersionCode] = {}
        self._derogations: dict[tuple[str, int], ExceptionCode] = {}
        self._laws: OrderedDict[datetime.date, Law] = OrderedDict()
        self._series: dict[tuple[str, int], Series] = {}
        self.domains = completion.domains(program)
        self.timeline = timeline.of(program)

    def law(self, day: datetime.date) -> Law:
        found = self._laws.get(day)
        if found is None:
            found = self._laws[day] = Law(self, day)
            if len(self._laws) > LAWS_KEPT:
                self._laws.popitem(last=False)
        return found

    def run(self, facts: Mapping[str, object], day: datetime.date, names: Iterable[str]) -> Context:
        """Evaluate the requested rules; one left unknown only by facts whose every value
        gives the same result is decided (`completion`)."""
        ctx = Context(facts, self.law(day))
        memo = ctx.memo
        shared: completion.Completions | None = None
        for name in names:
            if name not in memo:
                memo[name] = ctx.law.rule(name)(ctx)
            if type(memo[name].value) is Unknown:
                shared = shared or completion.Completions(self, ctx)
                memo[name] = completion.settle(self, ctx, name, shared)
        return ctx

    def context(self, facts: Mapping[str, object], law: Law) -> Context:
        return Context(facts, law)

    # ------------------------------------------------------------ selection by date

    def select_rule(self, name: str, day: datetime.date) -> Closure:
        symbol = self.program.rules[name]
        for index, version in enumerate(symbol.versions):
            if in_force(version.period, day):
                key = (name, index)
                code = self._versions.get(key)
                if code is None:
                    code = self._versions[key] = self.rule_compiler.version(symbol, version)
                return rule_closure(name, code, self._derogations_in_force(name, day))
        trace = self._absent("règle", name, symbol.label_at(day) or name, symbol.type, day)
        return lambda ctx: trace

    def _derogations_in_force(self, name: str, day: datetime.date) -> list[ExceptionCode]:
        found = []
        for index, derogation in enumerate(self.program.rules[name].derogations):
            if in_force(derogation.period, day):
                key = (name, index)
                code = self._derogations.get(key)
                if code is None:
                    rule_type = self.program.rules[name].type
                    code = self.rule_compiler.derogation(derogation, rule_type)
                    self._derogations[key] = code
                found.append(code)
        return found

    def parameter_value(self, name: str, law: Law, day: datetime.date) -> Trace:
        symbol = self.program.parameters[name]
        for index, entry in enumerate(symbol.entries):
            if in_force(entry.value.period, day) and entry.value.yearly:
                return self.series(name, index).at(day)
            if in_force(entry.value.period, day):
                self.exprs.owner = name
                closure, _ = self.exprs.compile(entry.value.value)
                found = closure(Context({}, law))
                this = Step(
                    "paramètre",
                    symbol.decl.label or name,
                    entry.value.span,
                    source(entry.value.citation, entry.origin),
                    name,
                    symbol.type,
                    Version(entry.value.period, section(entry.value.citation, entry.origin)),
                )
                return Trace(this, found.value, (found,) if found.children else ())
        return self._absent("paramètre", name, symbol.decl.label or name, symbol.type, day)

    def _absent(self, kind: str, name: str, label: str, type_: Type, day: datetime.date) -> Trace:
        """A rule or parameter with no version on `day`: not applicable when its article did
        not or no longer exists, not covered by the rule base otherwise (`timeline`)."""
        symbol = self.program.rules.get(name) or self.program.parameters[name]
        absence = self.timeline.coverage(name).absence(day)
        if absence is None:  # unreachable once the versions pass has run: no hole
            text = f"{name} (pas de version en vigueur le {short_date(day)})"
            return Trace(Step(kind, text, symbol.span, None, name, type_), NA)
        step = Step(kind, label, symbol.span, absence.article, name, type_, note=absence.reason)
        return Trace(step, absence.value)

    def constant(self, expr: nodes.Expr, day: datetime.date) -> Trace:
        """The trace of an expression that reads only parameters: the date alone decides it
        (the documentation shows such values without a situation)."""
        closure, _ = self.exprs.compile(expr)
        return closure(Context({}, self.law(day)))

    def series(self, name: str, index: int) -> Series:
        """The values of the yearly entry `index` of a parameter, kept once computed."""
        found = self._series.get((name, index))
        if found is None:
            symbol = self.program.parameters[name]
            found = self._series[(name, index)] = Series(self, symbol, symbol.entries[index])
        return found

    def yearly_context(self, day: datetime.date, previous: Trace) -> YearlyContext:
        """A context in the law of `day`, not kept among the cached laws: a long series would
        push out the laws of the dates being evaluated."""
        return YearlyContext(self._laws.get(day) or Law(self, day), previous)
