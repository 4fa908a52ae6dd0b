"""Evaluate a situation at a date: take the law in force that day, lowered
(`engine/lowered/`), then run the closures compiled from it.

Closures are compiled lazily, once per rule version, and the selection of versions for a
date (`Law`) is cached, so evaluating thousands of situations at one date only runs the
compiled closures. Evaluation is lazy: only the rules a requested conclusion needs are run,
each once per situation (memoised in the `Context`).
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from collections.abc import Iterable, Mapping

import attrs

from ...dsl import nodes
from ..compiler.program import Program
from ..domain.outcomes import NA, NotCovered, Unknown
from ..lowered import declarations as decl
from ..lowered.program import Lowered, lowering
from . import completion
from .closures import ExprCompiler
from .context import Closure, Context, Law, YearlyContext
from .recurrence import Series
from .rules import DerogationCode, RuleCompiler, VersionCode, rule_closure
from .trace import Step, StepKind, Trace, Version

LAWS_KEPT = 64


class Evaluator:
    def __init__(self, program: Program) -> None:
        self.program = program
        self.lowering = lowering(program)
        self.exprs = ExprCompiler(program)
        self.rule_compiler = RuleCompiler(self.exprs)
        self._versions: dict[tuple[str, int], VersionCode] = {}
        self._derogations: dict[int, tuple[decl.Derogation, DerogationCode]] = {}
        self._laws: OrderedDict[datetime.date, Law] = OrderedDict()
        self._series: dict[tuple[str, int], Series] = {}
        self.domains = completion.domains(program)

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

    # ------------------------------------------------------------ the law of a day

    def select_rule(self, name: str, lowered: Lowered) -> Closure:
        found = lowered.rule(name)
        if isinstance(found, decl.Absent):
            trace = absent(found)
            return lambda ctx: trace
        version = found.version
        key = (name, version.index)
        code = self._versions.get(key)
        if code is None:
            code = self._versions[key] = self.rule_compiler.version(version)
        return rule_closure(name, code, [self._derogation(d, name) for d in found.derogations])

    def _derogation(self, derogation: decl.Derogation, name: str) -> DerogationCode:
        found = self._derogations.get(id(derogation))
        if found is None or found[0] is not derogation:
            code = self.rule_compiler.derogation(derogation, name)
            found = self._derogations[id(derogation)] = (derogation, code)
        return found[1]

    def parameter_value(self, name: str, law: Law) -> Trace:
        found = law.lowered.parameter(name)
        if isinstance(found, decl.Absent):
            return absent(found)
        if isinstance(found, decl.Revaluation):
            return self.series(name, found.yearly.index).at(law.day)
        self.exprs.owner = name
        value = self.exprs.compile(found.value)(Context({}, law))
        this = Step(
            StepKind.PARAMETER,
            found.text,
            found.span,
            found.citation,
            name,
            found.type,
            Version(found.period, found.article),
        )
        return Trace(this, value.value, (value,) if value.children else ())

    def constant(self, expr: nodes.Expr, day: datetime.date) -> Trace:
        """The trace of an expression that reads only parameters: the date alone decides it
        (the documentation shows such values without a situation)."""
        closure = self.exprs.compile(self.lowering.expression(expr))
        return closure(Context({}, self.law(day)))

    def series(self, name: str, index: int) -> Series:
        """The values of the yearly entry `index` of a parameter, kept once computed."""
        found = self._series.get((name, index))
        if found is None:
            yearly = self.lowering.entry(name, index)
            assert isinstance(yearly, decl.Yearly)
            found = self._series[(name, index)] = Series(self, yearly)
        return found

    def yearly_context(self, day: datetime.date, previous: Trace) -> YearlyContext:
        """A context in the law of `day`, not kept among the cached laws: a long series would
        push out the laws of the dates being evaluated."""
        return YearlyContext(self._laws.get(day) or Law(self, day), previous)


def absent(found: decl.Absent) -> Trace:
    """A rule or parameter with no version on the day: not applicable when its article did
    not or no longer exists, not covered by the rule base otherwise (`timeline`)."""
    kind = StepKind(found.symbol.value)
    step = Step(kind, found.text, found.span, found.article, found.name, found.type)
    if found.reason is decl.Reason.NO_VERSION:
        return Trace(step, NA)
    step = attrs.evolve(step, note=found.note)
    if found.gap is not None:
        return Trace(step, NotCovered(frozenset({found.gap})))
    return Trace(step, NA)
