"""Whole-process time of the commands people type most (issue 10 target: `alinea eval` of
one situation ≤ 200 ms), optionally side by side with another installation of alinea.

Each command runs `--runs` times after one warm-up run (which writes the parse cache and the
bytecode, as a second run of an installed alinea finds them); with `--contre ALINEA` the two
executables run in turn, A B A B …, and the ratio is taken pair by pair, so that it holds when
the machine's speed drifts. Prints the median and the extremes of the wall time and of the CPU
time (user + system, from `getrusage` of the children), and the load average before and after:
on a shared machine the figures say as much about the neighbours as about alinea.

    .venv/bin/python bench/bench_cli.py
    .venv/bin/python bench/bench_cli.py --contre ../main/.venv/bin/alinea --runs 21
    .venv/bin/python bench/bench_cli.py --sans-bytecode   # every alinea module compiled

`--sans-bytecode` removes the bytecode of alinea's own modules before the runs and forbids
writing it (`PYTHONDONTWRITEBYTECODE=1`): the state of an editable checkout whose shell sets
that variable, where every run compiles alinea's sources again (the libraries keep theirs).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALINEA = Path(sys.executable).parent / "alinea"
COMMANDS = {
    "alinea --help": ["--help"],
    "alinea eval -s examples/premiere-seance-visio.json": [
        "eval",
        "-s",
        "examples/premiere-seance-visio.json",
        "--date",
        "2026-03-01",
    ],
}


def environment(no_bytecode: bool) -> dict[str, str]:
    found = dict(os.environ)
    found.pop("PYTHONDONTWRITEBYTECODE", None)
    if no_bytecode:
        found["PYTHONDONTWRITEBYTECODE"] = "1"
    return found


def forget_bytecode(alinea: Path) -> None:
    """Remove the bytecode of the `alinea` package the executable runs."""
    done = subprocess.run(
        [str(alinea.parent / "python"), "-c", "import alinea; print(alinea.__path__[0])"],
        capture_output=True,
        text=True,
        check=True,
    )
    for folder in Path(done.stdout.strip()).rglob("__pycache__"):
        shutil.rmtree(folder)


def once(alinea: Path, arguments: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(alinea), *arguments],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def figures(label: str, values: list[float], unit: float = 1000, suffix: str = " ms") -> str:
    return (
        f"{label} médiane {statistics.median(values) * unit:.0f}{suffix} "
        f"(de {min(values) * unit:.0f} à {max(values) * unit:.0f})"
    )


def ratio(label: str, values: list[float]) -> str:
    return (
        f"{label} médiane {statistics.median(values):.2f} "
        f"(de {min(values):.2f} à {max(values):.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="exécutions comptées (15)")
    parser.add_argument("--contre", type=Path, help="un autre exécutable alinea, comparé")
    parser.add_argument("--sans-bytecode", action="store_true", help="voir la description")
    options = parser.parse_args()
    executables = [ALINEA, *([options.contre] if options.contre else [])]
    env = environment(options.sans_bytecode)
    if options.sans_bytecode:
        for alinea in executables:
            forget_bytecode(alinea)
    print(f"charge de la machine : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    state = "sans bytecode des modules d'alinea" if options.sans_bytecode else "bytecode écrit"
    print(f"{options.runs} exécutions de chaque commande après une de chauffe ; {state}")
    for label, arguments in COMMANDS.items():
        runs: dict[Path, list[tuple[float, float]]] = {alinea: [] for alinea in executables}
        for alinea in executables:
            once(alinea, arguments, env)
        for _ in range(options.runs):
            for alinea in executables:
                runs[alinea].append(once(alinea, arguments, env))
        print(label)
        for alinea, found in runs.items():
            name = "A" if alinea == ALINEA else "B"
            walls, cpus = [w for w, _ in found], [c for _, c in found]
            print(f"  {name} {alinea}")
            print(f"    {figures('temps écoulé', walls)}, {figures('CPU', cpus)}")
        if options.contre:
            pairs = zip(runs[ALINEA], runs[options.contre], strict=True)
            walls, cpus = zip(*((a[0] / b[0], a[1] / b[1]) for a, b in pairs), strict=True)
            print(f"  A/B : {ratio('temps écoulé', list(walls))}, {ratio('CPU', list(cpus))}")
    print(f"charge de la machine : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
