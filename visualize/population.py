"""`alinea diff --population` reports as text (a terminal) and as markdown (a pull-request
comment): per conclusion, the transitions and how many rows take each, the amounts gained
and lost, example rows and the `alinea explain` commands that rebuild them on each side."""

from __future__ import annotations

from decimal import Decimal

from ..diff.population import Amounts, ConclusionChange, PopulationReport, Transition
from ..dsl.limits import grouped
from ..engine.domain.french import show
from ..engine.domain.types import MONTANT


def text(report: PopulationReport) -> str:
    lines = [f"alinea diff --population {report.population} : {_title(report)}", ""]
    lines.append(_headline(report))
    for change in report.changes:
        lines += ["", f"{change.name} : {_rows(change.changed)} changent"]
        for transition in change.transitions:
            lines += _transition_text(report, change, transition)
        if change.more:
            lines.append(f"  et {_rows(change.more)} dans d'autres transitions")
        if change.amounts is not None:
            lines += [f"  {line}" for line in _amounts(change.amounts)]
    lines += _sides_only(report)
    if report.unchanged:
        lines += ["", f"inchangées ({len(report.unchanged)}) : {', '.join(report.unchanged)}"]
    return "\n".join(lines).rstrip() + "\n"


def _title(report: PopulationReport) -> str:
    return f"{report.old.label} → {report.new.label}"


def _headline(report: PopulationReport) -> str:
    total = len(report.changes) + len(report.unchanged)
    changed = len(report.changes)
    verb = "change" if changed <= 1 else "changent"
    plural = "s" if changed > 1 else ""
    return f"{_rows(report.rows)} ; {changed} conclusion{plural} sur {total} {verb}"


def _transition_text(
    report: PopulationReport, change: ConclusionChange, transition: Transition
) -> list[str]:
    lines = [f"  {transition.old.shown} → {transition.new.shown} : {_rows(transition.rows)}"]
    lines.append(f"      exemples : {_examples(transition)}")
    first = transition.examples[0].line
    lines += [f"      {command}" for command in report.commands(change.name, first)]
    return lines


def _examples(transition: Transition) -> str:
    words = []
    for example in transition.examples:
        word = f"ligne {example.line}"
        if example.id is not None and example.id != example.line:
            word += f" (id {example.id})"
        words.append(word)
    return ", ".join(words)


def _amounts(amounts: Amounts) -> list[str]:
    return [
        "gains : " + _movement(amounts.gained_rows, amounts.gained_sum, amounts.gained_median),
        "pertes : " + _movement(amounts.lost_rows, amounts.lost_sum, amounts.lost_median),
    ]


def _movement(rows: int, total: Decimal, median: Decimal | None) -> str:
    if not rows:
        return "aucune ligne"
    middle = f", médiane {_euros(median)}" if median is not None else ""
    return f"{_rows(rows)}, {_euros(total)} en tout{middle}"


def _euros(value: Decimal) -> str:
    return show(value, MONTANT)


def _sides_only(report: PopulationReport) -> list[str]:
    lines = []
    if report.only_old:
        lines += ["", f"seulement avant : {', '.join(report.only_old)}"]
    if report.only_new:
        lines += ["", f"seulement après : {', '.join(report.only_new)}"]
    return lines


def _rows(number: int) -> str:
    return f"{grouped(number)} ligne{'s' if number > 1 else ''}"


# ---------------------------------------------------------------- markdown


def markdown(report: PopulationReport) -> str:
    lines = [f"## alinea diff --population `{report.population}` : {_title(report)}", ""]
    lines += [_headline(report), ""]
    for change in report.changes:
        lines += [f"### `{change.name}` : {_rows(change.changed)} changent", ""]
        lines += ["| avant | après | lignes | exemples |", "|---|---|---:|---|"]
        for transition in change.transitions:
            cells = [transition.old.shown, transition.new.shown]
            lines.append(
                f"| {_cell(cells[0])} | {_cell(cells[1])} | {grouped(transition.rows)} | "
                f"{_cell(_examples(transition))} |"
            )
        if change.more:
            lines.append(f"| … | … | {grouped(change.more)} | autres transitions |")
        lines.append("")
        if change.amounts is not None:
            lines += [f"- {line}" for line in _amounts(change.amounts)] + [""]
        commands = [
            command
            for transition in change.transitions
            for command in report.commands(change.name, transition.examples[0].line)
        ]
        if commands:
            lines += ["<details><summary>expliquer les exemples</summary>", "", "```sh"]
            lines += [*commands, "```", "</details>", ""]
    for line in _sides_only(report):
        lines.append(line)
    if report.unchanged:
        names = ", ".join(f"`{name}`" for name in report.unchanged)
        lines += [f"Inchangées ({len(report.unchanged)}) : {names}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
