"""Arguments and loading shared by several commands."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from ..engine import RuleBase, files
from ..engine.compiler.bases import Selection, select
from ..engine.compiler.loader import load_files
from ..engine.inputs import situation as situations
from ..engine.rulebase import parse_date

_INPUTS: set[Path] = set()
"""The files this run of a command read: an output option never overwrites one of them."""


def start() -> None:
    """Forget the inputs of an earlier command run in the same process (tests, embedding)."""
    _INPUTS.clear()


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="CHEMINS",
        help="fichiers .alinea ou dossiers (par défaut : ./regles s'il existe, sinon la base "
        "fournie ; un fichier seul est lu dans la base regles/ qui le contient)",
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


def selection(paths: list[str] | None) -> Selection:
    """The rule files a command reads (`engine.bases.select`: the one discovery rule), said
    on stderr when alinea chose them, so that stdout stays clean for --json."""
    chosen = select(paths or None)
    line = chosen.describe()
    if line:
        print(line, file=sys.stderr)
    return chosen


def rules(arguments: argparse.Namespace) -> RuleBase:
    chosen = selection(getattr(arguments, "paths", None))
    _INPUTS.update(path.resolve() for path in chosen.files)
    return RuleBase(load_files(chosen.files))


def facts(base: RuleBase, path: str) -> dict[str, object]:
    """The checked facts of a situation file, or of standard input for « - »."""
    if path == "-":
        raw, text = situations.read_stream(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>")
        return base.facts_from(raw, "<stdin>", text)
    raw, text = situations.read(path)
    _INPUTS.add(Path(path).resolve())
    return base.facts_from(raw, path, text)


def population_row(base: RuleBase, path: str, line: int) -> dict[str, object]:
    """The facts of row `line` of a population file, read and checked as `alinea batch`
    reads it, so that the row explained is the row the batch evaluated."""
    from ..engine.population import checking, reading, rows  # DuckDB: only for populations

    table = checking.check(reading.read(path, base.program), base.program)
    _INPUTS.add(Path(path).resolve())
    return rows.facts(table, base.program, line, path)


def output(path: str | None, option: str = "-o") -> str | None:
    """An output path checked before any work is done (not empty, not a folder nor a device);
    None when the option was not given."""
    if path is None:
        return None
    files.checked_target(path, option=option)
    return path


def write_text(path: str, text: str, *, over_input: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), over_input=over_input)


def write_bytes(path: str, data: bytes, *, over_input: bool = False) -> None:
    """Write an output file atomically; a clear error naming it when it cannot be written, or
    when it is a file this command read (a rule file, the situation), unless `over_input`."""
    if not over_input and Path(path).resolve() in _INPUTS:
        raise files.write_error(
            path, "c'est un fichier que la commande lit", "choisissez un autre fichier de sortie"
        )
    files.write(path, data)
