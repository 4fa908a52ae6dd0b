"""The law in force on one day, read statically: which version of each rule, which value of
each parameter, which exceptions; what a conclusion depends on (its cone, from the lowered
program); and the days on which two rule bases can start to behave differently.

Keys are the `repr` of AST nodes, which leaves spans out: moving a rule in its file, or
reformatting it, changes no key, so only real changes of text count (a structural
comparison of what is written: the meaning is the lowered program's).
"""

from __future__ import annotations

import datetime
import itertools

import attrs

from ..dsl import nodes
from ..engine.compiler import timeline
from ..engine.compiler.program import DerogationDef, Program, RuleVersion
from ..engine.domain.outcomes import NotCovered
from ..engine.lowered import Lowered, lower
from ..engine.runtime.evaluator import Evaluator
from ..engine.runtime.recurrence import anniversaries

DAY = datetime.timedelta(days=1)


@attrs.frozen
class Side:
    """One side of a comparison: a checked rule base and the day its law is read at."""

    program: Program
    day: datetime.date
    lowered: Lowered = attrs.field(init=False, eq=False, repr=False)

    @lowered.default
    def _lowered(self) -> Lowered:
        """The law of `day` as every back end translates it."""
        return lower(self.program, self.day)


def rule_version(program: Program, name: str, day: datetime.date) -> RuleVersion | None:
    symbol = program.rules.get(name)
    if symbol is None:
        return None
    return symbol.version_at(day)


def derogations(program: Program, name: str, day: datetime.date) -> list[DerogationDef]:
    symbol = program.rules.get(name)
    if symbol is None:
        return []
    return symbol.derogations_at(day)


def parameter_entry(program: Program, name: str, day: datetime.date) -> nodes.ParameterValue | None:
    symbol = program.parameters.get(name)
    if symbol is None:
        return None
    entry = symbol.entry_at(day)
    return entry.value if entry is not None else None


def behaviour(rule: nodes.Rule) -> str:
    """What a version computes, without what only names or dates it."""
    return repr(attrs.evolve(rule, period=None, label=None, description=None, citation=None))


def symbol_key(side: Side, name: str) -> str:
    """The content of one name as the law of `side` defines it: empty when it is not in
    force, the gap when the rule base does not cover it (so a change between not applicable
    and not covered, or of how far the rule base goes, is a change)."""
    program, day = side.program, side.day
    if name in program.facts:
        fact = program.facts[name]
        return f"donnée {fact.type!r}"
    if name in program.parameters:
        entry = parameter_entry(program, name, day)
        if entry is None:
            return absent_key(program, name, day)
        key = f"paramètre {program.parameters[name].type!r} {entry!r}"
        if entry.yearly:
            # The formula does not say the figure: every anniversary before `day` does.
            key += f" = {Evaluator(program).law(day).parameter(name).value!r}"
        return key
    if name not in program.rules:
        return ""
    version = rule_version(program, name, day)
    if version is None:
        return absent_key(program, name, day)
    rule = program.rules[name]
    exceptions = [repr(attrs.evolve(d.decl, period=None)) for d in derogations(program, name, day)]
    return f"règle {rule.type!r} {behaviour(version.rule)} {exceptions}"


NOT_COVERED = "non couvert "


def absent_key(program: Program, name: str, day: datetime.date) -> str:
    found = timeline.absence(program, name, day)
    if found is not None and isinstance(found.value, NotCovered):
        return f"{NOT_COVERED}{found.value.ordered()!r}"
    return ""


def keys(old: Side, new: Side, name: str) -> tuple[str, str]:
    """Both sides' keys of `name`. A name one side does not declare at all is compared, where
    the other side has no version of it either, as not in force on both: a rule base that
    never had a rule does not differ from one whose rule starts later."""
    a, b = symbol_key(old, name), symbol_key(new, name)
    if b.startswith(NOT_COVERED) and old.program.symbol(name) is None:
        b = ""
    if a.startswith(NOT_COVERED) and new.program.symbol(name) is None:
        a = ""
    return a, b


def cone(side: Side, name: str) -> set[str]:
    """`name` and every name it depends on, on this side."""
    seen = {name}
    stack = [name]
    while stack:
        for read in sorted(side.lowered.reads(stack.pop())):
            if read not in seen:
                seen.add(read)
                stack.append(read)
    return seen


def cone_differs(old: Side, new: Side, name: str) -> bool:
    """Can `name` compute something else on the two sides? False when every name it
    depends on is defined identically on both."""
    names = cone(old, name) | cone(new, name)
    return any(a != b for a, b in (keys(old, new, n) for n in sorted(names)))


# ---------------------------------------------------------------- days


def breakpoints(program: Program) -> set[datetime.date]:
    """The days on which some version, value or exception starts or stops being in force, or
    an article is created or abrogated (not covered turns into not applicable there)."""
    periods: list[nodes.Period | None] = []
    for rule in program.rules.values():
        periods.extend(v.period for v in rule.versions)
        periods.extend(d.period for d in rule.derogations)
    for parameter in program.parameters.values():
        periods.extend(e.value.period for e in parameter.entries)
    for sections in program.articles.values():
        periods.extend(article.period for article, _ in sections if article.event is not None)
    days: set[datetime.date] = set()
    for period in periods:
        if period is None:
            continue
        if period.start is not None:
            days.add(period.start)
        if period.end is not None and period.end < datetime.date.max:
            days.add(period.end + DAY)
    return days | _anniversaries(program, max(days, default=datetime.date.min))


def _anniversaries(program: Program, last: datetime.date) -> set[datetime.date]:
    """The anniversaries of yearly values, on which their figure changes: up to a year past
    the last other breakpoint (an open-ended series is one stretch after that)."""
    found: set[datetime.date] = set()
    for parameter in program.parameters.values():
        for entry in parameter.entries:
            period = entry.value.period
            if entry.value.yearly and period.start is not None:
                until = max(last, period.start) + datetime.timedelta(days=366)
                found.update(day for day, _ in anniversaries(period, until))
    return found


@attrs.frozen
class Interval:
    """Days on which both rule bases keep the same law; `None` is an open end."""

    start: datetime.date | None
    end: datetime.date | None

    def nearest(self, day: datetime.date) -> datetime.date:
        """The day of the interval closest to `day`."""
        if self.start is not None and day < self.start:
            return self.start
        if self.end is not None and day > self.end:
            return self.end
        return day


def intervals(old: Program, new: Program) -> list[Interval]:
    days = sorted(breakpoints(old) | breakpoints(new))
    if not days:
        return [Interval(None, None)]
    found = [Interval(None, days[0] - DAY)]
    for start, after in itertools.pairwise(days):
        found.append(Interval(start, after - DAY))
    found.append(Interval(days[-1], None))
    return found
