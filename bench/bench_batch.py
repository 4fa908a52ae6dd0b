"""Benchmark of populations (issue 11): `alinea batch` on DuckDB and Spark, the per-situation
loop, and OpenFisca-France side by side, each measure in its own process (peak memory is
the process's maxrss), all in one run so that the ratios hold on a shared machine.

    .venv/bin/python bench/bench_batch.py [--rows 1000000] [--loop 10000]
        [--openfisca /work/peers-work/of] [--repeat 5] [--spark] [--work /tmp/alinea-bench]

1. 1,000,000 synthetic situations (each fact absent one time in ten) through every CSS, AME
   and Mon soutien psy conclusion, Parquet in and out, on DuckDB: the query's time (the
   parts streamed out of DuckDB, `engine.population.execution`), reading and checking,
   writing, the whole `alinea batch` process, and its peak memory;
2. the per-situation loop (`RuleBase.evaluate_facts` on each row, as `alinea eval` does) on
   the first `--loop` rows, extrapolated to all the rows (a linear loop: said so);
3. OpenFisca-France (its own venv, `bench/openfisca_css.py`) and `alinea batch` on the same
   100,000 and 1,000,000 complete households (no fact absent: OpenFisca has no unknowns),
   for the CSS eligibility and ceilings, in turn `--repeat` times (medians, and the median
   of the ratios pair by pair);
4. with `--spark`, `alinea batch --moteur spark` (local[2]) on the 1,000,000 rows.

Prints one JSON line per measure, then the table for bench/README.md, with the load.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
ALINEA = str(Path(PYTHON).with_name("alinea"))
DATE = "2026-03-01"
CSS = ["css.droit", "css.plafond_gratuite", "css.plafond_participation"]


def conclusions() -> list[str]:
    from alinea.engine import load

    rules = load()
    return [n for n in rules.conclusions if n.startswith(("css.", "ame.", "mon_soutien_psy."))]


def measured(command: list[str]) -> dict[str, Any]:
    """Run `command`; its wall time and peak memory (maxrss of that process alone); printed
    as soon as measured, and a failure recorded rather than raised."""
    try:
        found = _measured(command)
    except RuntimeError as error:
        found = {"error": str(error)[-800:]}
    shown = {k: v for k, v in found.items() if k != "out"}
    print(json.dumps({"command": command[1:4], **shown}), flush=True)
    return found


def _measured(command: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command} a échoué :\n{err}")
    found = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {
        "wall_s": wall,
        "maxrss_mb": usage.ru_maxrss / 1024,
        **(found[-1] if found else {}),
        "out": out,
    }


def child_query(population: str, output: str, names: list[str]) -> int:
    """In one process: read and check, compile, stream the query's parts to the writer."""
    import resource

    from alinea.engine import load
    from alinea.engine.population import checking, execution, reading, writing

    start = time.perf_counter()
    rules = load()
    loaded = time.perf_counter()
    kept = rules.facts_read(date=DATE, only=names)
    table = checking.check(reading.read(population, rules.program, kept), rules.program)
    read = time.perf_counter()
    query = rules.query(date=DATE, only=names, columns=table.column_names)
    compiled = time.perf_counter()
    in_query = in_write = 0.0
    with writing.writer(output) as write:
        parts = execution.parts(query, table)
        while True:
            a = time.perf_counter()
            part = next(parts, None)
            in_query += time.perf_counter() - a
            if part is None:
                break
            a = time.perf_counter()
            write(part)
            in_write += time.perf_counter() - a
    # the public API, once more, whole: the query alone over the table in memory
    a = time.perf_counter()
    rules.evaluate_table(table, date=DATE, only=names)
    table_s = time.perf_counter() - a
    row = {
        "measure": "duckdb",
        "rows": table.num_rows,
        "conclusions": len(names),
        "load_s": loaded - start,
        "read_check_s": read - loaded,
        "compile_s": compiled - read,
        "query_s": in_query,
        "write_s": in_write,
        "evaluate_table_s": table_s,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(row), flush=True)
    return 0


def child_loop(population: str, names: list[str], rows: int) -> int:
    """The per-situation loop on the first `rows` rows (the same rows as the batch)."""
    import pyarrow.parquet as pq

    from alinea.engine import ConflictError, EvaluationError, load
    from alinea.engine.population import checking, reading
    from alinea.engine.population import rows as row_facts

    rules = load()
    first = pq.read_table(population).slice(0, rows)
    sample = Path(population).with_name("echantillon.parquet")
    pq.write_table(first, sample)
    table = checking.check(reading.read(sample, rules.program), rules.program)
    day = rules_date()
    facts = [row_facts.facts(table, rules.program, i, sample) for i in range(1, rows + 1)]
    start = time.perf_counter()
    for situation in facts:
        with contextlib.suppress(ConflictError, EvaluationError):
            rules.evaluate_facts(situation, date=day, only=names)
    elapsed = time.perf_counter() - start
    print(json.dumps({"measure": "loop", "rows": rows, "loop_s": elapsed}), flush=True)
    return 0


def rules_date() -> Any:
    import datetime

    return datetime.date.fromisoformat(DATE)


def population(rows: int, path: Path, absent: float) -> None:
    if not path.exists():
        subprocess.run(
            [
                PYTHON,
                str(HERE / "population.py"),
                "-n",
                str(rows),
                "--absent",
                str(absent),
                "-o",
                str(path),
            ],
            check=True,
        )


def batch_command(path: Path, output: Path, engine: str = "duckdb") -> list[str]:
    return [ALINEA, "batch", str(path), "-o", str(output), "--date", DATE, "--moteur", engine]


def batch(path: Path, output: Path, names: list[str], engine: str = "duckdb") -> dict[str, Any]:
    return measured([*batch_command(path, output, engine), "--only", *names])


def paired(
    ours: list[str], theirs: list[str], repeat: int
) -> tuple[dict[str, Any], dict[str, Any], float]:
    """`ours` and `theirs` run in turn `repeat` times (A B A B…, so that a drift of the
    machine's speed hits both): the median of each figure of each, and the median of the
    ratios of their wall times pair by pair (theirs / ours)."""
    runs: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for _ in range(repeat):
        for found, command in zip(runs, (ours, theirs), strict=True):
            found.append(measured(command))
    if any("error" in run for found in runs for run in found):
        return {"error": "a run failed"}, {"error": "a run failed"}, 0.0
    ratios = [b["wall_s"] / a["wall_s"] for a, b in zip(*runs, strict=True)]
    return _medians(runs[0]), _medians(runs[1]), statistics.median(ratios)


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    kept = [key for key in ("wall_s", "maxrss_mb", "total_s") if key in runs[0]]
    return {key: statistics.median(run[key] for run in runs) for key in kept}


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--loop", type=int, default=10_000)
    parser.add_argument("--openfisca", default="/work/peers-work/of")
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each side by side")
    parser.add_argument("--work", default="/tmp/alinea-bench")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        kind, *rest = arguments.child
        if kind == "query":
            return child_query(rest[0], rest[1], rest[2:])
        return child_loop(rest[0], rest[2:], int(rest[1]))
    work = Path(arguments.work)
    work.mkdir(parents=True, exist_ok=True)
    names = conclusions()
    rows = arguments.rows
    results: dict[str, Any] = {
        "load_before": load(),
        "conclusions": len(names),
        "rows": rows,
        "repeat": arguments.repeat,
    }
    big = work / f"population_{rows}.parquet"
    population(rows, big, 0.1)
    me = [PYTHON, __file__, "--child"]
    results["query"] = measured([*me, "query", str(big), str(work / "r.parquet"), *names])
    results["batch"] = batch(big, work / "resultats.parquet", names)
    results["loop"] = measured([*me, "loop", str(big), str(arguments.loop), *names])
    for size in (100_000, rows):
        complete = work / f"complets_{size}.parquet"
        population(size, complete, 0.0)
        results[f"css_query_{size}"] = measured(
            [*me, "query", str(complete), str(work / "css_r.parquet"), *CSS]
        )
        ours = [*batch_command(complete, work / "css.parquet"), "--only", *CSS]
        openfisca = Path(arguments.openfisca) / "bin" / "python"
        if not openfisca.exists():
            results[f"css_{size}"] = measured(ours)
            continue
        theirs = [str(openfisca), str(HERE / "openfisca_css.py"), str(complete)]
        results[f"css_{size}"], results[f"openfisca_{size}"], results[f"ratio_{size}"] = paired(
            ours, theirs, arguments.repeat
        )
    if arguments.spark:
        results["spark"] = batch(big, work / "spark.parquet", names, "spark")
    results["load_after"] = load()
    for key, value in results.items():
        if isinstance(value, dict):
            value.pop("out", None)
        print(json.dumps({key: value}), flush=True)
    print(table(results))
    return 0


def table(results: dict[str, Any]) -> str:
    """The figures for bench/README.md."""
    rows, query, whole, loop = results["rows"], results["query"], results["batch"], results["loop"]
    if any("error" in part for part in (query, whole, loop)):
        return "a measure failed: see the JSON lines above"
    per_row_sql = query["query_s"] / rows * 1e6
    per_row_loop = loop["loop_s"] / loop["rows"] * 1e6
    lines = [
        f"load {results['load_before']} before, {results['load_after']} after (2 cores)",
        "",
        "| measure | figure |",
        "|---|---|",
        f"| query, {rows:,} rows × {results['conclusions']} conclusions (DuckDB, streamed) "
        f"| {query['query_s']:.2f} s (evaluate_table, whole: {query['evaluate_table_s']:.2f} s) |",
        f"| read + check the Parquet | {query['read_check_s']:.2f} s |",
        f"| translate to SQL | {query['compile_s']:.2f} s |",
        f"| write the Parquet | {query['write_s']:.2f} s |",
        f"| whole `alinea batch` process | {whole['wall_s']:.2f} s, "
        f"peak {whole['maxrss_mb']:.0f} MB |",
        f"| per row: SQL {per_row_sql:.2f} µs, loop {per_row_loop:.0f} µs (first "
        f"{loop['rows']:,} rows, extrapolated: {per_row_loop * rows / 1e6:.0f} s for {rows:,}) "
        f"| ratio {per_row_loop / per_row_sql:.0f}× |",
    ]
    for size in (100_000, rows):
        ours, theirs = results.get(f"css_{size}"), results.get(f"openfisca_{size}")
        inner = results.get(f"css_query_{size}")
        if ours and theirs and inner and not any("error" in x for x in (ours, theirs, inner)):
            engine = inner["read_check_s"] + inner["query_s"]
            lines.append(
                f"| CSS, {size:,} complete households, whole process (medians of "
                f"{results['repeat']} runs in turn): alinea batch "
                f"{ours['wall_s']:.2f} s {ours['maxrss_mb']:.0f} MB; OpenFisca "
                f"{theirs['wall_s']:.2f} s {theirs['maxrss_mb']:.0f} MB "
                f"| {results[f'ratio_{size}']:.1f}× faster (median of the pairs), "
                f"{ours['maxrss_mb'] / theirs['maxrss_mb']:.2f} of the memory |"
            )
            lines.append(
                f"| CSS, {size:,}, engine only: alinea read + check + query {engine:.2f} s; "
                f"OpenFisca build + calculate {theirs['total_s']:.2f} s "
                f"| {theirs['total_s'] / engine:.1f}× |"
            )
    if "spark" in results and "error" not in results["spark"]:
        spark = results["spark"]
        lines.append(
            f"| Spark local[2], {rows:,} rows | {spark['wall_s']:.1f} s, "
            f"peak (driver process) {spark['maxrss_mb']:.0f} MB |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
