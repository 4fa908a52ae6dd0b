"""The reference meaning of a rule in force: applicability, exceptions, then its body.

Default logic: the exceptions that apply and that no other applying one prevails over give
the value; two of them that disagree are a conflict (C001). An undecided exception leaves
the rule undecided unless every value it could still give equals the value found without
it. Cases are tried in order; a case undecided before the one that applies leaves the rule
undecided unless it would give the same value.
"""

from __future__ import annotations

import enum
from typing import Any, Protocol

from ...dsl.errors import ConflictError
from ..domain.outcomes import NA, SPECIAL, merge, strict
from . import declarations as decl
from . import nodes as low
from . import operations


class Evaluates(Protocol):
    """What the rule interpreter needs of the interpreter's scope: the value of an
    expression (a protocol, so the interpreter and its rule bodies do not import each
    other)."""

    def expr(self, node: low.Expr) -> Any: ...


class Attempt(enum.Enum):
    APPLIES = "s'applique"
    REJECTED = "écartée"
    UNDECIDED = "indécise"


class RuleInterpreter:
    """The value of one rule, in force on the run's date, for the run's situation."""

    def __init__(self, scope: Evaluates, rule: decl.Rule) -> None:
        self.rule = rule
        self.scope = scope
        self.expr = scope.expr

    def value(self) -> object:
        version = self.rule.version
        if version.applicability is not None:
            gate = self.expr(version.applicability)
            if gate is not True:
                return NA if gate is False else merge(gate)
        exceptions = self.rule.exceptions
        if not exceptions:
            return self.body(version.body)
        return self._default_logic(exceptions)

    def _default_logic(self, exceptions: tuple[decl.Derogation, ...]) -> object:
        attempts = [(d, *self._attempt(d)) for d in exceptions]
        applying = [(d, value) for d, state, value, _ in attempts if state is Attempt.APPLIES]
        dominated = frozenset().union(*(d.overrides for d, _ in applying))
        live = [(d, value) for d, value in applying if d.key not in dominated]
        undecided = [
            (d, value, at)
            for d, state, value, at in attempts
            if state is Attempt.UNDECIDED and d.key not in dominated
        ]
        fallback = NA if live else self.body(self.rule.version.body)
        if undecided:
            possible = [v for _, v in live] if live else [fallback]
            for derogation, _, at in undecided:
                possible += [self.expr(case.value) for case in derogation.cases[at:]]
            first = possible[0]
            if type(first) in SPECIAL or any(type(v) in SPECIAL or v != first for v in possible):
                return merge(*(value for _, value, _ in undecided))
        if not live:
            return fallback
        first_derogation, first = live[0]
        for other, value in live[1:]:
            if value != first and type(value) not in SPECIAL:
                one = (first_derogation.span, first_derogation.citation, first)
                two = (other.span, other.citation, value)
                raise ConflictError([operations.conflict(self.rule.name, one, two)])
        return first

    def _attempt(self, derogation: decl.Derogation) -> tuple[Attempt, object, int]:
        """Whether the exception applies (with its value), is rejected, or is undecided (with
        the facts it waits for and the index of its undecided case)."""
        for index, case in enumerate(derogation.cases):
            condition = self.expr(case.condition)
            if condition is True:
                return Attempt.APPLIES, self.expr(case.value), index
            if condition is not False:
                return Attempt.UNDECIDED, merge(condition), index
        return Attempt.REJECTED, NA, len(derogation.cases)

    # ------------------------------------------------------------ bodies

    def body(self, body: low.Body) -> Any:
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

    def _cases(self, body: low.Cases) -> object:
        pending: list[tuple[object, object]] = []
        found: object = None
        for case in body.cases:
            condition = self.expr(case.condition)
            if condition is True:
                found = self.expr(case.value)
                break
            if condition is not False:
                pending.append((condition, self.expr(case.value)))
        else:
            otherwise = body.otherwise.value
            found = NA if otherwise is None else self.expr(otherwise.value)
        if not pending:
            return found
        if type(found) not in SPECIAL and all(v == found for _, v in pending):
            return found
        conditions = [c for c, _ in pending]
        return merge(*conditions, *(v for _, v in pending), found)

    def _table(self, table: low.Table) -> object:
        key = self.expr(table.key)
        if type(key) in SPECIAL:
            return key
        for row in table.rows:
            bounds = [self.expr(bound) for bound in low.key_bounds(row.key)]
            if any(type(b) in SPECIAL for b in bounds):
                return strict(*bounds)
            if operations.matches(row.key, key, bounds):
                return self.expr(row.value)
        return NA

    def _list(self, build: low.ListBuild) -> object:
        kept: list[object] = []
        undecided: list[object] = []
        for element in build.elements:
            if element.condition is not None:
                condition = self.expr(element.condition)
                if condition is False:
                    continue
                if condition is not True:
                    undecided.append(condition)
                    continue
            kept.append(self.expr(element.value))
        if undecided or any(type(k) in SPECIAL for k in kept):
            return strict(*undecided, *kept)
        return tuple(kept)
