"""Pass: the versions of a rule, of a parameter or of an article never overlap nor leave a gap.

Before the first version and after the last, the name is simply not in force; between two
versions a day without law would be an encoding mistake, and two versions on one day an
ambiguity, so both are errors.

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> for line in trial('''
    ... § CSS R.162-64 | du 2022-02-19 au 2023-12-24
    ... règle exemple.eligible : booléen
    ...   = vrai
    ...
    ... § CSS R.162-64 | depuis 2024-01-01
    ... règle exemple.eligible : booléen
    ...   = faux
    ... ''', check)[1]:
    ...     print(line)
    E402 6:1 la règle « exemple.eligible » n'a aucune version en vigueur du 25/12/2023 au 31/12/2023
    E402 5:1 l'article « CSS R.162-64 » n'a aucune version en vigueur du 25/12/2023 au 31/12/2023
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Note, Span
from ...domain.values import short_date
from ..program import Program

DAY = datetime.timedelta(days=1)
Dated = tuple[nodes.Period | None, Span | None]


def check(program: Program) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in program.rules.values():
        found += _check(
            f"la règle « {rule.name} »", [(v.period, v.rule.span) for v in rule.versions]
        )
    for parameter in program.parameters.values():
        values: list[Dated] = [(e.value.period, e.value.span) for e in parameter.entries]
        found += _check(f"le paramètre « {parameter.name} »", values)
    for reference, sections in program.articles.items():
        articles: list[Dated] = [(article.period, article.span) for article, _ in sections]
        found += _check(f"l'article « {reference} »", articles)
    return found


def _start(item: Dated) -> datetime.date:
    period = item[0]
    return period.start if period and period.start else datetime.date.min


def _check(what: str, dated: Sequence[Dated]) -> list[Diagnostic]:
    found = []
    for period, span in dated:
        if period and period.start and period.end and period.end < period.start:
            found.append(
                Diagnostic("E403", f"période vide pour {what} : fin avant début", span, None)
            )
    ordered = sorted(dated, key=_start)
    for (before, before_span), (after, after_span) in itertools.pairwise(ordered):
        end = before.end if before else None
        start = after.start if after else None
        if end is None or start is None or start <= end:
            found.append(
                Diagnostic(
                    "E401",
                    f"{what} a deux versions en vigueur le même jour",
                    after_span,
                    "la version précédente doit finir la veille du début de la suivante"
                    + (f" (le {short_date(start - DAY)})" if start else ""),
                    (Note("version qui chevauche", before_span),),
                )
            )
        elif start - end > DAY:
            found.append(
                Diagnostic(
                    "E402",
                    f"{what} n'a aucune version en vigueur "
                    f"du {short_date(end + DAY)} au {short_date(start - DAY)}",
                    after_span,
                    f"faites commencer cette version le {short_date(end + DAY)}, "
                    "ou finir la précédente la veille de celle-ci",
                    (Note("version précédente", before_span),),
                )
            )
    return found
