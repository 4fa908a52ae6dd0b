"""What `alinea diff` found, as plain data: structural changes, witness situations, golden
cases that flip. Renderers (text, markdown) live in `visualize`; `to_json` is the contract of
`alinea diff --json`.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ..engine.explain.explanation import gap_text, show
from ..engine.result import Conclusion


@attrs.frozen
class Outcome:
    """One side's answer for one conclusion, as the evaluator gave it."""

    status: str
    value: Any
    shown: str
    explanation: str = ""
    sources: tuple[str, ...] = ()
    error: str | None = None
    gap: str | None = None

    @property
    def key(self) -> tuple[str, Any]:
        """What two sides must share to agree: the status, and the value or, for a value the
        rule base does not cover, where it stops."""
        if self.status == "valeur":
            return self.status, repr(self.value)
        return self.status, self.gap

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.status, "value": self.value, "shown": self.shown}
        if self.gap:
            data["gap"] = self.gap
        if self.error:
            data["error"] = self.error
        else:
            data["sources"] = list(self.sources)
            data["explanation"] = self.explanation
        return data


def outcome(conclusion: Conclusion, *, explain: bool = True) -> Outcome:
    data = conclusion.to_json()
    if not explain:
        return Outcome(conclusion.status, data["value"], "", gap=gap_of(conclusion))
    return Outcome(
        conclusion.status,
        data["value"],
        show(conclusion.trace.value, conclusion.type),
        conclusion.explain(),
        conclusion.sources,
        gap=gap_of(conclusion),
    )


def gap_of(conclusion: Conclusion) -> str | None:
    """Where the rule base stops (or starts) for a non-covered conclusion."""
    return gap_text(conclusion.gaps[0]) if conclusion.gaps else None


ABSENT = Outcome("absente", None, "conclusion absente")


@attrs.frozen
class Witness:
    """A situation where the two sides disagree, minimal in facts, checked by the evaluator."""

    facts: dict[str, Any]
    old: Outcome
    new: Outcome
    method: str

    def to_json(self) -> dict[str, Any]:
        return {
            "facts": self.facts,
            "method": self.method,
            "old": self.old.to_json(),
            "new": self.new.to_json(),
        }


SYMBOLIC = "symbolique"
BOUNDARY = "valeurs limites"


@attrs.frozen
class Finding:
    """The search for witnesses of one conclusion whose definition differs between sides."""

    name: str
    label: str | None
    methods: tuple[str, ...]
    exhaustive: bool
    witnesses: tuple[Witness, ...]
    note: str | None = None
    unconfirmed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "conclusion": self.name,
            "label": self.label,
            "methods": list(self.methods),
            "exhaustive": self.exhaustive,
            "note": self.note,
            "unconfirmed": self.unconfirmed,
            "witnesses": [w.to_json() for w in self.witnesses],
        }


@attrs.frozen
class Comparison:
    """The behaviour of the two sides compared at one day each (the same day for two files,
    two days for one rule base), for the conclusions that can change."""

    old_day: datetime.date
    new_day: datetime.date
    findings: tuple[Finding, ...]
    period: tuple[datetime.date | None, datetime.date | None] | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "old_date": self.old_day.isoformat(),
            "new_date": self.new_day.isoformat(),
            "conclusions": [f.to_json() for f in self.findings],
        }
        if self.period is not None:
            start, end = self.period
            data["period"] = {
                "from": start.isoformat() if start else None,
                "to": end.isoformat() if end else None,
            }
        return data


@attrs.frozen
class SideText:
    """Where a declaration comes from on one side: its citation and the article it quotes."""

    location: str | None
    citation: str | None
    in_force: str | None
    article: str | None = None
    amendment: str | None = None
    quote: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "location": self.location,
            "citation": self.citation,
            "in_force": self.in_force,
            "article": self.article,
            "amended_by": self.amendment,
            "quote": " ".join(self.quote),
        }


@attrs.frozen
class Change:
    """One structural change: a fact, parameter, rule, exception or article added, removed or
    modified, with both sides' sources and what changed in words."""

    category: str
    name: str
    action: str
    old: SideText | None
    new: SideText | None
    details: tuple[str, ...] = ()
    affects: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "name": self.name,
            "action": self.action,
            "old": self.old.to_json() if self.old else None,
            "new": self.new.to_json() if self.new else None,
            "details": list(self.details),
            "affects": list(self.affects),
        }


@attrs.frozen
class Flip:
    """A golden case some expected conclusion of which has another outcome on the new side."""

    path: str
    line: int
    name: str
    old_day: datetime.date
    new_day: datetime.date
    conclusions: tuple[tuple[str, Outcome, Outcome], ...]
    passes_old: bool | None = None
    passes_new: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "case": self.name,
            "location": f"{self.path}:{self.line}",
            "old_date": self.old_day.isoformat(),
            "new_date": self.new_day.isoformat(),
            "passes_old": self.passes_old,
            "passes_new": self.passes_new,
            "conclusions": [
                {"conclusion": name, "old": old.shown, "new": new.shown}
                for name, old, new in self.conclusions
            ],
        }


@attrs.frozen
class Report:
    mode: str
    old_label: str
    new_label: str
    changes: tuple[Change, ...]
    comparisons: tuple[Comparison, ...]
    flips: tuple[Flip, ...]
    golden_cases: int = 0

    @property
    def witnesses(self) -> int:
        return sum(len(f.witnesses) for c in self.comparisons for f in c.findings)

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.witnesses or self.flips)

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "old": self.old_label,
            "new": self.new_label,
            "changed": self.changed,
            "changes": [c.to_json() for c in self.changes],
            "behaviour": [c.to_json() for c in self.comparisons],
            "golden": {
                "cases": self.golden_cases,
                "flips": [f.to_json() for f in self.flips],
            },
        }
