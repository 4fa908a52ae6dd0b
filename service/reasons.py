"""The reasons of an answer in a person's words: the labelled conditions that decided it,
each with its article and the answers it read (« modalité de la séance : visio »), not the
comparisons written for analysts (`modalite_seance = presentiel`).

Read from the trace the way every explanation reads it (`deciding` children only); the
groups and cases that only hold conditions together are not lines of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from . import adapter

THROUGH = {adapter.StepKind.GROUP, adapter.StepKind.CASE, adapter.StepKind.OTHERWISE}
"""Kinds that only hold conditions together: their conditions are shown in their place."""
READ = {adapter.StepKind.COMPARISON, adapter.StepKind.FACT, adapter.StepKind.VALUE}
"""Kinds said by the line above them, as the answers it read."""
OUTCOMES = {"✓": "vrai", "✗": "faux", "?": "inconnu", "⊘": "non_couvert"}


@attrs.frozen
class Reason:
    outcome: str
    """vrai, faux, inconnu, non_couvert or autre: what the mark says, for the page's words."""
    mark: str
    text: str
    citation: str | None
    answers: tuple[str, ...]
    children: tuple[Reason, ...]


def reasons(trace: adapter.Trace, seen: set[int] | None = None) -> tuple[Reason, ...]:
    """The reasons beneath `trace`, each rule explained once."""
    seen = set() if seen is None else seen
    found: list[Reason] = []
    for child in adapter.deciding(trace):
        kind, cited = child.step.kind, bool(child.step.citation)
        if kind in READ and not cited:
            continue
        if kind in THROUGH and not cited:
            found.extend(reasons(child, seen))
            continue
        found.append(reason(child, seen))
    return tuple(found)


def reason(trace: adapter.Trace, seen: set[int]) -> Reason:
    mark = adapter.mark(trace)
    step = trace.step
    text = step.text if isinstance(trace.value, bool) else adapter.line_text(trace)
    again = id(trace) in seen
    seen.add(id(trace))
    return Reason(
        OUTCOMES.get(mark, "autre"),
        mark,
        text,
        step.citation,
        tuple(dict.fromkeys(answers(trace))),
        () if again else reasons(trace, seen),
    )


def answers(trace: adapter.Trace) -> Iterator[str]:
    """The facts a line read through its comparisons, as `label : value`."""
    for child in trace.children:
        kind = child.step.kind
        if kind is adapter.StepKind.FACT:
            yield f"{child.step.text} : {adapter.show(child.value, child.step.type)}"
        elif kind in READ or (kind in THROUGH and not child.step.citation):
            yield from answers(child)
