"""`alinea check [CHEMINS]`: parse, resolve, type-check; every error of every file at once."""

from __future__ import annotations

import argparse
from typing import Any

from .. import common
from ..output import print_diagnostics


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="vérifier une base de règles",
        description="Analyse, résout les noms, vérifie types, unités, versions, sources et "
        "cycles. Code de sortie 1 s'il y a la moindre erreur ; les avertissements sont "
        "signalés sans changer le code de sortie.",
    )
    common.add_paths(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    base = common.rules(arguments)
    program = base.program
    if program.warnings:
        print_diagnostics(program.warnings)
    counts = [
        _count(len(program.facts), "donnée"),
        _count(len(program.parameters), "paramètre"),
        _count(len(program.rules), "règle"),
    ]
    print(
        f"✓ {_count(len(program.modules), 'fichier')} : {', '.join(counts)} "
        f"dont {_count(len(base.conclusions), 'conclusion')} — aucune erreur"
        + (f", {_count(len(program.warnings), 'avertissement')}" if program.warnings else "")
    )
    return 0


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"
