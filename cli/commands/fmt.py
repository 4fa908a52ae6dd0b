"""`alinea fmt [--check] [CHEMINS]`: rewrite rule files in the canonical layout.

Like `ruff format`: files are rewritten in place; `--check` only lists the files that would
change, with a short diff. Before writing, the result is parsed again and compared with the
original (same tree, same comments): a file is never written if anything would be lost.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ...dsl import parse
from ...dsl.errors import AlineaError, Diagnostic, RuleError, UsageError
from ...dsl.formatter import format_text, same_content
from ...dsl.parser import read_file, read_stream
from ...engine import files
from ...engine.compiler.bases import Origin, select
from ...engine.compiler.loader import display, rule_files
from ..output import print_diagnostics

DIFF_LINES = 40


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Réécrit les fichiers .alinea dans la mise en forme canonique, sans perdre "
        "un commentaire ni une citation. Avec --check, liste seulement les fichiers à "
        "reformater (code de sortie 1 s'il y en a)."
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="CHEMINS",
        help="fichiers .alinea ou dossiers (par défaut : ./regles ; jamais la base fournie ; "
        "« - » lit l'entrée standard et écrit le résultat sur la sortie standard)",
    )
    parser.add_argument(
        "--check", action="store_true", help="ne rien écrire : lister les fichiers à reformater"
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.paths == ["-"]:
        return _standard_input(check=arguments.check)
    changed: list[str] = []
    unchanged = 0
    problems: list[Diagnostic] = []
    for path in _files(arguments.paths):
        name = display(path)
        try:
            text = read_file(path, name)
            formatted = _format(text, name)
        except RuleError as error:
            problems.extend(error.diagnostics)
            continue
        except _Lossy as lossy:
            problems.append(lossy.diagnostic)
            continue
        if formatted == text:
            unchanged += 1
            continue
        if arguments.check:
            print(f"à reformater : {name}")
            print(_diff(text, formatted, name))
        else:
            try:
                _write(path, formatted)
            except AlineaError as error:
                problems.extend(error.diagnostics)
                continue
            print(f"reformaté : {name}")
        changed.append(name)
    if problems:
        print_diagnostics(problems)
    print(_summary(len(changed), unchanged, arguments.check))
    return 1 if problems or (changed and arguments.check) else 0


def _files(paths: list[str]) -> list[Path]:
    """The files named, or `./regles`: never the bundled base, which belongs to alinea."""
    if paths:
        return rule_files(paths)
    chosen = select(None)
    if chosen.origin is Origin.BUNDLED:
        raise UsageError(
            [
                Diagnostic(
                    "U004",
                    "aucun dossier regles/ ici : quels fichiers mettre en forme ?",
                    None,
                    "indiquez des fichiers .alinea ou des dossiers : alinea fmt regles/",
                )
            ]
        )
    print(chosen.describe(), file=sys.stderr)
    return list(chosen.files)


class _Lossy(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.diagnostic = Diagnostic(
            "E044",
            f"la mise en forme de {name} perdrait du contenu ; fichier intact",
            None,
            "signalez-le avec le fichier : c'est un défaut d'alinea fmt",
        )


def _format(text: str, name: str) -> str:
    """The formatted text, checked to say exactly what the original says."""
    formatted = format_text(text, name)
    if not same_content(parse(text, name), parse(formatted, name)):
        raise _Lossy(name)
    return formatted


def _standard_input(*, check: bool) -> int:
    text = read_stream(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>")
    try:
        formatted = _format(text, "<stdin>")
    except _Lossy as lossy:
        raise RuleError([lossy.diagnostic]) from None
    if check:
        return 0 if formatted == text else 1
    sys.stdout.write(formatted)
    return 0


def _diff(text: str, formatted: str, name: str) -> str:
    lines = list(
        difflib.unified_diff(
            text.splitlines(),
            formatted.splitlines(),
            f"{name} (actuel)",
            f"{name} (mis en forme)",
            n=1,
            lineterm="",
        )
    )
    if len(lines) > DIFF_LINES:
        rest = len(lines) - DIFF_LINES
        lines = [*lines[:DIFF_LINES], f"… ({rest} ligne{'s' if rest > 1 else ''} de plus)"]
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    """Atomically, through a symbolic link to its target, keeping the file's mode and owner."""
    files.write_text(path, text)


def _summary(changed: int, unchanged: int, check: bool) -> str:
    verb = "à reformater" if check else "reformaté" + ("s" if changed > 1 else "")
    return f"{changed} fichier{'s' if changed > 1 else ''} {verb}, {unchanged} déjà en forme"
