"""The facts of a symbolic search: one z3 variable per fact, shared by both sides, with the
plausible range of the fact (`entre … et …`, non-negative amounts, enumeration values), and
the way back from a solver model to a situation a person can read and the evaluator checks.

Numbers are integers of a fixed precision (cents for montants, basis points for taux,
thousandths for décimaux, whole days for durées) so a witness never asks for 1/3 €.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import z3

from ..dsl.limits import MAX_DURATION_DAYS, MAX_MAGNITUDE
from ..engine.compiler.program import Program
from ..engine.domain.types import Kind, Type
from ..engine.domain.values import Duration, length_in_hours, parse_duration
from ..engine.lowered.declarations import Fact
from .terms import FALSE, Dur, Sort, Sym, Unsupported

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)
SCALES = {Kind.MONTANT: 100, Kind.TAUX: 10_000, Kind.DECIMAL: 1_000}


class FactVariable:
    __slots__ = ("constraints", "kind", "name", "term", "type", "value_ids")

    def __init__(self, fact: Fact, term: Any, value_ids: set[int]) -> None:
        self.name = fact.name
        self.type = fact.type
        self.kind = fact.type.kind
        self.term = term
        self.value_ids = value_ids
        self.constraints: list[Any] = []


class Vocabulary:
    """Facts and enumeration values, shared by the encoders of both sides."""

    def __init__(self, programs: Iterable[Program]) -> None:
        values: set[str] = set()
        for program in programs:
            for fact in program.facts.values():
                values.update(_enum_values(fact.type))
            for parameter in program.parameters.values():
                values.update(_enum_values(parameter.type))
            for rule in program.rules.values():
                values.update(_enum_values(rule.type))
        self.values = sorted(values)
        self._ids = {value: index for index, value in enumerate(self.values)}
        self.facts: dict[str, FactVariable] = {}
        self._syms: dict[str, Sym] = {}

    def value_id(self, value: str) -> int:
        found = self._ids.get(value)
        if found is None:
            found = self._ids[value] = len(self.values)
            self.values.append(value)
        return found

    def fact(self, fact: Fact, day: datetime.date) -> Sym:
        """The variable of a fact; `day` lays its bounds in durées back (the first side's)."""
        known = self.facts.get(fact.name)
        if known is None:
            self._declare(fact, day)
        elif known.type != fact.type:
            self._reconcile(known, fact)
        return self._syms[fact.name]

    def constraints(self) -> list[Any]:
        return [c for variable in self.facts.values() for c in variable.constraints]

    # ------------------------------------------------------------ declaring

    def _declare(self, fact: Fact, day: datetime.date) -> None:
        name, kind = fact.name, fact.type.kind
        declared = _VARIABLES.get(kind)
        if declared is None:
            raise Unsupported(f"donnée « {name} » de type {fact.type}")
        make, sort = declared
        term = make(name)
        value: Any = term
        if kind in SCALES:
            value = z3.ToReal(term) / SCALES[kind]
        elif sort is Sort.DURATION:
            value = Dur(0, term, z3.IntVal(0))
        ids = {self.value_id(v) for v in fact.type.values}
        variable = self.facts[name] = FactVariable(fact, term, ids)
        self._syms[name] = Sym(sort, FALSE, value)
        variable.constraints = self._range(variable, fact, day)

    def _reconcile(self, known: FactVariable, fact: Fact) -> None:
        if known.kind is not fact.type.kind or known.kind is not Kind.ENUM:
            raise Unsupported(f"la donnée « {known.name} » change de type")
        known.value_ids &= {self.value_id(v) for v in fact.type.values}
        known.constraints = [z3.Or(*(known.term == i for i in sorted(known.value_ids)))]

    def _range(self, variable: FactVariable, fact: Fact, day: datetime.date) -> list[Any]:
        term, kind = variable.term, variable.kind
        if kind is Kind.ENUM:
            return [z3.Or(*(term == i for i in sorted(variable.value_ids)))]
        if kind is Kind.TEXTE:
            return [z3.Length(term) >= 1, z3.Length(term) <= 20]
        if kind is Kind.BOOLEEN:
            return []
        low, high = _scaled(fact.low, kind, day), _scaled(fact.high, kind, day)
        if kind is Kind.DATE:
            low = low if low is not None else EARLIEST.toordinal()
            high = high if high is not None else LATEST.toordinal()
        if kind is Kind.TAUX and high is None:
            high = SCALES[Kind.TAUX]
        if high is None:  # a witness stays within the values a situation may give
            high = (
                MAX_DURATION_DAYS if kind is Kind.DUREE else MAX_MAGNITUDE * SCALES.get(kind, 1) - 1
            )
        low = low if low is not None else 0
        found = [term >= low]
        if high is not None:
            found.append(term <= high)
        return found

    # ------------------------------------------------------------ reading a model

    def decode(self, model: Any, names: Iterable[str] | None = None) -> dict[str, Any]:
        """The situation a model describes, written as in a situation file."""
        wanted = sorted(self.facts) if names is None else sorted(names)
        return {name: self._decode(self.facts[name], model) for name in wanted}

    def assignment(self, raw: Mapping[str, Any]) -> list[tuple[Any, Any]]:
        """(variable, value) pairs for z3.substitute, from a situation written by `decode`."""
        return [
            (self.facts[name].term, self._encode(self.facts[name], value))
            for name, value in raw.items()
            if name in self.facts
        ]

    def _encode(self, variable: FactVariable, value: Any) -> Any:
        kind = variable.kind
        if kind is Kind.BOOLEEN:
            return z3.BoolVal(bool(value))
        if kind is Kind.TEXTE:
            return z3.StringVal(str(value))
        if kind is Kind.ENUM:
            return z3.IntVal(self.value_id(str(value)))
        if kind is Kind.DATE:
            return z3.IntVal(datetime.date.fromisoformat(str(value)).toordinal())
        if kind is Kind.DUREE:
            duration = parse_duration(str(value)) or Duration()
            return z3.IntVal(duration.days + duration.hours // 24)
        if kind in SCALES:
            return z3.IntVal(int(Decimal(str(value)) * SCALES[kind]))
        return z3.IntVal(int(value))

    def _decode(self, variable: FactVariable, model: Any) -> Any:
        value = model.evaluate(variable.term, model_completion=True)
        kind = variable.kind
        if kind is Kind.BOOLEEN:
            return z3.is_true(value)
        if kind is Kind.TEXTE:
            return value.as_string()
        number = value.as_long()
        if kind is Kind.ENUM:
            return self.values[number]
        if kind is Kind.DATE:
            return datetime.date.fromordinal(number).isoformat()
        if kind is Kind.DUREE:
            return f"P{number}D"
        if kind in SCALES:
            scaled = Decimal(number) / SCALES[kind]
            if kind is Kind.MONTANT:
                return f"{scaled.quantize(Decimal('0.01')):f}"
            return f"{scaled.normalize():f}"
        return number


_VARIABLES: dict[Kind, tuple[Any, Sort]] = {
    Kind.BOOLEEN: (z3.Bool, Sort.BOOL),
    Kind.ENTIER: (z3.Int, Sort.INT),
    Kind.MONTANT: (z3.Int, Sort.REAL),
    Kind.TAUX: (z3.Int, Sort.REAL),
    Kind.DECIMAL: (z3.Int, Sort.REAL),
    Kind.DATE: (z3.Int, Sort.DATE),
    Kind.DUREE: (z3.Int, Sort.DURATION),
    Kind.TEXTE: (z3.String, Sort.TEXT),
    Kind.ENUM: (z3.Int, Sort.ENUM),
}
"""The z3 variable of a fact of each kind, and the sort of its value."""


def _enum_values(type_: Type) -> tuple[str, ...]:
    while type_.kind is Kind.LISTE and type_.element is not None:
        type_ = type_.element
    return tuple(type_.values) if type_.kind is Kind.ENUM else ()


def _scaled(value: object, kind: Kind, day: datetime.date) -> int | None:
    if isinstance(value, datetime.date):
        return value.toordinal()
    if isinstance(value, Duration):
        return length_in_hours(value, day) // 24
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return int(Decimal(value) * SCALES.get(kind, 1))
    return None
