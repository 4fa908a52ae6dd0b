"""Arguments and loading shared by several commands."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from ..dsl.errors import AlineaError, Diagnostic
from ..engine import RuleBase, load
from ..engine import situation as situations
from ..engine.rulebase import parse_date


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="CHEMINS",
        help="fichiers .alinea ou dossiers (par défaut : la base de règles fournie)",
    )


def add_date(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        metavar="AAAA-MM-JJ",
        help="date du droit applicable (par défaut : aujourd'hui ; toujours affichée)",
    )


def add_situation(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "-s",
        "--situation",
        metavar="FICHIER",
        required=required,
        help="situation JSON ou YAML (« - » pour l'entrée standard)",
    )


def evaluation_date(arguments: argparse.Namespace) -> datetime.date:
    """The --date given, or today: the clock is read here, never inside the engine."""
    return parse_date(arguments.date) if arguments.date else datetime.date.today()


def rules(arguments: argparse.Namespace) -> RuleBase:
    return load(getattr(arguments, "paths", None) or None)


def facts(base: RuleBase, path: str) -> dict[str, object]:
    """The checked facts of a situation file, or of standard input for « - »."""
    if path == "-":
        text = sys.stdin.read()
        return base.facts_from(situations.parse_text(text, "<stdin>"), "<stdin>", text)
    raw, text = situations.read(path)
    return base.facts_from(raw, path, text)


def write_text(path: str, text: str) -> None:
    write_bytes(path, text.encode())


def write_bytes(path: str, data: bytes) -> None:
    """Write an output file; a clear error (not a traceback) when it cannot be written."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise AlineaError(
            [Diagnostic("E010", f"écriture impossible de {path} : {error.strerror}")]
        ) from None
