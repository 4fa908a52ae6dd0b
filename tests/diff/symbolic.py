"""The z3 encoding of `alinea diff` run as a back end: the rule of the lowered program
(`lower(program, day)`) encoded, the facts of the situation fixed, and the value read back
from a model.

The encoding models applicability (*non applicable*) but neither unknown facts nor gaps:
a fact the situation does not give is a free variable. So the outcome read back is a value
only when every model gives it (`Undetermined` otherwise), and rules the encoding does not
cover raise `Unsupported` (gaps, durations in months given as facts…).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import z3

from alinea.diff.symbolic import Encoder
from alinea.diff.terms import Sort, Sym, Unsupported
from alinea.diff.variables import SCALES, FactVariable, Vocabulary
from alinea.engine.domain.outcomes import NA
from alinea.engine.domain.types import Kind
from alinea.engine.domain.values import Duration
from alinea.engine.lowered import Lowered


class Undetermined:
    """Two models of the same situation give two outcomes: the facts it lacks decide."""


def outcome(lowered: Lowered, facts: Mapping[str, object], name: str) -> object:
    """The outcome of `name` by the z3 encoding of the lowered program: a value as `normal`
    writes it, `NA`, or `Undetermined`."""
    vocabulary = Vocabulary([lowered.program])
    encoder = Encoder(lowered, vocabulary)
    sym = encoder.rule(name)
    solver = z3.Solver()
    solver.add(*vocabulary.constraints())
    for fact, variable in vocabulary.facts.items():
        if fact in facts:
            solver.add(variable.term == _encoded(variable, facts[fact], vocabulary))
    if solver.check() != z3.sat:
        raise Unsupported("la situation sort des bornes où l'encodage cherche ses témoins")
    model = solver.model()
    found = read(sym, lambda term: model.evaluate(term, model_completion=True), vocabulary)
    solver.add(_other_than(sym, model))
    return Undetermined() if solver.check() == z3.sat else found


def substituted(sym: Sym, vocabulary: Vocabulary, situation: Mapping[str, Any]) -> object:
    """The outcome of an encoded rule when every fact it reads is given (`situation` written
    as `Vocabulary.decode` writes one): each variable replaced by its value, then simplified."""
    pairs = vocabulary.assignment(situation)
    return read(sym, lambda term: z3.simplify(z3.substitute(term, *pairs)), vocabulary)


def normal(value: object) -> object:
    """A value of the evaluator written as `outcome` writes one: numbers as decimals,
    durations as (months, days, hours)."""
    if value is NA or isinstance(value, bool | str | datetime.date):
        return (type(value).__name__, value)
    if isinstance(value, int | Decimal):
        return ("nombre", Decimal(value))
    if isinstance(value, Duration):
        return ("durée", value.years * 12 + value.months, value.days, value.hours)
    if isinstance(value, tuple):
        return ("liste", tuple(normal(item) for item in value))
    raise Unsupported(f"valeur {value!r}")


def _encoded(variable: FactVariable, value: object, vocabulary: Vocabulary) -> Any:
    kind = variable.kind
    if isinstance(value, Duration):
        if value.years or value.months:
            raise Unsupported("une durée en mois donnée par la situation")
        return z3.IntVal(value.days + value.hours // 24)
    if kind is Kind.ENUM:
        return z3.IntVal(vocabulary.value_id(str(value)))
    if kind is Kind.DATE:
        assert isinstance(value, datetime.date)
        return z3.IntVal(value.toordinal())
    if kind in SCALES:
        return z3.IntVal(int(Decimal(str(value)) * SCALES[kind]))
    if kind is Kind.TEXTE:
        return z3.StringVal(str(value))
    if kind is Kind.BOOLEEN:
        return z3.BoolVal(bool(value))
    return z3.IntVal(int(str(value)))


def read(sym: Sym, evaluate: Callable[[Any], Any], vocabulary: Vocabulary) -> object:
    """The outcome `sym` takes, its terms given values by `evaluate`, as `normal` writes it."""
    if z3.is_true(evaluate(sym.na)):
        return normal(NA)
    if sym.sort is Sort.DURATION:
        days, hours = (evaluate(t).as_long() for t in _parts(sym))
        return ("durée", sym.value.months, days, hours)
    value = evaluate(sym.value)
    if sym.sort is Sort.LIST:
        assert sym.element is not None
        items = [z3.simplify(value[i]) for i in range(z3.simplify(z3.Length(value)).as_long())]
        return ("liste", tuple(_value(item, sym.element, vocabulary) for item in items))
    return _value(value, sym.sort, vocabulary)


def _value(value: Any, sort: Sort, vocabulary: Vocabulary) -> object:
    match sort:
        case Sort.BOOL:
            return normal(z3.is_true(value))
        case Sort.INT:
            return ("nombre", Decimal(value.as_long()))
        case Sort.REAL:
            return ("nombre", _decimal(Fraction(value.as_fraction())))
        case Sort.DATE:
            return normal(datetime.date.fromordinal(value.as_long()))
        case Sort.ENUM:
            return normal(vocabulary.values[value.as_long()])
        case Sort.TEXT:
            return normal(value.as_string())
    raise Unsupported(f"valeur de sorte {sort.value}")


def _decimal(exact: Fraction) -> Decimal:
    """z3 divides exactly; the evaluator's quotient is a Decimal to 28 significant digits
    (Python's default context), so 10 / 3 is compared at that precision."""
    return Decimal(exact.numerator) / Decimal(exact.denominator)


def _parts(sym: Sym) -> list[Any]:
    return [sym.value.days, sym.value.hours] if sym.sort is Sort.DURATION else [sym.value]


def _other_than(sym: Sym, model: Any) -> Any:
    """Where the outcome differs from the one `model` gives."""
    na = model.evaluate(sym.na, model_completion=True)
    if z3.is_true(na):
        return z3.Not(sym.na)
    values = [t != model.evaluate(t, model_completion=True) for t in _parts(sym)]
    return z3.Or(sym.na, *values)
