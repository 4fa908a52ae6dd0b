"""Closures and the lowered program agree on the bundled rule base (hypothesis).

Situations are generated around the thresholds the law sets: integers and durations at, just
below and just above every constant the lowered program holds on the evaluation date,
amounts at a cent on either side of every amount rule the situation can already compute (the
ceilings of its household), some facts missing. Evaluation dates are drawn around every day a
version, an exception or a parameter value starts or stops. Every rule of the base must have
the same outcome from both back ends: value and its type, missing facts, gaps, or error.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.dsl.errors import AlineaError
from alinea.engine import RuleBase, load
from alinea.engine.compiler.program import FactSymbol
from alinea.engine.domain.outcomes import SPECIAL
from alinea.engine.domain.types import Kind
from alinea.engine.domain.values import Duration
from alinea.engine.lowered import lower
from alinea.engine.lowered.expressions import constant_value
from alinea.engine.lowered.interpreter import Reference
from alinea.engine.lowered.walk import constants
from alinea.engine.runtime.evaluator import Context, Evaluator
from tests.engine.lowered.backends import comparable

RULES: RuleBase = load(cache=False)
PROGRAM = RULES.program
EVALUATOR = Evaluator(PROGRAM)
REFERENCE = Reference(PROGRAM)
DAY = datetime.timedelta(days=1)
MONEY = sorted(n for n, f in PROGRAM.facts.items() if f.type.kind is Kind.MONTANT)


def _changes() -> list[datetime.date]:
    """Every day a rule version, an exception or a parameter value starts or ends, and the
    day after each end (the first day it no longer holds)."""
    periods = [v.period for r in PROGRAM.rules.values() for v in r.versions]
    periods += [d.period for r in PROGRAM.rules.values() for d in r.derogations]
    periods += [e.value.period for p in PROGRAM.parameters.values() for e in p.entries]
    days = set()
    for period in periods:
        if period is None:
            continue
        if period.start is not None:
            days |= {period.start - DAY, period.start}
        if period.end is not None:
            days |= {period.end, period.end + DAY}
    return sorted(d for d in days if datetime.date(2015, 1, 1) <= d <= datetime.date(2030, 12, 31))


CHANGES = _changes()
DATES = st.one_of(
    st.sampled_from(CHANGES), st.dates(datetime.date(2015, 1, 1), datetime.date(2030, 12, 31))
)


def _thresholds(day: datetime.date) -> dict[Kind, set[object]]:
    """The constants of every rule and parameter in force on `day`, by kind."""
    lowered = lower(PROGRAM, day)
    found: dict[Kind, set[object]] = {}
    for name in [*PROGRAM.rules, *PROGRAM.parameters]:
        node = lowered.rule(name) if name in PROGRAM.rules else lowered.parameter(name)
        for constant in constants(node):
            found.setdefault(constant.type.kind, set()).add(constant.value)
    return found


THRESHOLDS = {day: _thresholds(day) for day in CHANGES}


def _integers(fact: FactSymbol, thresholds: set[object]) -> st.SearchStrategy[Any]:
    bounds = fact.decl.bounds
    low = constant_value(bounds.low) if bounds else 0
    high = constant_value(bounds.high) if bounds else 130
    assert isinstance(low, int) and isinstance(high, int)
    near = sorted(
        n + delta
        for n in thresholds
        if isinstance(n, int) and not isinstance(n, bool)
        for delta in (-1, 0, 1)
        if low <= n + delta <= high
    )
    wide = st.integers(low, high)
    return st.one_of(st.sampled_from(near), wide) if near else wide


def _durations(thresholds: set[object]) -> st.SearchStrategy[str]:
    near = {"P1D", "P89D", "P90D", "P91D", "P1Y", "P6Y"}
    for duration in thresholds:
        if isinstance(duration, Duration) and duration.hours == 0 and duration.days >= 0:
            near |= {duration.iso(), (duration + Duration(days=1)).iso()}
            if duration.days:
                near.add((duration - Duration(days=1)).iso())
    return st.sampled_from(sorted(near))


def _value(fact: FactSymbol, thresholds: dict[Kind, set[object]]) -> st.SearchStrategy[Any]:
    kind = fact.type.kind
    if kind is Kind.BOOLEEN:
        return st.booleans()
    if kind is Kind.ENUM:
        return st.sampled_from(fact.type.values)
    if kind is Kind.ENTIER:
        return _integers(fact, thresholds.get(Kind.ENTIER, set()))
    if kind is Kind.DUREE:
        return _durations(thresholds.get(Kind.DUREE, set()))
    if kind is Kind.TEXTE:
        return st.sampled_from(["55", "69", "38", "75", "971", "976"])
    raise AssertionError(f"no strategy for {fact.name} ({kind})")


def _situation(data: st.DataObject, day: datetime.date) -> dict[str, Any]:
    """Every fact but amounts, each present or missing."""
    thresholds = THRESHOLDS.get(day) or _thresholds(day)
    strategies = {
        name: _value(fact, thresholds)
        for name, fact in PROGRAM.facts.items()
        if fact.type.kind is not Kind.MONTANT
    }
    drawn: dict[str, Any] = data.draw(st.fixed_dictionaries({}, optional=strategies))
    return drawn


def _amounts(data: st.DataObject, situation: dict[str, Any], day: datetime.date) -> None:
    """Each amount fact missing, anywhere in its bounds, or a cent around an amount the
    situation already decides (a ceiling of its household)."""
    run = REFERENCE.run(RULES.facts_from(situation), day)
    known = {
        run.rule(name) for name, rule in PROGRAM.rules.items() if rule.type.kind is Kind.MONTANT
    }
    edges = sorted(
        v + delta
        for v in known
        if isinstance(v, Decimal) and type(v) not in SPECIAL
        for delta in (Decimal("-0.01"), Decimal(0), Decimal("0.01"))
        if Decimal(0) <= v + delta <= Decimal(10_000_000)
    )
    cents = st.integers(0, 100_000_000).map(lambda c: Decimal(c) / 100)
    for name in MONEY:
        amount = st.one_of(st.sampled_from(edges), cents) if edges else cents
        value = data.draw(st.none() | amount)
        if value is not None:
            situation[name] = str(value)


@settings(max_examples=150, deadline=None)
@given(day=DATES, data=st.data())
def test_closures_and_lowered_program_agree_on_every_rule(
    day: datetime.date, data: st.DataObject
) -> None:
    situation = _situation(data, day)
    _amounts(data, situation, day)
    facts = RULES.facts_from(situation)
    ctx = Context(facts, EVALUATOR.law(day))
    run = REFERENCE.run(facts, day)
    for name in sorted(PROGRAM.rules):
        closures = _outcome(lambda name=name: ctx.law.rule(name)(ctx).value)
        lowered = _outcome(lambda name=name: run.rule(name))
        assert repr(comparable(closures)) == repr(comparable(lowered)), (name, situation)


def _outcome(evaluate: Callable[..., object]) -> object:
    try:
        return evaluate()
    except AlineaError as error:
        return error


def test_the_dates_include_every_change_of_the_law() -> None:
    assert datetime.date(2025, 5, 16) in CHANGES  # décret n° 2025-424, CSS R.162-65
    assert all(CHANGES[i] < CHANGES[i + 1] for i in range(len(CHANGES) - 1))
