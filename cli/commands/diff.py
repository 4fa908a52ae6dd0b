"""`alinea diff OLD NEW [CHEMINS]`, `alinea diff REV`, `alinea diff --dates D1 D2 [CHEMINS]`.

OLD and NEW are files, folders or git revisions; revisions come first, then the paths to read
in them (`alinea diff main feature -- regles/`). One revision is compared with the working
tree. Exit 0 when nothing changes, 1 when something does or a side has rule errors (each
side's diagnostics under its name), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import attrs

from ...dsl.errors import Diagnostic, RuleError, UsageError
from ...engine import golden
from ...engine.diff import revision
from ...engine.diff.compare import compare_dates, compare_programs
from ...engine.loader import bundled, load_program, program_from_texts
from ...engine.program import Program
from ...engine.rulebase import parse_date
from ...engine.values import french_date
from ...visualize import diff as render
from .. import common
from ..output import print_diagnostics, print_json


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help="comparer deux versions des règles, ou le droit à deux dates",
        description="Changements de structure (règle par règle, avec les citations), "
        "situations témoins où les conclusions diffèrent (vérifiées par l'évaluateur), et cas "
        "de référence qui changent. Code de sortie 0 sans changement, 1 sinon.",
    )
    parser.add_argument(
        "sides",
        nargs="*",
        metavar="ANCIEN NOUVEAU",
        help="fichiers, dossiers ou révisions git, puis les chemins à lire dans les révisions",
    )
    parser.add_argument(
        "--dates", nargs=2, metavar=("D1", "D2"), help="comparer le droit en vigueur à deux dates"
    )
    common.add_date(parser)
    parser.add_argument(
        "--golden",
        metavar="DOSSIER",
        help="cas de référence à rejouer (par défaut : golden/ s'il existe)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="sortie JSON")
    output.add_argument("--markdown", action="store_true", help="sortie markdown (revue de code)")
    parser.set_defaults(run=run)


@attrs.frozen
class Source:
    """One side as the user named it: a revision (or the working tree) and paths."""

    revision: str | None
    paths: tuple[Path, ...]

    @property
    def label(self) -> str:
        where = " ".join(str(p) for p in self.paths)
        return f"{self.revision}:{where}" if self.revision else where


def run(arguments: argparse.Namespace) -> int:
    revisions, paths = _classify(arguments.sides)
    cases = _cases(arguments.golden)
    if arguments.dates:
        if len(revisions) > 1:
            raise _usage("avec --dates, donnez au plus une révision")
        source = Source(revisions[0] if revisions else None, tuple(paths) or _default_paths())
        days = parse_date(arguments.dates[0]), parse_date(arguments.dates[1])
        programs = _load([("la base de règles", source)])
        if programs is None:
            return 1
        labels = french_date(days[0]), french_date(days[1])
        report = compare_dates(programs[0], *days, cases, labels)
    else:
        old, new = _sides(revisions, paths)
        programs = _load([("l'ancienne version", old), ("la nouvelle version", new)])
        if programs is None:
            return 1
        labels = old.label, new.label if new.revision else f"{new.label} (copie de travail)"
        day = common.evaluation_date(arguments)
        report = compare_programs(programs[0], programs[1], day, cases, labels)
    if arguments.json:
        print_json(report.to_json())
    elif arguments.markdown:
        sys.stdout.write(render.markdown(report))
    else:
        sys.stdout.write(render.text(report))
    return 1 if report.changed else 0


def _classify(items: list[str]) -> tuple[list[str], list[Path]]:
    """Revisions first, then paths; a name that exists on disk is a path."""
    root = revision.toplevel(Path.cwd())
    revisions: list[str] = []
    paths: list[Path] = []
    for item in items:
        if Path(item).exists():
            paths.append(Path(item))
        elif not paths and root is not None and revision.is_revision(root, item):
            revisions.append(item)
        elif revisions:
            paths.append(Path(item))
        else:
            raise _usage(f"« {item} » n'est ni un fichier, ni un dossier, ni une révision git")
    return revisions, paths


def _sides(revisions: list[str], paths: list[Path]) -> tuple[Source, Source]:
    if len(revisions) == 2:
        shared = tuple(paths) or _default_paths()
        return Source(revisions[0], shared), Source(revisions[1], shared)
    if len(revisions) == 1:
        shared = tuple(paths) or _default_paths()
        return Source(revisions[0], shared), Source(None, shared)
    if len(revisions) == 0 and len(paths) == 2:
        return Source(None, (paths[0],)), Source(None, (paths[1],))
    raise _usage("donnez deux fichiers ou dossiers, une ou deux révisions git, ou --dates D1 D2")


def _default_paths() -> tuple[Path, ...]:
    local = Path("regles")
    return (local,) if local.is_dir() else (bundled(),)


def _load(sources: list[tuple[str, Source]]) -> list[Program] | None:
    """Each side's program; every side's rule errors are shown under its name."""
    programs: list[Program] = []
    failed = False
    for what, source in sources:
        try:
            programs.append(_program(source))
        except RuleError as error:
            failed = True
            print(f"alinea diff : {what} ({source.label}) a des erreurs :", file=sys.stderr)
            print_diagnostics(error.diagnostics)
    return None if failed else programs


def _program(source: Source) -> Program:
    if source.revision is None:
        return load_program(list(source.paths))
    root = revision.toplevel(Path.cwd())
    if root is None:
        raise _usage("pas de dépôt git ici")
    return program_from_texts(revision.read(root, source.revision, source.paths))


def _cases(folder: str | None) -> list[golden.Case]:
    path = Path(folder) if folder else Path("golden")
    if folder is None and not path.is_dir():
        return []
    return golden.load_all([path])


def _usage(message: str) -> UsageError:
    return UsageError([Diagnostic("U011", message, None, "voir « alinea diff --help »")])
