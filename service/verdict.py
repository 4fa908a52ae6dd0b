"""The answer page of the questionnaire, in a person's words: the answer in a sentence, the
reasons that decided it (« pourquoi non » when it is no), the articles they rest on with
their text, and what the answer assumed — the answers given, the questions left unanswered,
the facts it does not depend on, the date of the law applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ..engine import Conclusion, RuleBase
from . import adapter, topics
from .answers import Answers, shown
from .reasons import Reason, reasons


@attrs.frozen
class Cited:
    citation: str
    quote: adapter.Quote | None


@attrs.frozen
class Verdict:
    status: str
    sentence: str
    negative: bool
    reasons: tuple[Reason, ...]
    cited: tuple[Cited, ...]
    given: tuple[tuple[str, str], ...]
    """(question, answer shown) for each answer, in the order given."""
    unanswered: tuple[str, ...]
    without_effect: tuple[str, ...]
    missing: tuple[str, ...]
    gaps: tuple[str, ...]


def read(
    base: RuleBase,
    topic: topics.Topic,
    conclusion: Conclusion,
    answers: Answers,
    facts: dict[str, object],
) -> Verdict:
    program = base.program
    status = conclusion.status
    value = conclusion.to_json()["value"]
    label = program.rules[conclusion.name].label_at(conclusion.date) or conclusion.name
    text = adapter.show(conclusion.trace.value, conclusion.type)
    sentence = topic.sentence(value, text) if status == "valeur" else None
    negative = value is False or (sentence or "").startswith("Non")
    if sentence is None:
        sentence = _sentence(status, label, value, text, conclusion)
    day = conclusion.date
    cited = tuple(Cited(c, adapter.quote(program.article(c, day))) for c in conclusion.sources)

    def label_of(name: str) -> str:
        symbol = program.facts.get(name)
        return symbol.decl.label or name if symbol else name

    given = tuple(
        (program.facts[n].decl.question or label_of(n), shown(program.facts[n], facts[n]))
        for n in answers.order
        if n in facts
    )
    explanation = conclusion.to_json(explain=True)["explanation"]
    ignored = dict.fromkeys(f for f in _without_effect(explanation) if f not in facts)
    return Verdict(
        status=status,
        sentence=sentence,
        negative=negative,
        reasons=reasons(conclusion.trace),
        cited=cited,
        given=given,
        unanswered=tuple(label_of(n) for n in answers.skipped),
        without_effect=tuple(label_of(n) for n in ignored),
        missing=tuple(label_of(n) for n in conclusion.missing),
        gaps=tuple(adapter.gap_text(g) for g in conclusion.gaps),
    )


def _sentence(status: str, label: str, value: object, text: str, conclusion: Conclusion) -> str:
    if status == "inconnu":
        return f"Impossible de répondre sans les réponses qui manquent : « {label} » reste inconnu."
    if status == "non_couvert":
        gap = adapter.gap_text(conclusion.gaps[0]) if conclusion.gaps else ""
        return f"Les règles d'alinea ne permettent pas de répondre à cette date : {gap}."
    if status == "non_applicable":
        return f"Sans objet dans cette situation : « {label} » ne s'applique pas."
    if value is True:
        return f"Oui : {label}."
    if value is False:
        return f"Non : il n'est pas vrai que {label}."
    return f"{label[:1].upper()}{label[1:]} : {text}."


def _without_effect(node: dict[str, Any]) -> Iterator[str]:
    """The facts an explanation says the answer does not depend on (« quelle que soit la
    valeur de … »)."""
    yield from node.get("facts_without_effect", ())
    for child in node.get("children", ()):
        yield from _without_effect(child)
