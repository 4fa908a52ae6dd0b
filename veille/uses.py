"""Where a rule base uses each code article: the sections that encode it, the citations
that rest on it, each with the period of the declaration it belongs to."""

from __future__ import annotations

import datetime

import attrs

from ..dsl import nodes
from ..dsl.errors import Span
from ..dsl.walk import descendants
from ..engine.compiler.program import Program
from .references import Reference, article_of, parse


@attrs.frozen
class Section:
    """A `§` section: its heading, period and quoted lines, and the file it sits in."""

    article: nodes.Article
    path: str

    @property
    def location(self) -> str:
        span = self.article.span
        return f"{span.path}:{span.line}" if span else self.path

    @property
    def period(self) -> nodes.Period | None:
        return self.article.period


@attrs.frozen
class Citing:
    """A `selon "…"` citation and the period in force of what it is attached to."""

    text: str
    span: Span | None
    period: nodes.Period | None

    @property
    def location(self) -> str:
        return f"{self.span.path}:{self.span.line}" if self.span else "?"


@attrs.define
class Uses:
    reference: Reference
    sections: list[Section] = attrs.Factory(list)
    citations: list[Citing] = attrs.Factory(list)

    def reaching(self, day: datetime.date) -> list[Section | Citing]:
        """The uses still in force on `day` or later according to the rule base; a section
        that marks the article's abrogation ends it, it does not apply it."""
        return [use for use in self.all if _reaches(use.period, day) and not _abrogation(use)]

    @property
    def all(self) -> list[Section | Citing]:
        return [*self.sections, *self.citations]

    @property
    def first_location(self) -> str:
        uses = self.sections or self.citations
        return uses[0].location


@attrs.frozen
class Inventory:
    """Every code article the rule base uses, and the sections that name no code article."""

    articles: dict[Reference, Uses]
    other_sections: list[Section]


def collect(program: Program) -> Inventory:
    articles: dict[Reference, Uses] = {}
    others: list[Section] = []
    for module in program.modules:
        section: nodes.Article | None = None
        for item in module.items:
            if isinstance(item, nodes.Article):
                section = item
                reference = article_of(item.reference)
                if reference is None:
                    others.append(Section(item, module.path))
                else:
                    _uses(articles, reference).sections.append(Section(item, module.path))
                continue
            for citation, period in _citations(item, section):
                for reference in parse(citation.text):
                    _uses(articles, reference).citations.append(
                        Citing(citation.text, citation.span, period)
                    )
    return Inventory(articles, others)


def _uses(articles: dict[Reference, Uses], reference: Reference) -> Uses:
    return articles.setdefault(reference, Uses(reference))


def _citations(
    item: nodes.Item, section: nodes.Article | None
) -> list[tuple[nodes.Citation, nodes.Period | None]]:
    """Each citation of a declaration with the period it speaks for: a parameter value's own
    period, else the declaration's, else its section's; a fact is timeless."""
    inherited = section.period if section else None
    if isinstance(item, nodes.Parameter):
        return [
            (node, value.period)
            for value in item.values
            for node in descendants(value)
            if isinstance(node, nodes.Citation)
        ]
    period = None
    if isinstance(item, nodes.Rule | nodes.Derogation):
        period = item.period or inherited
    return [(node, period) for node in descendants(item) if isinstance(node, nodes.Citation)]


def _abrogation(use: Section | Citing) -> bool:
    return isinstance(use, Section) and use.article.event is nodes.ArticleEvent.ABROGATION


def _reaches(period: nodes.Period | None, day: datetime.date) -> bool:
    return period is None or period.end is None or period.end >= day
