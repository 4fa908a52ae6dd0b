"""The hostile corpus: every input of issue 9, each in its own process, bounded in time and
memory — a refusal with a clear diagnostic is the expected outcome, a crash or a blow-up fails.
"""

from __future__ import annotations

import multiprocessing
import resource
import traceback
from pathlib import Path

import pytest

from . import harness, hostile

SECONDS = harness.SECONDS
MEGABYTES = 1024
# A safety net so that a regression cannot take the machine down; the bound tested is MEGABYTES.
ADDRESS_SPACE = 6 * 1024**3

ENTRIES = hostile.corpus()


def _run_entry(name: str, folder: str) -> tuple[list[tuple[list[str], int, float]], float, str]:
    """In the child: run every command of the entry; (runs, peak MB, crash traceback or '')."""
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    runs: list[tuple[list[str], int, float]] = []
    try:
        with harness.debug_mode(Path(folder) / "cache"):
            for argv in ENTRIES[name](Path(folder)):
                done = harness.run(argv)
                runs.append((argv, done.code, done.seconds))
        crash = ""
    except BaseException:  # anything at all is a crash here
        crash = traceback.format_exc()[-3000:]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return runs, peak, crash


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_a_hostile_input_is_refused_within_bounds(name: str, tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(1, maxtasksperchild=1) as pool:
        pending = pool.apply_async(_run_entry, (name, str(tmp_path)))
        runs, peak, crash = pending.get(timeout=SECONDS * 6)
    assert crash == ""
    for argv, code, seconds in runs:
        assert code in harness.EXIT_CODES, argv
        assert seconds < SECONDS, (argv, seconds)
    assert peak < MEGABYTES, f"{peak:.0f} MB"
