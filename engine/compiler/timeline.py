"""When the rule base covers each rule and parameter, and what holds outside that stretch.

A rule or parameter whose versions carry periods is *covered* from the start of its first
version to the end of its last (the versions pass forbids holes in between). Outside that
stretch two different things can be true, and the rule files say which:

- the law does not apply (`NA`): the day is before the creation of the article of the first
  version (a `(création : …)` section), or on or after the abrogation of the article of the
  last version (an `(abrogé par …)` section);
- otherwise the article is in force but the rule base holds no version for that day: the
  value is `NotCovered`, with a `Gap` that says how far the rule base goes.

A rule or parameter with a version without period is always in force. The article of a
version is the one its own `selon "…"` cites (resolved to a section reference), else its
section's.

API, for the evaluator, `alinea check` and tools that watch the rule base (`alinea veille`):

- `Timeline(program)` (or `of(program)`, shared): `coverage(name)` per rule or parameter
  (cached), `coverages()`; `absence(program, name, day)` for one symbol and day;
- `Coverage`: `start`, `end`, `first_article`, `last_article`, `creation`, `abrogation`
  (each an `Event`), `covers(day)`, `absence(day)` (why a day is outside: NA or the gap),
  `gap_after()` (the stretch after the last version, when the article is not abrogated);
- `not_covered(program, day)`: the symbols `NotCovered` at a day;
- `ending(program, day, months=6)`: the symbols whose coverage stops before `day + months`
  without abrogation, each with the public conclusions that depend on it (`dependents`) and
  still have versions after it stops;
- `warnings(program, day, months=6)`: the same as W701 diagnostics (`alinea check`).
"""

from __future__ import annotations

import datetime
import re
import weakref
from collections.abc import Iterable

import attrs

from ...dsl import nodes
from ...dsl.errors import Diagnostic, Note, Severity, Span
from ..domain.french import gap_text
from ..domain.outcomes import NA, Gap, GapSide, NotApplicable, NotCovered
from ..domain.values import add_months, short_date
from .program import Origin, Program

DAY = datetime.timedelta(days=1)
HORIZON_MONTHS = 6
LISTED = 6
_EVENT_HEAD = re.compile(r"^\s*\w+(?:\s+par\b)?\s*:?\s*(?:(?:la|le|les)\s+|l['’]\s*)?", re.I)


@attrs.frozen
class Event:
    """A creation or abrogation section of an article: its first day (`day`) and the amending
    text as written in the header."""

    kind: nodes.ArticleEvent
    day: datetime.date
    article: str
    text: str | None
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def source(self) -> str | None:
        """The amending act without the event words: « loi n° 2018-1203, art. 52 »."""
        if not self.text:
            return None
        return _EVENT_HEAD.sub("", self.text, count=1).strip() or None


@attrs.frozen
class Absence:
    """Why a symbol has no version on a day: `value` is NA (with `reason`) or NotCovered;
    `article` is the article that says so (created later, abrogated, or still in force)."""

    value: NotApplicable | NotCovered
    article: str | None
    reason: str | None = None


@attrs.frozen
class Version:
    period: nodes.Period | None
    article: str | None
    span: Span | None


@attrs.frozen
class Coverage:
    """The stretch of days on which the rule base has a version of `name`."""

    name: str
    kind: str
    start: datetime.date | None
    end: datetime.date | None
    first_article: str | None
    last_article: str | None
    creation: Event | None
    abrogation: Event | None
    first_span: Span | None = attrs.field(default=None, eq=False)
    last_span: Span | None = attrs.field(default=None, eq=False)

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def absence(self, day: datetime.date) -> Absence | None:
        """None when covered; else NA when the article did not or no longer exists, else the
        gap (a day between two versions cannot happen: the versions pass refuses holes)."""
        if self.covers(day):
            return None
        if self.start is not None and day < self.start:
            creation = self.creation
            if creation is not None and day < creation.day:
                reason = f"l'article {creation.article} n'existait pas avant le"
                reason += f" {short_date(creation.day)}{_by(creation)}"
                return Absence(NA, creation.article, reason)
            return self._not_covered(GapSide.BEFORE)
        abrogation = self.abrogation
        if abrogation is not None and day >= abrogation.day:
            reason = f"l'article {abrogation.article} est abrogé depuis le"
            reason += f" {short_date(abrogation.day)}{_by(abrogation)}"
            return Absence(NA, abrogation.article, reason)
        return self._not_covered(GapSide.AFTER)

    def _not_covered(self, side: GapSide) -> Absence:
        gap = self._gap(side)
        return Absence(NotCovered(frozenset({gap})), gap.article)

    def gap_after(self) -> Gap | None:
        """The gap after the last version, unless the article is abrogated the next day."""
        if self.end is None:
            return None
        if self.abrogation is not None and self.abrogation.day <= self.end + DAY:
            return None
        return self._gap(GapSide.AFTER)

    def _gap(self, side: GapSide) -> Gap:
        article = self.last_article if side is GapSide.AFTER else self.first_article
        return Gap(self.name, article, self.start, self.end, side)


def _by(event: Event) -> str:
    return f" ({event.source})" if event.source else ""


@attrs.frozen
class Ending:
    """A symbol whose coverage stops before a horizon, and the conclusions that need it."""

    coverage: Coverage
    gap: Gap
    dependents: tuple[str, ...]


_TIMELINES: dict[int, Timeline] = {}


def of(program: Program) -> Timeline:
    """The timeline of `program`, shared by every caller while the program lives."""
    found = _TIMELINES.get(id(program))
    if found is None or found.program is not program:
        found = _TIMELINES[id(program)] = Timeline(program)
        weakref.finalize(program, _TIMELINES.pop, id(program), None)
    return found


def absence(program: Program, name: str, day: datetime.date) -> Absence | None:
    """Why `name` has no version on `day` (None when it has one): see `Coverage.absence`."""
    return of(program).coverage(name).absence(day)


def describe(program: Program, name: str, day: datetime.date) -> str | None:
    """`non couvert — la base de règles s'arrête au …` or `non applicable : l'article … est
    abrogé depuis le …`: why `name` has no version on `day`, in words (None when it has)."""
    found = absence(program, name, day)
    if found is None:
        return None
    if isinstance(found.value, NotCovered):
        return "non couvert — " + gap_text(found.value.first)
    return f"non applicable : {found.reason}" if found.reason else "non applicable"


class Timeline:
    """The coverage of every rule and parameter of one program, computed on demand."""

    def __init__(self, program: Program) -> None:
        self._program = weakref.ref(program)
        self._found: dict[str, Coverage] = {}

    @property
    def program(self) -> Program:
        """Held weakly: the table of timelines must not keep every program ever loaded alive
        (a long-lived process, a server or the fuzzing harness, loads thousands)."""
        program = self._program()
        if program is None:
            raise ReferenceError("the program of this timeline is gone")
        return program

    def coverage(self, name: str) -> Coverage:
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self._coverage(name)
        return found

    def coverages(self) -> list[Coverage]:
        names = sorted(self.program.rules.keys() | self.program.parameters.keys())
        return [self.coverage(name) for name in names]

    def _coverage(self, name: str) -> Coverage:
        program = self.program
        if name in program.rules:
            symbol = program.rules[name]
            kind = "règle"
            versions = [
                Version(v.period, self.article(v.rule.citation, v.origin), v.rule.span)
                for v in symbol.versions
            ]
        else:
            kind = "paramètre"
            versions = [
                Version(e.value.period, self.article(e.value.citation, e.origin), e.value.span)
                for e in program.parameters[name].entries
            ]
        if not versions or any(v.period is None for v in versions):
            return Coverage(name, kind, None, None, None, None, None, None)
        first = min(versions, key=_start)
        last = max(versions, key=_end)
        return Coverage(
            name,
            kind,
            _bound(first.period, start=True),
            _bound(last.period, start=False),
            first.article,
            last.article,
            self.event(first.article, nodes.ArticleEvent.CREATION),
            self.event(last.article, nodes.ArticleEvent.ABROGATION),
            first.span,
            last.span,
        )

    def article(self, citation: nodes.Citation | None, origin: Origin) -> str | None:
        """The article a version speaks for: the section its own citation resolves to, else
        the section it is written under, else its citation as written."""
        if citation is not None:
            found = self.program.reference(citation.text)
            if found is not None:
                return found
        if origin.article is not None:
            return origin.article.reference
        return citation.text if citation is not None else None

    def event(self, reference: str | None, kind: nodes.ArticleEvent) -> Event | None:
        """The creation or abrogation section of an article, with its first day."""
        for article, _ in self.program.articles.get(reference or "", []):
            if article.event is kind and article.period and article.period.start:
                assert reference is not None
                return Event(kind, article.period.start, reference, article.amendment, article.span)
        return None


def _start(version: Version) -> datetime.date:
    return _bound(version.period, start=True) or datetime.date.min


def _end(version: Version) -> datetime.date:
    return _bound(version.period, start=False) or datetime.date.max


def _bound(period: nodes.Period | None, *, start: bool) -> datetime.date | None:
    if period is None:
        return None
    return period.start if start else period.end


def not_covered(program: Program, day: datetime.date) -> list[Coverage]:
    """The rules and parameters the rule base has no version of on `day`, although their
    article is in force then."""
    found = []
    for coverage in of(program).coverages():
        absence = coverage.absence(day)
        if absence is not None and isinstance(absence.value, NotCovered):
            found.append(coverage)
    return found


def ending(program: Program, day: datetime.date, months: int = HORIZON_MONTHS) -> list[Ending]:
    """The rules and parameters whose coverage stops before `day` + `months` without their
    article being abrogated, by end date then name, with the conclusions depending on them."""
    horizon = add_months(day, months)
    timeline = of(program)
    found = []
    for coverage in timeline.coverages():
        gap = coverage.gap_after()
        if gap is None or coverage.end is None or coverage.end >= horizon:
            continue
        after = coverage.end + DAY
        still = [
            d for d in dependents(program, coverage.name) if _in_force_after(timeline, d, after)
        ]
        found.append(Ending(coverage, gap, tuple(still)))
    return sorted(found, key=lambda e: (e.coverage.end or datetime.date.max, e.coverage.name))


def _in_force_after(timeline: Timeline, name: str, day: datetime.date) -> bool:
    """Whether `name` still has versions on or after `day` (else a gap there cannot reach it)."""
    end = timeline.coverage(name).end
    return end is None or end >= day


def dependents(program: Program, name: str) -> list[str]:
    """The public conclusions whose value depends on `name` (itself included), sorted."""
    graph = program.dependencies
    reached: Iterable[str] = graph.descendants(name) | {name} if name in graph else {name}
    return sorted(n for n in reached if n in program.rules and program.rules[n].public)


def warnings(
    program: Program, day: datetime.date, months: int = HORIZON_MONTHS
) -> list[Diagnostic]:
    """W701 for each rule and parameter whose coverage stops before `day` + `months` without
    abrogation: from then on every conclusion that needs it is `non couvert`. Not a compiler
    pass: it depends on the day of the check, which the CLI reads."""
    return [_warning(found) for found in ending(program, day, months)]


def _warning(found: Ending) -> Diagnostic:
    coverage, gap = found.coverage, found.gap
    assert coverage.end is not None
    after = coverage.end + DAY
    where = f" ({gap.article})" if gap.article else ""
    section = gap.article or "référence"
    others = [n for n in found.dependents if n != coverage.name]
    if others:
        shown = ", ".join(others[:LISTED]) + (", …" if len(others) > LISTED else "")
        count = len(others)
        verb = "conclusions en dépendent" if count > 1 else "conclusion en dépend"
        note = Note(f"{count} {verb} : {shown}")
    else:
        note = Note("aucune autre conclusion n'en dépend")
    return Diagnostic(
        "W701",
        f"« {coverage.name} » n'est couvert que jusqu'au {short_date(coverage.end)}{where}",
        coverage.last_span,
        f"ajoutez la version en vigueur à partir du {short_date(after)} ; si l'article a été "
        f"abrogé, dites-le : « § {section} | depuis {after.isoformat()} (abrogé par …) »",
        (note,),
        Severity.WARNING,
    )
