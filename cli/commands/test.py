"""`alinea test [CHEMINS] [--rules CHEMINS] [--coverage] [--junit FICHIER]`: the golden cases.

Runs every case of the golden files against the rule base and, for each failure, shows the
case, what was expected, what came out and the explanation of the wrong conclusion. Exit 0
when every case passes, 1 when one fails or a golden file is malformed, 2 on usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ...dsl.diagnostics import render
from ...dsl.errors import Diagnostic, SituationError, UsageError
from ...engine import RuleBase
from ...engine.compiler.loader import read_source
from ...engine.testing import golden, junit
from ...engine.testing.coverage import Coverage
from .. import common

DEFAULT = Path("golden")


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Évalue chaque cas des fichiers de cas (YAML) et compare ses conclusions "
        "aux conclusions attendues ; pour chaque écart, l'explication de la conclusion obtenue."
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="CHEMINS",
        help="fichiers de cas .yaml ou dossiers (par défaut : golden/ dans le dossier courant)",
    )
    parser.add_argument(
        "--rules",
        nargs="+",
        metavar="CHEMINS",
        help="la base de règles à tester (par défaut : ./regles s'il existe, sinon la base "
        "fournie)",
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="dire quelles règles, versions, cas, exceptions et conditions aucun cas n'exerce",
    )
    parser.add_argument("--junit", metavar="FICHIER", help="écrire le rapport JUnit XML (CI)")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    common.output(arguments.junit, "--junit")
    files = golden.files(arguments.paths or _default())
    base = common.rules(argparse.Namespace(paths=arguments.rules))
    coverage = Coverage(base.program) if arguments.coverage else None
    runs = [_run_file(base, path, coverage) for path in files]
    failures = [text for run in runs for text in _failures(run)]
    for text in failures:
        print(f"\n✗ {text}")
    print(f"\n{_summary(runs)}")
    if coverage is not None:
        print(f"\n{coverage.report().text()}")
    if arguments.junit:
        common.write_bytes(arguments.junit, junit.report(runs))
    return 1 if failures else 0


def _default() -> list[Path]:
    if not DEFAULT.is_dir():
        raise UsageError(
            [
                Diagnostic(
                    "U005",
                    "aucun dossier golden/ ici : quels cas lancer ?",
                    None,
                    "indiquez des fichiers de cas (.yaml) ou des dossiers : alinea test golden/",
                )
            ]
        )
    count = len(golden.files([DEFAULT]))
    print(f"cas : ./{DEFAULT} ({count} fichier{'s' if count > 1 else ''})", file=sys.stderr)
    return [DEFAULT]


def _run_file(base: RuleBase, path: Path, coverage: Coverage | None) -> junit.FileRun:
    """Run the cases of one file, printing one line for it."""
    try:
        cases = golden.load(path)
    except SituationError as error:
        print(f"{path} : fichier de cas illisible")
        return junit.FileRun(str(path), errors=error.diagnostics)
    outcomes = []
    for case in cases:
        start = time.perf_counter()
        outcome = golden.run(base, case)
        outcomes.append((outcome, time.perf_counter() - start))
        if coverage is not None:
            coverage.record(c.trace for c in outcome.conclusions)
    failed = sum(not o.passed for o, _ in outcomes)
    print(f"{path} : {len(outcomes)} cas, " + (f"{failed} en échec" if failed else "tous réussis"))
    return junit.FileRun(str(path), tuple(outcomes))


def _failures(run: junit.FileRun) -> list[str]:
    if run.errors:
        rows = [f"{run.path} : fichier de cas illisible"]
        for diagnostic in run.errors:
            rows.extend("  " + row for row in render(diagnostic, read_source).splitlines())
        return ["\n".join(rows)]
    return [golden.report(o, read_source) for o, _ in run.outcomes if not o.passed]


def _summary(runs: list[junit.FileRun]) -> str:
    outcomes = [o for run in runs for o, _ in run.outcomes]
    failed = sum(not o.passed for o in outcomes)
    passed = len(outcomes) - failed
    text = f"{len(outcomes)} cas : {passed} réussi{'s' if passed > 1 else ''}"
    if failed:
        text += f", {failed} en échec"
    broken = sum(bool(run.errors) for run in runs)
    if broken:
        plural = "s" if broken > 1 else ""
        text += f", {broken} fichier{plural} de cas illisible{plural}"
    return text
