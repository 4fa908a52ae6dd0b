"""The text of a veille report, in French, one heading per kind of finding with its count."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from ..dsl import nodes
from ..engine.compiler.loader import display
from ..engine.domain.values import french_date, short_date
from .items import AlteredQuote, Ended, Missing, MissingReason, NewVersion, Unchecked, Unverifiable
from .legi import State, Version
from .report import Findings
from .text import join

T = TypeVar("T")
WIDTH = 100
INDENT = "  "


def render(report: Findings) -> str:
    lines = [*_title(report), ""]
    lines += _block("Citations différentes du texte officiel", "aucune", report.quotes, _quote)
    lines += _block("Nouvelles versions non encodées", "aucune", report.versions, _new_version)
    lines += _block("Articles abrogés encore appliqués", "aucun", report.ended, _ended)
    lines += _block("Articles introuvables", "aucun", report.missing, _missing)
    lines += _block(
        f"Règles et paramètres non couverts d'ici au {french_date(report.horizon)}",
        "aucun",
        report.gaps,
        lambda g: [
            f"{g.name} ({g.kind}) — couvert jusqu'au {short_date(g.covered_until)} — {g.location}"
        ],
    )
    lines += _unverifiable(report.unverifiable)
    count = report.attention
    lines.append(
        f"{count} point{'s' if count > 1 else ''} à examiner."
        if count
        else "Rien à examiner : citations, versions et couverture à jour."
    )
    return "\n".join(lines) + "\n"


def _title(report: Findings) -> list[str]:
    extract = report.extract
    codes = ", ".join(
        f"{c.title} au {short_date(c.consolidated)}" if c.consolidated else c.title
        for c in extract.codes
    )
    source = (
        f"Jeu LEGI : {extract.package} {extract.version} ({display(Path(extract.path))}) — {codes}"
    )
    return [
        f"Veille au {french_date(report.day)}",
        *textwrap.wrap(source, WIDTH, subsequent_indent=INDENT),
    ]


def _block(
    heading: str, none: str, items: Sequence[T], describe: Callable[[T], list[str]]
) -> list[str]:
    if not items:
        return [f"{heading} : {none}", ""]
    lines = [f"{heading} : {len(items)}"]
    for item in items:
        first, *rest = describe(item)
        lines.append(INDENT + first)
        lines += [INDENT * 2 + line for line in rest]
    return [*lines, ""]


def _quote(quote: AlteredQuote) -> list[str]:
    head = f"{quote.section.location} — {quote.reference.label}"
    if quote.version is None:
        return [f"{head} : LEGI n'a aucune version de l'article au début de la section"]
    lines = [f"{head}, {_version(quote.version)}"]
    for mismatch in quote.mismatches:
        if mismatch.out_of_order:
            lines.append(
                f"passage trouvé, mais avant le précédent : « {_short(join(mismatch.run))} »"
            )
        lines += [d.word_diff() for d in mismatch.differences]
    return lines


def _new_version(item: NewVersion) -> list[str]:
    version = item.version
    return [
        f"{item.reference.label} — version {version.number} en vigueur le "
        f"{short_date(version.start)} ({version.id}, {version.state.value})",
        f"dernière section encodée : {item.last.location} ({_period(item.last.period)})",
    ]


_ENDINGS = {
    State.ABROGE: "abrogé",
    State.ABROGE_DIFF: "abrogé",
    State.TRANSFERE: "transféré",
    State.PERIME: "périmé",
    State.ANNULE: "annulé",
}


def _ended(item: Ended) -> list[str]:
    version = item.version
    how = _ENDINGS.get(version.state, version.state.value)
    return [
        f"{item.reference.label} — {how} à compter du {short_date(item.date)} "
        f"({version.id}, {version.state.value}) ; encore appliqué : {item.location}"
    ]


def _missing(item: Missing) -> list[str]:
    why = (
        "absent du jeu LEGI, qui ne garde que les articles en vigueur (abrogé, transféré ou "
        "mal cité ?)"
        if item.reason is MissingReason.ABSENT
        else "absent de l'extrait LEGI : refaites-le (make legi) ou donnez-en un autre (--legi)"
    )
    return [f"{item.reference.label} — {why} ; {item.location}"]


_REASONS = {
    Unchecked.TEXT_NOT_IN_LEGI: "le jeu LEGI ne garde le texte que d'une version par article, "
    "celle qu'il tient pour courante",
    Unchecked.ENDED_AS_ENCODED: "absent du jeu LEGI, qui ne garde que les articles en vigueur ; "
    "la base de règles ne l'applique plus",
    Unchecked.NOT_A_CODE_ARTICLE: "pas un article de code (arrêté, décret non codifié, décision, "
    "autre source)",
}


def _unverifiable(items: list[Unverifiable]) -> list[str]:
    heading = "Non vérifiable (sans effet sur le code de sortie)"
    if not items:
        return [f"{heading} : rien", ""]
    lines = [f"{heading} : {len(items)}"]
    codes = sorted({u.code for u in items if u.reason is Unchecked.CODE_NOT_IN_LEGI and u.code})
    for code in codes:
        articles = sorted(
            (u.reference for u in items if u.code == code and u.reference),
            key=lambda r: _natural(r.key),
        )
        numbers = ", ".join(dict.fromkeys(r.number for r in articles))
        text = f"non vérifiable : le jeu LEGI ne contient pas {code} : {numbers}"
        lines += textwrap.wrap(text, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT * 2)
    for reason, text in _REASONS.items():
        chosen = [u for u in items if u.reason is reason]
        if chosen:
            lines.append(f"{INDENT}non vérifiable : {text} :")
            lines += [INDENT * 2 + _unchecked(u) for u in chosen]
    return [*lines, ""]


def _natural(key: str) -> tuple[tuple[int, str], ...]:
    """L.3211-2 before L.3211-12-1: numbers compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.findall(r"\d+|\D+", key))


def _unchecked(item: Unverifiable) -> str:
    detail = f" ({item.detail})" if item.detail else ""
    return f"{item.location} — {item.subject}{detail}"


def _version(version: Version) -> str:
    end = f" au {short_date(version.end)}" if version.end else ""
    return f"version {version.number} du {short_date(version.start)}{end} ({version.id})"


def _period(period: nodes.Period | None) -> str:
    if period is None:
        return "sans période"
    start = period.start
    end = period.end
    if start and end:
        return f"du {short_date(start)} au {short_date(end)}"
    if start:
        return f"depuis le {short_date(start)}"
    return f"jusqu'au {short_date(end)}" if end else "sans période"


def _short(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
