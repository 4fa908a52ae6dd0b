"""A rule in force -> one z3 value: applicability, exceptions (default logic), then its body.

The z3 counterpart of `engine/lowered/bodies.py`. A condition that is not applicable leaves
what it decides not applicable; cases are tried in order; the exceptions that apply and that
no other applying one prevails over (`Derogation.overrides`) give the value, the first of
them when several do (the runtime then stops with a conflict, C001, when their values
differ: the encoding does not model errors, the evaluator that checks every witness does).
"""

from __future__ import annotations

from typing import Any

import attrs
import z3

from ..engine.lowered import declarations as decl
from ..engine.lowered import nodes as low
from . import operators
from .expressions import Expressions
from .terms import (
    FALSE,
    TRUE,
    UNSET,
    Sort,
    Sym,
    Unsupported,
    all_,
    any_,
    as_sort,
    boolean,
    concat,
    equal,
    ite,
    not_,
    placeholder,
    sequence,
    sort_of,
)


@attrs.frozen(eq=False)
class Attempt:
    """An exception tried: where it applies, where a condition that is not applicable
    leaves it undecided, the value it gives, and each case's value with where that case is
    still possible once it is undecided (it has not rejected that case)."""

    applies: Any
    undecided: Any
    value: Sym
    waiting: list[tuple[Any, Sym]]


def unequal(value: Sym, others: list[Sym]) -> bool:
    """Whether `value` is a constant that none of `others`, all constants, equals (so that
    the encoding need not compare them)."""
    if value.known is UNSET or any(o.known is UNSET for o in others):
        return False
    return all(value.known != o.known for o in others)


def same(value: Sym, found: Sym) -> Any:
    """Where `value` is applicable and equal to `found`."""
    return all_(not_(value.na), equal(value, found))


class RuleEncoding:
    """The value of one rule in force, translated with the expressions of its scope."""

    def __init__(self, expressions: Expressions, rule: decl.Rule) -> None:
        self.rule = rule
        self.expressions = expressions
        self.expr = expressions.expr
        self.condition = expressions.condition
        self.sort, self.element = sort_of(rule.type)

    def value(self) -> Sym:
        version = self.rule.version
        base = as_sort(self.body(version.body), self.sort)
        found = self._default_logic(self.rule.exceptions, base)
        if version.applicability is None:
            return found
        gate = self.condition(version.applicability)
        return ite(gate.truth(), found, self._na())

    def _na(self) -> Sym:
        return placeholder(self.sort, self.element)

    def _default_logic(self, exceptions: tuple[decl.Derogation, ...], base: Sym) -> Sym:
        """The first live exception's value, else the base. An exception left undecided by
        a condition that is not applicable, and not silenced, leaves the rule not applicable
        unless every value still possible (the live ones', or the base's, and those of the
        cases it has not rejected) is the one found."""
        if not exceptions:
            return base
        attempts = [(d, self._attempt(d)) for d in exceptions]
        live: list[tuple[Any, Sym]] = []
        pending: list[Any] = []
        waiting: list[tuple[Any, Sym, bool]] = []
        for derogation, attempt in attempts:
            dominated = any_(*(a.applies for d, a in attempts if derogation.key in d.overrides))
            live.append((all_(attempt.applies, not_(dominated)), attempt.value))
            undecided = all_(attempt.undecided, not_(dominated))
            pending.append(undecided)
            others = [base, *(v for d, a in attempts if d is not derogation for _, v in a.waiting)]
            waiting += [
                (all_(undecided, at), value, unequal(value, others))
                for at, value in attempt.waiting
            ]
        chosen = base
        for condition, value in reversed(live):
            chosen = ite(condition, value, chosen)
        undecided = any_(*pending)
        if z3.is_false(undecided):
            return chosen
        if all(impossible for _, _, impossible in waiting):
            # every value an undecided exception could still give differs from any the rule
            # could find: undecided, the rule is not applicable
            return ite(undecided, self._na(), chosen)
        possible = [(at, value) for at, value, impossible in waiting if not impossible]
        keep = all_(
            not_(chosen.na),
            *(not_(at) for at, _, impossible in waiting if impossible),
            *(any_(not_(at), same(value, chosen)) for at, value in [*live, *possible]),
        )
        return ite(undecided, ite(keep, chosen, self._na()), chosen)

    def _attempt(self, derogation: decl.Derogation) -> Attempt:
        still = TRUE
        applies: list[Any] = []
        undecided: list[Any] = []
        values: list[tuple[Any, Sym]] = []
        waiting: list[tuple[Any, Sym]] = []
        for case in derogation.cases:
            condition = self.condition(case.condition)
            here = all_(still, condition.truth())
            applies.append(here)
            undecided.append(all_(still, condition.na))
            value = as_sort(self.expr(case.value), self.sort)
            values.append((here, value))
            waiting.append((any_(*undecided), value))
            still = all_(still, condition.falsity())
        value = self._na()
        for here, sym in reversed(values):
            value = ite(here, sym, value)
        return Attempt(any_(*applies), any_(*undecided), value, waiting)

    # ------------------------------------------------------------ bodies

    def body(self, body: low.Body) -> Sym:
        match body:
            case low.Formula(value=value):
                return self.expr(value)
            case low.Cases():
                return self._cases(body)
            case low.Table():
                return self._table(body)
            case low.ListBuild():
                return self._list(body)
        raise AssertionError(body)

    def _cases(self, body: low.Cases) -> Sym:
        """Cases tried in order; one whose condition is not applicable lets the value found
        after it stand only if it would give the same value."""
        otherwise = body.otherwise.value
        chosen = self._na() if otherwise is None else self.expr(otherwise.value)
        later = [] if otherwise is None else [chosen]  # the values the cases after can give
        for case in reversed(body.cases):
            condition = self.condition(case.condition)
            value = self.expr(case.value)
            after = chosen
            if unequal(value, later):
                after = ite(condition.na, self._na(), chosen)
            elif not z3.is_false(condition.na):
                kept = ite(all_(not_(chosen.na), same(value, chosen)), chosen, self._na())
                after = ite(condition.na, kept, chosen)
            chosen = ite(condition.truth(), value, after)
            later.append(value)
        return chosen

    def _table(self, table: low.Table) -> Sym:
        key = self.expr(table.key)
        if key.sort in {Sort.DURATION, Sort.LIST}:
            raise Unsupported("barème suivant une durée ou une liste")
        chosen = self._na()
        for row in reversed(table.rows):
            bounds = [self.expr(b) for b in low.key_bounds(row.key)]
            matches = self.expressions.scope.atom(
                boolean(FALSE, operators.matches(row.key, key.value, bounds))
            )
            unknown = any_(*(b.na for b in bounds))
            chosen = ite(unknown, self._na(), ite(matches.value, self.expr(row.value), chosen))
        return ite(key.na, self._na(), chosen)

    def _list(self, build: low.ListBuild) -> Sym:
        parts = []
        na = []
        element = self.element or Sort.INT
        sort = sequence(element)
        for item in build.elements:
            value = self.expr(item.value)
            unit = z3.Unit(as_sort(value, element).value)
            if item.condition is None:
                parts.append(unit)
                na.append(value.na)
                continue
            condition = self.condition(item.condition)
            parts.append(z3.If(condition.truth(), unit, z3.Empty(sort)))
            na.append(any_(condition.na, all_(condition.truth(), value.na)))
        return Sym(Sort.LIST, any_(*na), concat(parts, sort), self.element)
