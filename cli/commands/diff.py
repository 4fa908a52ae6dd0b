"""`alinea diff OLD NEW [CHEMINS]`, `alinea diff REV`, `alinea diff --dates D1 D2 [CHEMINS]`.

OLD and NEW are files, folders or git revisions; revisions come first, then the paths to read
in them (`alinea diff main feature -- regles/`). One revision is compared with the working
tree. Two files are compared within the rule base the new one belongs to (`engine.bases`):
the rest of that base is read from the working tree and shared by both sides; `--chemin`
names the file's place in the working tree when the two files are temporary copies (git's
external diff). Exit codes: 0 nothing changes, 1 something does, 2 usage error, 3 a side has
rule errors or a golden file is malformed (each side's diagnostics under its name).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import attrs

from ...diff import revision
from ...diff.population import Side
from ...dsl.errors import AlineaError, Diagnostic, RuleError, UsageError
from ...engine.compiler import bases
from ...engine.compiler.loader import display, program_from_texts, read_texts, rule_files
from ...engine.compiler.program import Program
from ...engine.domain.values import french_date
from ...engine.files import Entry, entry
from ...engine.rulebase import parse_date
from ...engine.testing import golden
from ...visualize import diff as render
from .. import common, population_diff
from ..output import print_diagnostics, print_diff


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Changements de structure (règle par règle, avec les citations), "
        "situations témoins où les conclusions diffèrent (vérifiées par l'évaluateur), et cas "
        "de référence qui changent. Deux fichiers sont comparés dans la base regles/ qui "
        "contient le nouveau (ou CHEMIN). Code de sortie : 0 sans changement, 1 s'il y a des "
        "changements, 2 erreur d'utilisation, 3 erreurs dans les règles ou les cas."
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
    parser.add_argument(
        "--chemin",
        metavar="CHEMIN",
        help="place du fichier comparé dans la copie de travail, quand ANCIEN et NOUVEAU en "
        "sont des copies temporaires (git diff) : le reste de sa base est lu là",
    )
    parser.add_argument(
        "--population",
        metavar="FICHIER",
        help="comparer les résultats de chaque ligne d'une population (Parquet, CSV, JSONL) : "
        "pour chaque conclusion, combien de lignes changent et comment",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NOM", help="avec --population : ces conclusions seulement"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="sortie JSON")
    output.add_argument("--markdown", action="store_true", help="sortie markdown (revue de code)")
    parser.set_defaults(run=run)


ERRORS = 3


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
    try:
        return _run(arguments)
    except UsageError:
        raise
    except AlineaError as error:
        print_diagnostics(error.diagnostics)
        return ERRORS


def _run(arguments: argparse.Namespace) -> int:
    from ...diff.compare import compare_dates, compare_programs  # z3: only when comparing

    revisions, paths = _classify(arguments.sides)
    if arguments.chemin is not None and (arguments.dates or revisions or len(paths) != 2):
        raise _usage("--chemin va avec deux fichiers : alinea diff --chemin CHEMIN ANCIEN NOUVEAU")
    cases = _cases(arguments.golden)
    if arguments.dates:
        if len(revisions) > 1:
            raise _usage("avec --dates, donnez au plus une révision")
        source = Source(revisions[0] if revisions else None, tuple(paths) or _default_paths())
        days = parse_date(arguments.dates[0]), parse_date(arguments.dates[1])
        read = _texts(source) if source.revision else _within_base(paths)
        programs = _load([("la base de règles", source.label, read)])
        if programs is None:
            return ERRORS
        labels = french_date(days[0]), french_date(days[1])
        if arguments.population is not None:
            return population_diff.run(
                arguments,
                [(programs[0], days[0]), (programs[0], days[1])],
                _date_sides(source, days),
            )
        report = compare_dates(programs[0], *days, cases, labels)
    else:
        old, new = _sides(revisions, paths)
        chemin = Path(arguments.chemin) if arguments.chemin else None
        texts = _pair(old, new, chemin)
        names = old.label, new.label
        labels = old.label, new.label if new.revision else f"{new.label} (copie de travail)"
        if chemin is not None:
            names = labels = f"ancien:{display(chemin)}", f"nouveau:{display(chemin)}"
        programs = _load(
            [
                ("l'ancienne version", names[0], texts[0]),
                ("la nouvelle version", names[1], texts[1]),
            ]
        )
        if programs is None:
            return ERRORS
        day = common.evaluation_date(arguments)
        if arguments.population is not None:
            sides = _population_sides(old, new, labels, day, chemin)
            return population_diff.run(arguments, [(programs[0], day), (programs[1], day)], sides)
        report = compare_programs(programs[0], programs[1], day, cases, labels)
    return print_diff(arguments, report, render.text, render.markdown)


def _date_sides(source: Source, days: tuple[datetime.date, datetime.date]) -> tuple[Side, Side]:
    """The two dates, each explainable with `--date` on the same rules (not in a revision)."""
    paths = () if source.revision else tuple(str(p) for p in source.paths)
    sides = []
    for day in days:
        explain = None if source.revision else (*paths, "--date", day.isoformat())
        sides.append(Side(f"droit au {french_date(day)}", explain))
    return sides[0], sides[1]


def _population_sides(
    old: Source,
    new: Source,
    labels: tuple[str, str],
    day: datetime.date,
    chemin: Path | None,
) -> tuple[Side, Side]:
    """Each side, explainable by `alinea explain` when it is files or folders on disk."""
    found = []
    for source, label in zip((old, new), labels, strict=True):
        explain = None
        if source.revision is None and chemin is None:
            explain = (*(str(p) for p in source.paths), "--date", day.isoformat())
        found.append(Side(label, explain))
    return found[0], found[1]


def _classify(items: list[str]) -> tuple[list[str], list[Path]]:
    """Revisions first, then paths; a name that exists on disk is a path."""
    root = revision.toplevel(Path.cwd())
    revisions: list[str] = []
    paths: list[Path] = []
    for item in items:
        if entry(item) is not Entry.NONE:
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
    root = bases.select(None).root
    return (root,) if root is not None else ()


def _load(sides: list[tuple[str, str, dict[str, str]]]) -> list[Program] | None:
    """Each side's program; every side's rule errors are shown under its name."""
    programs: list[Program] = []
    failed = False
    for what, label, texts in sides:
        try:
            programs.append(program_from_texts(texts))
        except RuleError as error:
            failed = True
            print(f"alinea diff : {what} ({label}) a des erreurs :", file=sys.stderr)
            print_diagnostics(error.diagnostics)
    return None if failed else programs


def _texts(source: Source) -> dict[str, str]:
    """The rule files of one side: exactly the paths named, in the working tree or a revision."""
    if source.revision is None:
        return read_texts(rule_files(list(source.paths)))
    root = revision.toplevel(Path.cwd())
    if root is None:
        raise _usage("pas de dépôt git ici")
    return revision.read(root, source.revision, source.paths)


def _within_base(paths: list[Path]) -> dict[str, str]:
    """The working tree's rule base, by the rule every command follows (`engine.bases`)."""
    return read_texts(common.selection([str(p) for p in paths]).files)


def _pair(old: Source, new: Source, chemin: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """The texts of both sides; two single files share the rest of their rule base."""
    files = [*old.paths, *new.paths]
    if old.revision or new.revision or len(files) != 2 or any(p.is_dir() for p in files):
        return _texts(old), _texts(new)
    anchor = chemin or files[1]
    root = bases.enclosing_base(anchor)
    skip = {p.resolve() for p in (anchor, *files)}
    rest = read_texts([f for f in rule_files([root]) if f.resolve() not in skip]) if root else {}
    named = (f"ancien:{display(chemin)}", f"nouveau:{display(chemin)}") if chemin else (None, None)
    return {**rest, **_one(files[0], named[0])}, {**rest, **_one(files[1], named[1])}


def _one(path: Path, name: str | None) -> dict[str, str]:
    """One file's text under the name diagnostics give it; nothing for `/dev/null` (git's side
    of a file that is added or deleted)."""
    if not path.is_file():
        return {}
    ((shown, text),) = read_texts([path]).items()
    return {name or shown: text}


def _cases(folder: str | None) -> list[golden.GoldenCase]:
    path = Path(folder) if folder else Path("golden")
    if folder is None and not path.is_dir():
        return []
    return golden.load_all([path])


def _usage(message: str) -> UsageError:
    return UsageError([Diagnostic("U011", message, None, "voir « alinea diff --help »")])
