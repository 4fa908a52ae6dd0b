"""Pass: creation and abrogation sections say one thing each, where the article's life
starts or ends.

A creation section (`(création : loi …)`) is the article's first version: the evaluator
reads "before it, the article did not exist" from it, so it must come first and give its
start. An abrogation section (`(abrogé par …)`) is the day the article stops existing: it
has no text and no declaration (nothing is in force under an abrogated article), it is open
(`depuis D`), and nothing of the article comes after it. The versions pass already makes it
start the day after the last version, like any other section.

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> trial('''
    ... § art. 1 | depuis 2020-01-01
    ... règle exemple.a : booléen
    ...   = vrai
    ...
    ... § art. 1 | depuis 2021-01-01 (création : loi n° 1)
    ... règle exemple.a : booléen
    ...   = faux
    ... ''', check)[1]
    ["E408 5:1 l'article « art. 1 » est créé le 01/01/2021 mais une de ses sections commence avant"]
"""

from __future__ import annotations

import datetime

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Note
from ...domain.values import short_date
from ..program import Program

CREATION, ABROGATION = nodes.ArticleEvent.CREATION, nodes.ArticleEvent.ABROGATION


def check(program: Program) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in program.modules:
        found += _contents(module)
    for reference, sections in program.articles.items():
        found += _order(reference, [article for article, _ in sections])
    return found


def _contents(module: nodes.Module) -> list[Diagnostic]:
    """Quotes and declarations under an abrogation section, and its period."""
    found = []
    section: nodes.Article | None = None
    for item in module.items:
        if isinstance(item, nodes.Article):
            section = item if item.event is ABROGATION else None
            if section is not None:
                found += _abrogation_shape(section)
        elif section is not None:
            found.append(
                Diagnostic(
                    "E404",
                    f"déclaration sous la section d'abrogation de « {section.reference} »",
                    item.span,
                    "un article abrogé n'a plus de règle en vigueur : écrivez cette déclaration "
                    "sous une section de l'article encore en vigueur, avant l'abrogation",
                    (Note("section d'abrogation", section.span),),
                )
            )
    return found


def _abrogation_shape(section: nodes.Article) -> list[Diagnostic]:
    found = []
    if section.lines:
        found.append(
            Diagnostic(
                "E405",
                f"texte cité sous la section d'abrogation de « {section.reference} »",
                section.span,
                "un article abrogé n'a plus de texte : citez-le (lignes « > ») sous la section "
                "de sa dernière version",
            )
        )
    period = section.period
    if period is None or period.start is None or period.end is not None:
        start = period.start.isoformat() if period and period.start else "AAAA-MM-JJ"
        example = f"§ {section.reference} | depuis {start} ({section.amendment})"
        found.append(
            Diagnostic(
                "E406",
                f"la section d'abrogation de « {section.reference} » doit s'écrire « depuis "
                "AAAA-MM-JJ »",
                section.span,
                f"l'article n'existe plus à partir du jour de l'abrogation : {example}",
            )
        )
    return found


def _start(article: nodes.Article) -> datetime.date:
    period = article.period
    return period.start if period and period.start else datetime.date.min


def _order(reference: str, sections: list[nodes.Article]) -> list[Diagnostic]:
    """An abrogation ends the article's sections, a creation starts them."""
    found = []
    for section in sections:
        others = [s for s in sections if s is not section]
        if section.event is ABROGATION and section.period and section.period.start:
            later = [s for s in others if _start(s) >= section.period.start]
            if later:
                found.append(_after_abrogation(reference, section, later[0]))
        if section.event is not CREATION:
            continue
        if section.period is None or section.period.start is None:
            found.append(
                Diagnostic(
                    "E409",
                    f"la section de création de « {reference} » ne dit pas quand l'article "
                    "a été créé",
                    section.span,
                    "donnez la date d'entrée en vigueur de la première version : « depuis "
                    "AAAA-MM-JJ » ou « du AAAA-MM-JJ au AAAA-MM-JJ »",
                )
            )
            continue
        earlier = [s for s in others if _start(s) < section.period.start]
        if earlier:
            found.append(
                Diagnostic(
                    "E408",
                    f"l'article « {reference} » est créé le {short_date(section.period.start)} "
                    "mais une de ses sections commence avant",
                    section.span,
                    "la section de création est la première version de l'article : retirez "
                    "« création » de cet en-tête, ou la section antérieure si l'article "
                    "n'existait pas encore",
                    (Note("section antérieure à la création", earlier[0].span),),
                )
            )
    return found


def _after_abrogation(reference: str, section: nodes.Article, later: nodes.Article) -> Diagnostic:
    assert section.period is not None and section.period.start is not None
    return Diagnostic(
        "E407",
        f"l'article « {reference} » est abrogé le {short_date(section.period.start)} mais une "
        "de ses sections commence ce jour-là ou après",
        section.span,
        "la section d'abrogation est la dernière de l'article : placez-la après sa dernière "
        "version",
        (Note("section postérieure à l'abrogation", later.span),),
    )
