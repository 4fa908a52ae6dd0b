"""What `RuleBase.evaluate` returns: one `Conclusion` per evaluated rule, explained."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .domain.outcomes import NA, UNDECIDED, Gap, status
from .domain.types import Type
from .explain import explanation
from .runtime.trace import Trace

if TYPE_CHECKING:
    from .compiler.program import Program
    from .runtime.context import Context


@attrs.frozen
class Question:
    """A fact still worth asking for a conclusion, and the citation of the condition that
    reads it (the article its answer serves), or None."""

    fact: str
    citation: str | None


class Conclusion:
    """The outcome of one rule for one situation, with its explanation and sources."""

    def __init__(
        self,
        name: str,
        trace: Trace,
        day: datetime.date,
        program: Program,
        memo: dict[int, dict[str, None]] | None = None,
    ) -> None:
        self.name = name
        self.trace = trace
        self.date = day
        self._program = program
        self._memo = {} if memo is None else memo

    @property
    def value(self) -> object:
        """The value (bool, int, Decimal, date, Duration, str, tuple), or None when unknown,
        not applicable or not covered by the rule base; `status` says which."""
        value = self.trace.value
        return None if type(value) in UNDECIDED or value is NA else value

    @property
    def status(self) -> str:
        """`valeur`, `inconnu`, `non_applicable` or `non_couvert` (the article is in force
        but the rule base holds no version of something the conclusion needs: `gaps`)."""
        return status(self.trace.value)

    @property
    def type(self) -> Type | None:
        return self.trace.step.type

    @property
    def missing(self) -> tuple[str, ...]:
        """The facts that could still decide an unknown or non-covered conclusion (empty
        otherwise): for a non-covered one, those whose answer can settle it despite the gap."""
        return tuple(explanation.missing(self.trace))

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """For a non-covered conclusion, every rule or parameter the rule base lacks at that
        date, earliest end first (empty otherwise)."""
        return tuple(explanation.gaps(self.trace))

    @property
    def questions(self) -> tuple[Question, ...]:
        """The facts to ask, in the order the explanation reads them, whose answer could
        still decide the conclusion (for a non-covered one, despite the gap): what
        `alinea ask` and the service's questionnaire ask, first one first."""
        cited = explanation.questions(self.trace)
        return tuple(Question(fact, citation) for fact, citation in cited.items())

    @property
    def sources(self) -> tuple[str, ...]:
        """The citations of every step that decided the value, in reading order."""
        return tuple(explanation.sources(self.trace, self._memo))

    def explain(self) -> str:
        """The explanation tree as French text, headed by the date of the law applied."""
        body = explanation.explain(self.trace, self._program, self.date)
        return f"{explanation.heading(self.date)}\n{body}"

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": explanation.to_json_value(self.trace.value, self.type),
            "status": self.status,
            "type": str(self.type) if self.type else None,
            "missing": list(self.missing),
            "sources": list(self.sources),
            **explanation.coverage_json(self.trace.value),
        }
        if explain:
            articles: dict[str, Any] = {}
            data["explanation"] = explanation.to_json(
                self.trace, self._program, self.date, articles
            )
            data["articles"] = articles
        return data

    def __repr__(self) -> str:
        return f"Conclusion({self.name} = {explanation.show(self.trace.value, self.type)})"


class Result:
    """The conclusions of one situation at one date; other rules are evaluated on access."""

    def __init__(self, ctx: Context, names: list[str], program: Program) -> None:
        self._ctx = ctx
        self._program = program
        self.date: datetime.date = ctx.date
        self.names = names
        self._memo: dict[int, dict[str, None]] = {}

    def __getitem__(self, name: str) -> Conclusion:
        memo = self._ctx.memo
        if name not in memo:
            if name not in self._program.rules:
                raise KeyError(name)
            memo[name] = self._ctx.law.rule(name)(self._ctx)
        return Conclusion(name, memo[name], self.date, self._program, self._memo)

    def __iter__(self) -> Iterator[Conclusion]:
        return (self[name] for name in self.names)

    def __len__(self) -> int:
        return len(self.names)

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        """`{"date", "conclusions": {NAME: {"value", "status", "missing", "sources", …}}}`;
        a non-covered conclusion adds `couvert_jusqu_au` (or `couvert_depuis`), `article` and
        `lacunes`."""
        return {
            "date": self.date.isoformat(),
            "conclusions": {c.name: c.to_json(explain=explain) for c in self},
        }
