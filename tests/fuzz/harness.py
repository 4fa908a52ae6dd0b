"""Run the real `alinea` entry point on an input, with internal errors raised, not hidden.

`cli.main` turns an unexpected exception into one line, `alinea : erreur interne`; with
`ALINEA_DEBUG=1` it re-raises it instead, so a fuzzed input that crashes the program fails the
test with its traceback (and hypothesis shrinks it). Expected failures (bad rules, bad
situations, usage errors) are exit codes 1 and 2 with diagnostics, which is what we want.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from alinea.cli.main import main
from alinea.engine.compiler.loader import bundled

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "premiere-seance-visio.json"
# The bound the issue sets for any command, in seconds of processor time: wall time would
# measure whatever else the machine runs (a loaded CI machine took 32 s for a 3 s command).
SECONDS = 10.0
EXIT_CODES = frozenset({0, 1, 2, 3})  # 70, an internal error, is a crash


class Crash(AssertionError):
    """A command printed an internal error or a traceback, or left the expected exit codes."""


@attrs.frozen
class Run:
    argv: tuple[str, ...]
    code: int
    out: str
    err: str
    seconds: float  # processor time (user + system) of this command


@contextlib.contextmanager
def debug_mode(cache: Path | None) -> Iterator[None]:
    """Internal errors raised; the on-disk cache in `cache`, or bypassed when None (thousands
    of one-off rule bases would fill it)."""
    saved = {key: os.environ.get(key) for key in ("ALINEA_DEBUG", "ALINEA_CACHE_DIR")}
    os.environ["ALINEA_DEBUG"] = "1"
    os.environ["ALINEA_CACHE_DIR"] = str(cache) if cache else os.devnull + "/alinea-fuzz"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run(argv: Sequence[str], stdin: str = "") -> Run:
    """`alinea ARGV…` in-process; raises `Crash` on an internal error, lets exceptions out."""
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    start = time.process_time()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(argv))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    done = Run(tuple(argv), code, out.getvalue(), err.getvalue(), time.process_time() - start)
    check(done)
    return done


def check(done: Run) -> None:
    if "erreur interne" in done.err or "Traceback" in done.err:
        raise Crash(f"alinea {' '.join(done.argv)}:\n{done.err[-2000:]}")
    if done.code not in EXIT_CODES:
        raise Crash(f"alinea {' '.join(done.argv)}: exit code {done.code}")
    if done.seconds > SECONDS:
        raise Crash(f"alinea {' '.join(done.argv)}: {done.seconds:.1f} s de processeur")


class Workspace:
    """A copy of the bundled rule base where one file at a time is replaced by a mutant."""

    def __init__(self, folder: Path) -> None:
        self.rules = folder / "regles"
        shutil.copytree(bundled(), self.rules, ignore=shutil.ignore_patterns("*.md", "*.py"))
        self.originals = {p.name: p.read_text(encoding="utf-8") for p in self.files()}

    def files(self) -> list[Path]:
        return sorted(self.rules.glob("*.alinea"))

    @contextlib.contextmanager
    def mutant(self, name: str, text: str) -> Iterator[Path]:
        path = self.rules / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            yield path
        finally:
            path.write_text(self.originals[name], encoding="utf-8")


def seeds(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file())
