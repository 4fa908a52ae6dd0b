"""The z3 encoding of `alinea diff` agrees with the closures on generated situations
(hypothesis), on the bundled rule base and on every program of the semantics suite.

For a program and a date around a change of its law (`sides.breakpoints`), every rule is
encoded once from the lowered program of that date. A situation gives every fact a value,
since the encoding knows no unknown facts: near the constants the law holds that day (one
unit below, at, one above), anywhere within the fact's bounds otherwise; durations in days,
the only ones a fact variable holds. The outcome of each rule is read from its encoding by
replacing every fact with its value. Where the closures decide (a value, *non applicable*),
the encoding must give exactly that outcome, wherever it encodes the rule at all (gaps,
evaluation errors and a few durations are `Unsupported`, counted below).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.diff.sides import breakpoints
from alinea.diff.symbolic import Encoder
from alinea.diff.terms import Sym, Unsupported
from alinea.diff.variables import Vocabulary
from alinea.dsl.errors import AlineaError
from alinea.engine import load
from alinea.engine.compiler.loader import load_program
from alinea.engine.compiler.program import Program
from alinea.engine.domain.outcomes import NotCovered, Unknown
from alinea.engine.domain.types import Kind
from alinea.engine.domain.values import Duration, length_in_hours
from alinea.engine.lowered import Fact, lower
from alinea.engine.lowered.walk import constants
from alinea.engine.rulebase import RuleBase
from alinea.engine.runtime.context import Context
from alinea.engine.runtime.evaluator import Evaluator
from tests.diff.symbolic import normal, substituted

SEMANTICS = Path(__file__).parents[1] / "engine" / "lowered" / "fixtures" / "semantique"
PROGRAMS: dict[str, Program] = {
    "regles": load(cache=False).program,
    **{path.stem: load_program([path], cache=False) for path in sorted(SEMANTICS.glob("*.alinea"))},
}
DAY = datetime.timedelta(days=1)
COVERED = (datetime.date(2015, 1, 1), datetime.date(2030, 12, 31))
EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2060, 12, 31)


def _days(program: Program, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Each day the law changes, the day before, and a day of 2026."""
    days = {datetime.date(2026, 3, 1)}
    for day in breakpoints(program):
        days |= {day - DAY, day}
    return sorted(d for d in days if first <= d <= last)


# the bundled base covers 2015 to 2030 (before, most rules are not covered: not encoded)
DAYS = {
    name: _days(program, EARLIEST, LATEST) if name != "regles" else _days(program, *COVERED)
    for name, program in PROGRAMS.items()
}


class Side:
    """One program at one date: its closures, its rules encoded, its constants by kind."""

    def __init__(self, program: Program, day: datetime.date) -> None:
        self.program = program
        self.day = day
        self.base = RuleBase(program)
        self.law = Evaluator(program).law(day)
        lowered = lower(program, day)
        self.vocabulary = Vocabulary([program])
        encoder = Encoder(lowered, self.vocabulary)
        self.encoded: dict[str, Sym | Unsupported] = {}
        for name in sorted(program.rules):
            try:
                self.encoded[name] = encoder.rule(name)
            except Unsupported as error:
                self.encoded[name] = error
        self.constants: dict[Kind, set[Any]] = {}
        for name in [*program.rules, *program.parameters]:
            node = lowered.rule(name) if name in program.rules else lowered.parameter(name)
            for constant in constants(node):
                self.constants.setdefault(constant.type.kind, set()).add(constant.value)
        self.facts = {name: lowered.fact(name) for name in program.facts}


@cache
def side(name: str, day: datetime.date) -> Side:
    return Side(PROGRAMS[name], day)


def _near(values: set[Any], step: Any, low: Any, high: Any) -> list[Any]:
    return sorted(v + d for v in values for d in (-step, 0 * step, step) if low <= v + d <= high)


def _number(near: list[Any], low: Any, high: Any, unit: Any) -> st.SearchStrategy[Any]:
    """A number of `unit`s between `low` and `high`, often one of `near`."""
    wide = st.integers(int(low / unit), int(high / unit)).map(lambda n: n * unit)
    return st.one_of(st.sampled_from(near), wide) if near else wide


def _value(fact: Fact, here: Side) -> st.SearchStrategy[Any]:
    """A value of the fact as a situation file writes it (`Vocabulary.decode`)."""
    kind, found = fact.type.kind, here.constants
    low: Any = fact.low
    high: Any = fact.high
    match kind:
        case Kind.BOOLEEN:
            return st.booleans()
        case Kind.ENUM:
            return st.sampled_from(fact.type.values)
        case Kind.TEXTE:
            return st.sampled_from(sorted(found.get(Kind.TEXTE, set()) | {"autre"}))
        case Kind.ENTIER:
            low, high = low if low is not None else 0, high if high is not None else 200
            ints = {v for v in found.get(Kind.ENTIER, set()) if not isinstance(v, bool)}
            return _number(_near(ints, 1, low, high), low, high, 1)
        case Kind.MONTANT | Kind.DECIMAL:
            unit = Decimal("0.01") if kind is Kind.MONTANT else Decimal("0.001")
            low = Decimal(low if low is not None else 0)
            high = Decimal(high if high is not None else 100_000)
            near = _near(found.get(kind, set()) | found.get(Kind.ENTIER, set()), unit, low, high)
            return _number(near, low, high, unit).map(lambda v: f"{v.quantize(unit):f}")
        case Kind.TAUX:
            unit, low, high = Decimal("0.0001"), Decimal(low or 0), Decimal(high or 1)
            near = _near(found.get(Kind.TAUX, set()), unit, low, high)
            return _number(near, low, high, unit).map(lambda v: f"{v.normalize():f}")
        case Kind.DATE:
            low, high = low or EARLIEST, high or LATEST
            near = _near(found.get(Kind.DATE, set()) | {here.day}, DAY, low, high)
            return st.one_of(st.sampled_from(near), st.dates(low, high)).map(str)
        case Kind.DUREE:
            return _duration(fact, here)
    raise AssertionError(f"no strategy for {fact.name} ({kind})")


def _duration(fact: Fact, here: Side) -> st.SearchStrategy[str]:
    """Days only: near the length of each duration of the law laid back from the day."""
    high = fact.high
    limit = length_in_hours(high, here.day) // 24 if isinstance(high, Duration) else 3_650
    lengths = {
        length_in_hours(d, here.day) // 24
        for d in here.constants.get(Kind.DUREE, set())
        if isinstance(d, Duration) and abs(d.years) < 100
    }
    near = _near(lengths, 1, 0, limit)
    return _number(near, 0, limit, 1).map(lambda days: f"P{days}D")


@st.composite
def situations(draw: st.DrawFn, names: list[str]) -> tuple[Side, dict[str, Any]]:
    name = draw(st.sampled_from(names))
    here = side(name, draw(st.sampled_from(DAYS[name])))
    situation = {fact: draw(_value(declared, here)) for fact, declared in here.facts.items()}
    return here, situation


def closures(here: Side, situation: dict[str, Any], name: str) -> object:
    ctx = Context(here.base.facts_from(situation), here.law)
    try:
        return ctx.law.rule(name)(ctx).value
    except AlineaError as error:
        return error


@settings(max_examples=100, deadline=None)
@given(drawn=situations(["regles"]))
def test_the_z3_encoding_gives_the_outcomes_of_the_closures_on_the_bundled_base(
    drawn: tuple[Side, dict[str, Any]],
) -> None:
    agree(*drawn)


@settings(max_examples=400, deadline=None)
@given(drawn=situations(sorted(set(PROGRAMS) - {"regles"})))
def test_the_z3_encoding_gives_the_outcomes_of_the_closures_on_the_semantics_programs(
    drawn: tuple[Side, dict[str, Any]],
) -> None:
    agree(*drawn)


def agree(here: Side, situation: dict[str, Any]) -> None:
    for name, sym in here.encoded.items():
        expected = closures(here, situation, name)
        if isinstance(sym, Unsupported) or isinstance(expected, AlineaError | NotCovered):
            continue
        assert not isinstance(expected, Unknown), (name, situation)  # every fact is given
        found = substituted(sym, here.vocabulary, situation)
        assert found == normal(expected), (name, here.day, situation)


def test_the_encoding_covers_the_rules_of_the_bundled_base() -> None:
    """What the property compares: on today's law, all rules but those whose cases give
    durations of different months (`Unsupported`)."""
    encoded = side("regles", datetime.date(2026, 3, 1)).encoded
    unsupported = sorted(n for n, s in encoded.items() if isinstance(s, Unsupported))
    assert len(encoded) - len(unsupported) >= 65, unsupported
    assert {str(encoded[n]) for n in unsupported} == {"durées de mois différents selon les cas"}


def test_the_dates_include_every_change_of_the_law() -> None:
    assert datetime.date(2025, 5, 16) in DAYS["regles"]  # décret n° 2025-424, CSS R.162-65
    assert datetime.date(2024, 1, 1) in DAYS["versions"]  # abrogation of Loi versions, art. 1
