"""The lowered program of one side -> z3 terms, so a solver can look for a situation where
two versions disagree.

The encoder translates `engine.lowered` declarations (`lower(program, day)`), as the
closures and the reference interpreter do: a `Rule` is its version's applicability, then
its exceptions (`Derogation`s in the order they are tried, each silencing the keys it
prevails over), then its body (`Formula`, `Cases`, `Table`, `ListBuild`); a `Parameter` is
its value, a `Revaluation` its formula computed anniversary after anniversary from the
first, each in the law of its day; an `Absent` is *non applicable*, or, not covered,
`Unsupported`. Expressions are translated node by node (`expressions`).

Witness situations give every fact they use (the evaluator then drops the ones that do not
matter), so a fact is a plain z3 variable here (`variables`); what stays three-valued is
applicability: a symbolic value carries `na`, true where the evaluator would answer *non
applicable*. What the encoding does not model, and so leaves to the evaluator that checks
every witness: unknown facts, gaps of the rule base (`Unsupported`: the search falls back to
boundary values), evaluation errors (a conflict of exceptions, C001, is encoded as the
first exception that applies; a division by zero as an unspecified quotient).
"""

from __future__ import annotations

import datetime
from typing import Any

import z3

from ..engine.domain.types import Type
from ..engine.domain.values import short_date
from ..engine.lowered import declarations as decl
from ..engine.lowered.program import Lowered, anniversary, years_since
from .bodies import RuleEncoding
from .expressions import Expressions
from .terms import UNSET, Sym, Unsupported, as_sort, placeholder, sort_of
from .variables import Vocabulary

DAY = datetime.timedelta(days=1)


class Encoder:
    """Encodes the rules of one side at its day; facts come from a vocabulary both sides
    share."""

    def __init__(self, lowered: Lowered, vocabulary: Vocabulary) -> None:
        self.lowered = lowered
        self.program = lowered.program
        self.day = lowered.day
        self.vocabulary = vocabulary
        self.rules: dict[str, Sym] = {}
        self.atoms: dict[int, Any] = {}
        self._parameters: dict[tuple[datetime.date, str], Sym] = {}
        self._series: dict[tuple[str, int], list[Sym]] = {}

    def atom(self, sym: Sym) -> Sym:
        """Remember a decision (a condition, a comparison) for the regions of the search."""
        term = sym.truth()
        if not (z3.is_true(term) or z3.is_false(term)):
            self.atoms.setdefault(term.get_id(), term)
        return sym

    def rule(self, name: str) -> Sym:
        found = self.rules.get(name)
        if found is None:
            found = self.rules[name] = self._rule(name)
        return found

    def _rule(self, name: str) -> Sym:
        found = self.lowered.rule(name)
        if isinstance(found, decl.Absent):
            return self._absent(found)
        return RuleEncoding(Expressions(Scope(self, self.lowered)), found).value()

    # ------------------------------------------------------------ parameters

    def parameter(self, lowered: Lowered, name: str) -> Sym:
        """A parameter's value on the day of `lowered` (a constant: parameters read only
        parameters and constants)."""
        key = (lowered.day, name)
        found = self._parameters.get(key)
        if found is None:
            found = self._parameters[key] = self._parameter(lowered, name)
        return found

    def _parameter(self, lowered: Lowered, name: str) -> Sym:
        found = lowered.parameter(name)
        match found:
            case decl.Absent():
                return self._absent(found)
            case decl.Parameter():
                expressions = Expressions(Scope(self, lowered))
                return settled(expressions, expressions.expr(found.value), found.type)
            case decl.Revaluation():
                return self._revaluation(found)
        raise AssertionError(found)

    def _revaluation(self, found: decl.Revaluation) -> Sym:
        """The value of the latest anniversary, computed forwards from the first and kept;
        once an anniversary is not applicable, the parameter stays so (as the runtime)."""
        yearly = found.yearly
        series = self._series.setdefault((yearly.name, yearly.index), [])
        wanted = years_since(yearly.start, found.anniversary)
        lowering = self.lowered.lowering
        while len(series) <= wanted:
            if series and z3.is_true(series[-1].na):
                return series[-1]
            day = anniversary(yearly.start, len(series))
            assert day is not None
            before = lowering.at(day - DAY)
            previous = series[-1] if series else self.parameter(before, yearly.name)
            expressions = Expressions(Scope(self, lowering.at(day), previous))
            series.append(settled(expressions, expressions.expr(yearly.formula), yearly.type))
        return series[wanted]

    def _absent(self, absent: decl.Absent) -> Sym:
        """*Non applicable* has a symbolic counterpart; a value the rule base does not cover
        has none: the search falls back to the evaluator, which reports « non couvert »."""
        if absent.reason is decl.Reason.NOT_COVERED:
            raise Unsupported(
                f"« {absent.name} » non couvert par la base de règles le {short_date(self.day)}"
            )
        return placeholder(*sort_of(absent.type))


def settled(expressions: Expressions, value: Sym, type_: Type) -> Sym:
    """A parameter's value as one constant: the runtime's value, computed by the reference
    operations while the formula was translated (`Sym.known`); not applicable, a
    placeholder; the term as translated only when an operation refused its constants."""
    if z3.is_true(value.na):
        return placeholder(*sort_of(type_))
    if value.known is not UNSET:
        return expressions.constant(value.known, type_)
    return as_sort(value, sort_of(type_)[0])


class Scope:
    """What the expressions of one declaration read: the law of its day, and `précédent`
    in a yearly revaluation."""

    def __init__(self, encoder: Encoder, lowered: Lowered, previous: Sym | None = None) -> None:
        self.encoder = encoder
        self.lowered = lowered
        self._previous = previous

    @property
    def day(self) -> datetime.date:
        return self.lowered.day

    def fact(self, name: str) -> Sym:
        return self.encoder.vocabulary.fact(self.lowered.fact(name), self.day)

    def parameter(self, name: str) -> Sym:
        return self.encoder.parameter(self.lowered, name)

    def rule(self, name: str) -> Sym:
        return self.encoder.rule(name)

    def previous(self) -> Sym:
        assert self._previous is not None  # E310: `précédent` only in a yearly value
        return self._previous

    def atom(self, sym: Sym) -> Sym:
        return self.encoder.atom(sym)

    def value_id(self, value: str) -> int:
        return self.encoder.vocabulary.value_id(value)
