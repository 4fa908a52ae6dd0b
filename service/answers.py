"""The answers a person gave so far, carried by the questionnaire's forms from page to page.

Nothing is kept on the server between two pages: each form holds the date, every answer as
typed (`r:age=34`), the questions skipped (`passe`) and the order they came in (`ordre`), so
that « question précédente » can take the last one back. The answers are converted by the
engine's own situation check, whose messages say what was expected.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping

import attrs

from ..dsl.errors import AlineaError, FactDiagnostic, SituationError
from ..engine import RuleBase
from . import adapter

PREFIX = "r:"
YES, NO = "oui", "non"


@attrs.frozen
class Answers:
    day: datetime.date
    given: Mapping[str, tuple[str, ...]]
    """The answers as typed, by fact (several values for a list)."""
    skipped: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    """The facts answered or skipped, first one first."""

    @classmethod
    def read(
        cls, form: Mapping[str, list[str]], base: RuleBase, today: datetime.date
    ) -> tuple[Answers, str | None]:
        """The answers of a form, and a message when its date is not a date (today then)."""
        day, problem = today, None
        given_day = form.get("date", [""])[0]
        if given_day:
            try:
                day = adapter.parse_date(given_day)
            except AlineaError as error:
                problem = error.diagnostics[0].message
        facts = base.program.facts
        given = {
            key[len(PREFIX) :]: tuple(values)
            for key, values in form.items()
            if key.startswith(PREFIX) and key[len(PREFIX) :] in facts
        }
        order = tuple(dict.fromkeys(n for n in form.get("ordre", []) if n in facts))
        skipped = tuple(n for n in dict.fromkeys(form.get("passe", [])) if n in facts)
        order += tuple(n for n in [*given, *skipped] if n not in order)
        return cls(day, given, skipped, order), problem

    def answer(self, fact: str, values: tuple[str, ...]) -> Answers:
        return attrs.evolve(
            self,
            given={**self.given, fact: values},
            skipped=tuple(n for n in self.skipped if n != fact),
            order=(*(n for n in self.order if n != fact), fact),
        )

    def skip(self, fact: str) -> Answers:
        given = {k: v for k, v in self.given.items() if k != fact}
        return attrs.evolve(
            self,
            given=given,
            skipped=(*(n for n in self.skipped if n != fact), fact),
            order=(*(n for n in self.order if n != fact), fact),
        )

    def back(self) -> tuple[Answers, str | None, tuple[str, ...]]:
        """Without the last answer: the answers left, its fact and what was answered."""
        if not self.order:
            return self, None, ()
        last = self.order[-1]
        kept = attrs.evolve(
            self,
            given={k: v for k, v in self.given.items() if k != last},
            skipped=tuple(n for n in self.skipped if n != last),
            order=self.order[:-1],
        )
        return kept, last, self.given.get(last, ())

    def without(self, fact: str) -> Answers:
        return attrs.evolve(
            self,
            given={k: v for k, v in self.given.items() if k != fact},
            order=tuple(n for n in self.order if n != fact),
        )

    def hidden(self, leave_out: str | None = None) -> list[tuple[str, str]]:
        """The form fields that carry these answers to the next page."""
        fields = [("date", self.day.isoformat())]
        for fact in self.order:
            if fact == leave_out:
                continue
            fields.append(("ordre", fact))
            if fact in self.skipped:
                fields.append(("passe", fact))
            fields.extend((PREFIX + fact, value) for value in self.given.get(fact, ()))
        return fields

    def facts(self, base: RuleBase) -> tuple[dict[str, object], dict[str, str]]:
        """The answers checked by the engine, and a message for each that does not fit."""
        raw = {name: value(base.program.facts[name], values) for name, values in self.given.items()}
        try:
            return base.facts_from(raw), {}
        except SituationError as error:
            wrong = {d.fact: message(d) for d in error.diagnostics if isinstance(d, FactDiagnostic)}
            kept = {k: v for k, v in raw.items() if k not in wrong}
            return base.facts_from(kept), wrong


def value(fact: adapter.FactSymbol, values: tuple[str, ...]) -> object:
    """A typed answer as a situation gives it: `oui` is true, a list keeps its choices."""
    kind = fact.type.kind
    if kind is adapter.Kind.LISTE:
        return [v for v in values if v]
    text = values[0].strip() if values else ""
    if kind is adapter.Kind.BOOLEEN:
        return {YES: True, NO: False}.get(text, text)
    return text


def message(diagnostic: FactDiagnostic) -> str:
    """`Réponse invalide : il faut un nombre entier.` for the person who typed it."""
    text = f"Réponse invalide : il faut {diagnostic.expected or 'une autre réponse'}."
    if diagnostic.suggestion:
        text += f" Vouliez-vous dire « {diagnostic.suggestion} » ?"
    return text


def shown(fact: adapter.FactSymbol, value: object) -> str:
    """An answer as the person reads it back: `oui`, `légère`, `34`, `3 mois`."""
    if isinstance(value, bool):
        return YES if value else NO
    if fact.type.kind is adapter.Kind.ENUM:
        return choice_label(str(value), wording(fact))
    if isinstance(value, tuple):
        return ", ".join(choice_label(str(v), wording(fact)) for v in value) or "aucun"
    return adapter.show(value, fact.type)


def wording(fact: adapter.FactSymbol) -> str:
    """The words the rule base uses around a fact: its question, label and description."""
    decl = fact.decl
    return " ".join(t for t in (decl.question, decl.label, decl.description) if t)


def choice_label(value: str, text: str = "") -> str:
    """An enumeration value as words: as `text` writes it when it does (`legere` is
    « légère » in « légère, modérée ou sévère ? »), else with spaces for `_`. The rule base
    names values in snake_case ASCII and gives them no label of their own."""
    wanted = value.lower().split("_")
    words = _WORD.findall(text)
    plain = [_ascii(w) for w in words]
    size = len(wanted)
    for start in range(len(words) - size + 1):
        if plain[start : start + size] == wanted:
            return " ".join(words[start : start + size])
    return " ".join(wanted)


_WORD = re.compile(r"\w+")


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFD", word).encode("ascii", "ignore").decode().lower()
