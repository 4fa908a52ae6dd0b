"""`alinea check [CHEMINS] [--date D]`: parse, resolve, type-check; every error of every file
at once, then a warning (W701) for each rule or parameter the rule base stops covering within
six months of the date (today by default: the clock is read here, never in the engine)."""

from __future__ import annotations

import argparse
from typing import Any

from ...dsl import codes
from ...dsl.errors import Diagnostic, RuleError, Span, UsageError
from ...engine.compiler import timeline
from ...engine.compiler.bases import Origin, Selection
from ...engine.compiler.loader import load_files
from ...engine.compiler.program import Program
from ...engine.domain.values import short_date
from .. import common
from ..output import print_diagnostics


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Analyse, résout les noms, vérifie types, unités, versions, sources et "
        "cycles. Code de sortie 1 s'il y a la moindre erreur ; les avertissements sont "
        "signalés sans changer le code de sortie, dont un (W701) pour chaque règle ou "
        f"paramètre que la base ne couvre plus dans les {timeline.HORIZON_MONTHS} mois qui "
        "suivent la date. Un fichier nommé seul est vérifié dans la base regles/ qui le "
        "contient, et seules ses erreurs sont signalées. --explique CODE explique un code "
        "d'erreur ou d'avertissement (E201, W701…)."
    )
    common.add_paths(parser)
    parser.add_argument(
        "--date",
        metavar="AAAA-MM-JJ",
        help="date de la vérification de la couverture (par défaut : aujourd'hui)",
    )
    parser.add_argument(
        "--explique",
        metavar="CODE",
        help="expliquer un code d'erreur ou d'avertissement, sans rien vérifier",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.explique is not None:
        return _explain(arguments.explique)
    chosen = common.selection(arguments.paths)
    try:
        program = load_files(chosen.files)
    except RuleError as error:
        raise RuleError(chosen.reported(error.diagnostics)) from None
    day = common.evaluation_date(arguments)
    coverage = timeline.warnings(program, day)
    warnings = chosen.reported(sorted([*program.warnings, *coverage], key=_position))
    if warnings:
        print_diagnostics(warnings)
    shown = any(w in coverage for w in warnings)
    checked = f" (couverture vérifiée au {short_date(day)})" if shown else ""
    print(f"✓ {_counts(program, chosen)} — aucune erreur" + _warnings(len(warnings)) + checked)
    return 0


def _explain(code: str) -> int:
    text = codes.explain(code)
    if text is None:
        hint = "les codes sont décrits dans docs/erreurs.md"
        raise UsageError([Diagnostic("U012", f"code inconnu « {code} »", None, hint)])
    print(text, end="")
    return 0


def _position(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    span = diagnostic.span
    if span is None:
        return ("", 0, 0, diagnostic.code)
    return (span.path, span.line, span.column, diagnostic.code)


def _counts(program: Program, chosen: Selection) -> str:
    """What the files asked about declare (the whole base when none was named)."""
    names = chosen.asked_names if chosen.origin is Origin.ENCLOSING else None
    modules = [m.path for m in program.modules if names is None or m.path in names]

    def declared(symbols: dict[str, Any]) -> int:
        return sum(names is None or _path(s.span) in names for s in symbols.values())

    public = {n: r for n, r in program.rules.items() if r.public}
    counts = [
        _count(declared(program.facts), "donnée"),
        _count(declared(program.parameters), "paramètre"),
        _count(declared(program.rules), "règle"),
    ]
    return (
        f"{_count(len(modules), 'fichier')} : {', '.join(counts)} "
        f"dont {_count(declared(public), 'conclusion')}"
    )


def _path(span: Span | None) -> str | None:
    return span.path if span else None


def _warnings(count: int) -> str:
    return f", {_count(count, 'avertissement')}" if count else ""


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"
