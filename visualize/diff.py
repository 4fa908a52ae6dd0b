"""`alinea diff` reports as text (a terminal, explanations in two columns) and as markdown
(a pull-request comment, explanations side by side in an HTML table)."""

from __future__ import annotations

import datetime
import html
import itertools
import json
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

from ..diff.report import Change, Comparison, Finding, Flip, Report, SideText, Witness
from ..engine.domain.values import french_date, short_date

COLUMN = 60
QUOTE_WIDTH = 88
SIGNS = {"ajouté": "+", "supprimé": "−", "modifié": "~"}


# ---------------------------------------------------------------- text


def text(report: Report) -> str:
    lines = [f"alinea diff : {_title(report)}", ""]
    lines += _section(f"Changements de structure ({len(report.changes)})")
    if not report.changes:
        lines.append("aucun")
    for change in report.changes:
        lines += _change_text(change)
        lines.append("")
    lines += ["", *_section(f"Changements de comportement ({report.witnesses} témoins)")]
    if not any(c.findings for c in report.comparisons):
        lines.append("aucune conclusion ne peut changer")
    for comparison in report.comparisons:
        lines += _comparison_text(comparison, report.mode)
    lines += ["", *_section(_golden_title(report))]
    for flip in report.flips:
        lines += _flip_text(flip)
    lines += ["", _summary(report)]
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def _title(report: Report) -> str:
    if report.mode == "dates":
        return f"droit au {report.old_label} → droit au {report.new_label}"
    return f"{report.old_label} → {report.new_label}"


def _section(title: str) -> list[str]:
    return [title, "─" * len(title)]


def _change_text(change: Change) -> list[str]:
    lines = [f"{SIGNS[change.action]} {change.category} {change.name} — {change.action}"]
    lines += [f"    {detail}" for detail in change.details]
    for label, side in (("avant", change.old), ("après", change.new)):
        if side is not None:
            lines += _side_text(label, side)
    if change.affects:
        lines.append(f"    conclusions concernées : {', '.join(change.affects)}")
    return lines


def _side_text(label: str, side: SideText) -> list[str]:
    head = f"    {label} : {side.citation or 'sans source'}"
    if side.in_force:
        head += f", {side.in_force}"
    if side.location:
        head += f"   [{side.location}]"
    lines = [head]
    if side.article and side.amendment:
        lines.append(f"            {side.article} ({side.amendment})")
    if side.quote:
        quote = f"« {' '.join(side.quote)} »"
        lines += textwrap.wrap(
            quote, QUOTE_WIDTH, initial_indent=" " * 12, subsequent_indent=" " * 13
        )
    elif side.article:
        lines.append("            (pas de texte cité pour cette version de l'article)")
    return lines


def _comparison_text(comparison: Comparison, mode: str) -> list[str]:
    lines = [_comparison_title(comparison, mode), ""]
    for finding in comparison.findings:
        lines += _finding_text(finding)
    return lines


def _comparison_title(comparison: Comparison, mode: str) -> str:
    if mode == "dates":
        return (
            f"droit au {french_date(comparison.old_day)} comparé au droit au "
            f"{french_date(comparison.new_day)}"
        )
    period = comparison.period
    span = f" (période {_period(period)})" if period else ""
    return f"au {french_date(comparison.new_day)}{span}"


def _period(period: tuple[datetime.date | None, datetime.date | None] | None) -> str:
    start, end = period or (None, None)
    if start and end:
        return f"du {short_date(start)} au {short_date(end)}"
    if start:
        return f"depuis le {short_date(start)}"
    if end:
        return f"jusqu'au {short_date(end)}"
    return "sans limite de date"


def search_summary(finding: Finding) -> str:
    count = len(finding.witnesses)
    found = f"{count} témoin{'s' if count > 1 else ''}" if count else "aucun témoin"
    methods = " puis ".join(finding.methods) or "aucune méthode"
    scope = "exhaustive" if finding.exhaustive else "non exhaustive"
    summary = f"{found} — recherche {methods}, {scope}"
    if finding.note:
        summary += f" ({finding.note})"
    if finding.unconfirmed:
        summary += f" ; {finding.unconfirmed} situation(s) du solveur non confirmée(s)"
    return summary


def _finding_text(finding: Finding) -> list[str]:
    lines = [f"{finding.name} : {search_summary(finding)}"]
    for number, found in enumerate(finding.witnesses, 1):
        lines += _witness_text(number, found)
    lines.append("")
    return lines


def facts_text(facts: dict[str, Any]) -> str:
    if not facts:
        return "aucune donnée (vrai de toute situation)"
    return ", ".join(f"{k} = {_fact(v)}" for k, v in facts.items())


def _fact(value: Any) -> str:
    if value is True:
        return "vrai"
    if value is False:
        return "faux"
    return str(value)


def _witness_text(number: int, found: Witness) -> list[str]:
    lines = [
        f"  témoin {number} ({found.method}) : {facts_text(found.facts)}",
        f"    avant : {found.old.shown}    après : {found.new.shown}",
    ]
    left = _body(found.old.explanation or found.old.shown)
    right = _body(found.new.explanation or found.new.shown)
    lines.append(f"    {'avant'.ljust(COLUMN)} │ après")
    for a, b in itertools.zip_longest(_wrap(left), _wrap(right), fillvalue=""):
        lines.append(f"    {a.ljust(COLUMN)} │ {b}")
    return lines


def _body(explanation: str) -> list[str]:
    """The explanation's lines, a quoted article joined back into one line to rewrap."""
    lines: list[str] = []
    quoting = False
    for line in explanation.splitlines():
        if quoting:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
        quoting = (quoting or line.strip().startswith("«")) and not line.rstrip().endswith("»")
    return lines


def _wrap(lines: Iterable[str]) -> list[str]:
    wrapped: list[str] = []
    for line in lines:
        indent = len(line) - len(line.lstrip())
        wrapped += textwrap.wrap(
            " ".join(line.split()),
            COLUMN,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + 4),
        ) or [""]
    return wrapped


def _golden_title(report: Report) -> str:
    count = len(report.flips)
    return f"Cas de référence qui changent ({count} sur {report.golden_cases})"


def _flip_text(flip: Flip) -> list[str]:
    head = f"{flip.path}:{flip.line} « {flip.name} »"
    if flip.passes_old is not None:
        head += f" — {_passes(flip.passes_old)} avant, {_passes(flip.passes_new)} après"
    lines = [head]
    for name, old, new in flip.conclusions:
        lines.append(f"    {name} : {old.shown} → {new.shown}")
    return lines


def _passes(passed: bool | None) -> str:
    return "réussi" if passed else "échoue"


def _summary(report: Report) -> str:
    if not report.changed:
        return "aucun changement"
    return (
        f"{len(report.changes)} changement(s) de structure, {report.witnesses} témoin(s), "
        f"{len(report.flips)} cas de référence qui change(nt)"
    )


# ---------------------------------------------------------------- markdown


def markdown(report: Report) -> str:
    lines = [f"## alinea diff : {_title(report)}", ""]
    lines += [f"### Changements de structure ({len(report.changes)})", ""]
    for change in report.changes:
        lines += _change_markdown(change)
    lines += [f"### Changements de comportement ({report.witnesses} témoins)", ""]
    for comparison in report.comparisons:
        lines += [f"#### {_comparison_title(comparison, report.mode)}", ""]
        for finding in comparison.findings:
            lines += _finding_markdown(finding)
    lines += [f"### {_golden_title(report)}", ""]
    for flip in report.flips:
        lines += [f"- `{flip.path}:{flip.line}` « {_escape(flip.name)} »"]
        lines += [
            f"  - `{name}` : {_escape(old.shown)} → {_escape(new.shown)}"
            for name, old, new in flip.conclusions
        ]
    lines += ["", f"**{_summary(report)}**"]
    return "\n".join(lines) + "\n"


def _change_markdown(change: Change) -> list[str]:
    lines = [f"**{SIGNS[change.action]} {change.category} `{change.name}`** — {change.action}", ""]
    lines += [f"- {_escape(detail)}" for detail in change.details]
    if change.affects:
        lines.append(f"- conclusions concernées : {', '.join(f'`{a}`' for a in change.affects)}")
    lines += ["", "| | avant | après |", "|---|---|---|"]
    rows: tuple[tuple[str, Callable[[SideText], str]], ...] = (
        ("source", lambda s: s.citation or ""),
        ("en vigueur", lambda s: s.in_force or ""),
        ("texte", lambda s: f"« {' '.join(s.quote)} »" if s.quote else ""),
        ("fichier", lambda s: f"`{s.location}`" if s.location else ""),
    )
    for title, get in rows:
        cells = [_cell(get(s)) if s is not None else "—" for s in (change.old, change.new)]
        lines.append(f"| {title} | {cells[0]} | {cells[1]} |")
    return [*lines, ""]


def _finding_markdown(finding: Finding) -> list[str]:
    lines = [f"**`{finding.name}`** : {_escape(search_summary(finding))}", ""]
    for number, found in enumerate(finding.witnesses, 1):
        facts = json.dumps(found.facts, ensure_ascii=False)
        lines += [
            f"{number}. ({found.method}) `{facts}` : "
            f"**{_escape(found.old.shown)}** → **{_escape(found.new.shown)}**",
            "",
            "<details><summary>explications</summary>",
            "",
            "<table><tr><th>avant</th><th>après</th></tr><tr>",
            f"<td><pre>{html.escape(found.old.explanation or found.old.shown)}</pre></td>",
            f"<td><pre>{html.escape(found.new.explanation or found.new.shown)}</pre></td>",
            "</tr></table>",
            "</details>",
            "",
        ]
    return lines


def _cell(value: str) -> str:
    return _escape(value).replace("|", "\\|") if value else ""


def _escape(value: str) -> str:
    return value.replace("<", "&lt;").replace(">", "&gt;")
