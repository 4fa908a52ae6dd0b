"""`alinea diff --dates` on the whole bundled rule base, as a user runs it (target: 2 s).

Run: farm-bench -- .venv/bin/python bench/bench_diff.py   (or python bench/bench_diff.py)
Prints the wall time of one in-process run after a warm-up, and the command to time as a
process.
"""

from __future__ import annotations

import contextlib
import io
import time

from alinea.cli.main import main

ARGS = ["diff", "--dates", "2025-05-01", "2025-06-01"]

with contextlib.redirect_stdout(io.StringIO()):
    start = time.perf_counter()
    code = main(ARGS)
    elapsed = time.perf_counter() - start
print(f"alinea {' '.join(ARGS)} : {elapsed:.3f} s (code {code})")
