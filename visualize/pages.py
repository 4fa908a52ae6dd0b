"""What the documentation says about each symbol: read from the checked program, no HTML.

Every page of the site is filled from these plain records, so the templates only lay out
text that was already chosen here (and tests can check the records without a browser).
"""

from __future__ import annotations

import datetime

import attrs

from ..dsl import nodes, printer
from ..dsl.errors import Span
from ..dsl.walk import descendants
from ..engine.compiler import timeline
from ..engine.compiler.loader import read_source
from ..engine.compiler.program import Program, RuleSymbol, RuleVersion
from ..engine.domain.outcomes import SPECIAL, NotCovered
from ..engine.domain.values import short_date
from ..engine.explain.calculation import computed, inputs, written
from ..engine.explain.explanation import gap_text, show
from ..engine.explain.explanation import sources as explanation_sources
from ..engine.runtime.recurrence import Series
from ..engine.runtime.trace import Trace
from . import labels, links

DAY = datetime.timedelta(days=1)


@attrs.frozen
class Link:
    kind: str
    name: str
    label: str
    url: str
    kind_label: str


@attrs.frozen
class Quote:
    """One version of an article: its heading and its quoted text (possibly none)."""

    reference: str
    heading: str
    lines: tuple[str, ...]


@attrs.frozen
class Excerpt:
    """Rule text cut from its file, with where it was written."""

    location: str
    text: str


@attrs.frozen
class VersionPage:
    """One version of a rule as the site shows it: its own label and description (the words
    of that version of the law), period, article with its quoted text, and rule source."""

    number: int
    label: str
    description: str | None
    period: str
    date: datetime.date
    current: bool
    article: Quote | None
    citations: tuple[tuple[str, Quote | None], ...]
    source: Excerpt | None


@attrs.frozen
class Revaluation:
    """One anniversary of a yearly parameter value: when, what it gave and how."""

    date: datetime.date
    period: str
    value: str
    calculation: str
    sources: tuple[str, ...]


def revaluations(series: Series, day: datetime.date) -> list[Revaluation]:
    """The values a yearly entry gives, anniversary by anniversary, up to `day`."""
    found = []
    for trace in series.up_to(day):
        step = trace.step
        assert step.anniversary is not None and step.version is not None
        formula = computed(trace)
        shown = written(formula) if formula is not None else None
        found.append(
            Revaluation(
                step.anniversary,
                labels.period(step.version.period),
                show(trace.value, step.type),
                shown or "impossible : " + _missing_inputs(formula or trace),
                tuple(explanation_sources(trace)),
            )
        )
    return found


def _missing_inputs(trace: Trace) -> str:
    """The inputs of a calculation that had no value, by name."""
    missing = [i.step.name or i.step.text for i in inputs(trace) if type(i.value) in SPECIAL]
    return (", ".join(missing) or "une valeur manque") + " sans valeur ce jour-là"


def label_of(program: Program, name: str, day: datetime.date | None) -> str:
    """A symbol's label; a rule's is the one of its version in force on `day`."""
    symbol = program.symbol(name)
    if isinstance(symbol, RuleSymbol):
        return symbol.label_at(day) or name
    if symbol is not None:
        return symbol.decl.label or name
    return name


def link(program: Program, name: str, prefix: str, day: datetime.date) -> Link:
    data = program.dependencies.nodes[name]
    kind = data["kind"]
    shown = "conclusion" if data["public"] else kind
    return Link(kind, name, label_of(program, name, day), links.url(kind, name, prefix), shown)


def uses(program: Program, name: str, prefix: str, day: datetime.date) -> list[Link]:
    graph = program.dependencies
    return [link(program, n, prefix, day) for n in sorted(graph.predecessors(name))]


def used_by(program: Program, name: str, prefix: str, day: datetime.date) -> list[Link]:
    graph = program.dependencies
    return [link(program, n, prefix, day) for n in sorted(graph.successors(name))]


def excerpt(span: Span | None) -> Excerpt | None:
    """The lines of a declaration as written in its file."""
    if span is None:
        return None
    text = read_source(span.path)
    if text is None:
        return None
    rows = text.split("\n")[span.line - 1 : span.end_line]
    # A declaration's span runs to where the next item starts: keep its own indented block.
    end = next((i for i, row in enumerate(rows[1:], 1) if row[:1] not in ("", " ")), len(rows))
    rows = rows[:end]
    while rows and not rows[-1].strip():
        rows.pop()
    return Excerpt(f"{span.path}, ligne {span.line}", "\n".join(rows))


def quote(article: nodes.Article | None) -> Quote | None:
    if article is None:
        return None
    return Quote(article.reference, labels.article_heading(article), article.lines)


def version_date(period: nodes.Period | None, day: datetime.date) -> datetime.date:
    """The date a version is shown at: the documentation date when it is in force then,
    otherwise its last (or first) day."""
    if period is None or period.contains(day):
        return day
    if period.end is not None and period.end < day:
        return period.end
    return period.start or day


def versions(program: Program, symbol: RuleSymbol, day: datetime.date) -> list[VersionPage]:
    pages = []
    for number, version in enumerate(symbol.versions, start=1):
        shown = version_date(version.period, day)
        pages.append(
            VersionPage(
                number,
                symbol.label_of(version),
                version.rule.description,
                labels.period(version.period),
                shown,
                version.in_force(day),
                quote(_article(program, version, shown)),
                tuple(citations(program, version.rule, shown)),
                excerpt(version.rule.span),
            )
        )
    return pages


def _article(program: Program, version: RuleVersion, day: datetime.date) -> nodes.Article | None:
    """The article a version speaks for, as its explanations quote it: its own citation's,
    else the section it is written under, each in its version in force on `day`."""
    citation = version.rule.citation
    if citation is not None:
        return program.article(citation.text, day)
    section = version.origin.article
    if section is None:
        return None
    return program.article(section.reference, day) or section


def citations(
    program: Program, root: nodes.Node, day: datetime.date
) -> list[tuple[str, Quote | None]]:
    """Every `selon "…"` under `root`, once, with the article text it points to that day."""
    seen: dict[str, Quote | None] = {}
    for node in descendants(root):
        if isinstance(node, nodes.Citation) and node.text not in seen:
            seen[node.text] = quote(program.article(node.text, day))
    return list(seen.items())


def value_text(expr: nodes.Expr) -> str:
    return printer.expression(expr, pretty=True)


def fact_example(program: Program, name: str) -> str:
    """A line of situation JSON for a fact, with a value of the right type."""
    fact = program.facts[name]
    decl = fact.type
    kind = str(decl)
    if decl.values:
        sample = f'"{decl.values[0]}"'
    elif kind == "booléen":
        sample = "true"
    elif kind in {"entier", "décimal"}:
        sample = "3"
    elif kind == "montant":
        sample = '"1200.00"'
    elif kind == "taux":
        sample = "0.6"
    elif kind == "date":
        sample = '"2026-03-01"'
    elif kind == "durée":
        sample = '"P4M"'
    elif kind.startswith("liste"):
        sample = "[]"
    else:
        sample = '"…"'
    return f'"{name}": {sample}'


@attrs.frozen
class CoverageText:
    """What a rule's or parameter's page says of its coverage by the rule base: the stretch it
    covers, the creation and abrogation of its articles, its gaps, and its state on the day
    of the documentation (`today`, None when covered)."""

    lines: tuple[str, ...]
    today: str | None
    outcome: str = "non_couvert"


def coverage(program: Program, name: str, day: datetime.date) -> CoverageText:
    found = timeline.Timeline(program).coverage(name)
    if found.start is None and found.end is None:
        return CoverageText(("Toujours en vigueur : aucune version n'est datée.",), None)
    lines = [
        f"Couvert par la base de règles {labels.period(nodes.Period(found.start, found.end))}."
    ]
    creation, abrogation = found.creation, found.abrogation
    if creation is not None:
        lines.append(
            f"Article {creation.article} créé le {short_date(creation.day)} "
            f"({creation.text}) : avant, non applicable."
        )
    if found.start is not None and (creation is None or creation.day < found.start):
        since = f"du {short_date(creation.day)} " if creation is not None else ""
        lines.append(
            f"Non couvert {since}avant le {short_date(found.start)} ({found.first_article}) : "
            "la base de règles ne remonte pas plus loin."
        )
    gap = found.gap_after()
    if gap is not None and found.end is not None:
        until = f" et jusqu'au {short_date(abrogation.day - DAY)}" if abrogation else ""
        lines.append(
            f"Non couvert après le {short_date(found.end)}{until} ({gap.article}) : l'article "
            "reste en vigueur, la base de règles n'a pas de version."
        )
    if abrogation is not None:
        lines.append(
            f"Article {abrogation.article} abrogé le {short_date(abrogation.day)} "
            f"({abrogation.text}) : depuis, non applicable."
        )
    absent = found.absence(day)
    if absent is None:
        return CoverageText(tuple(lines), None)
    value = absent.value
    if isinstance(value, NotCovered):
        today = f"Au {short_date(day)}, non couvert — {gap_text(value.first)}."
        return CoverageText(tuple(lines), today)
    today = f"Au {short_date(day)}, non applicable : {absent.reason}."
    return CoverageText(tuple(lines), today, "non_applicable")
