"""What a closure runs in: the facts, the date and the law in force that day.

Kept apart from the evaluator so that closures, rule bodies, completion and yearly series,
which the evaluator builds, can name the context without importing the evaluator back: the
few evaluator services they call are the `Evaluating` protocol.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from .trace import Trace

if TYPE_CHECKING:
    from ..compiler.program import Program
    from ..lowered.program import Lowered, Lowering

Closure = Callable[["Context"], Trace]


class Evaluating(Protocol):
    """The evaluator as the parts it builds see it."""

    @property
    def program(self) -> Program: ...

    @property
    def domains(self) -> Mapping[str, tuple[object, ...]]: ...

    @property
    def lowering(self) -> Lowering: ...

    def select_rule(self, name: str, lowered: Lowered) -> Closure: ...

    def parameter_value(self, name: str, law: Law) -> Trace: ...

    def context(self, facts: Mapping[str, object], law: Law) -> Context: ...

    def law(self, day: datetime.date) -> Law: ...

    def yearly_context(self, day: datetime.date, previous: Trace) -> YearlyContext: ...


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

    __slots__ = ("day", "evaluator", "lowered", "parameters", "rules")

    def __init__(self, evaluator: Evaluating, day: datetime.date) -> None:
        self.evaluator = evaluator
        self.day = day
        self.lowered = evaluator.lowering.at(day)
        self.rules: dict[str, Closure] = {}
        self.parameters: dict[str, Trace] = {}

    def rule(self, name: str) -> Closure:
        found = self.rules.get(name)
        if found is None:
            found = self.rules[name] = self.evaluator.select_rule(name, self.lowered)
        return found

    def parameter(self, name: str) -> Trace:
        found = self.parameters.get(name)
        if found is None:
            found = self.parameters[name] = self.evaluator.parameter_value(name, self)
        return found
