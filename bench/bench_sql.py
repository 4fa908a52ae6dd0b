"""Timing of the SQL back end alone (`RuleBase.evaluate_table` on DuckDB), in one process.

    .venv/bin/python bench/bench_sql.py [ROWS] [--missing 0.05] [--repeat 3]

The population is synthetic (a fixed seed; each fact drawn uniformly in a plausible range,
each cell missing with the given probability), built in Arrow once and tiled; it is not
`bench/population.py`'s, which `bench_batch.py` uses for the whole command. Printed: the
compilation, the main query alone (the three passes' median), the whole `evaluate_table`
with completion, the per-situation loop on a sample for the ratio per row, and the peak
memory of the process. State the load (`uptime`) with any figure.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
import warnings
from decimal import Decimal

import duckdb
import pyarrow as pa

from alinea.engine import load
from alinea.engine.domain.types import Kind
from alinea.engine.domain.values import Duration
from alinea.engine.sql import layout, runner

DATE = "2026-03-01"
SCHEMES = ("css", "ame", "mon_soutien_psy")
BLOCK = 10_000


def value(kind: Kind, name: str, values: tuple[str, ...], draw: random.Random) -> object:
    if kind is Kind.BOOLEEN:
        return draw.random() < 0.5
    if kind is Kind.ENUM:
        return draw.choice(values)
    if kind is Kind.ENTIER:
        return draw.randint(1, 6) if name == "taille_foyer" else draw.randint(0, 90)
    if kind is Kind.MONTANT:
        return Decimal(draw.randint(0, 3_000_000)) / 100
    if kind is Kind.DUREE:
        return Duration(months=draw.randint(0, 40))
    if kind is Kind.TEXTE:
        return draw.choice(["55", "38", "69", "75"])
    return None


def population(rows: int, missing: float) -> tuple[pa.Table, list[dict[str, object]]]:
    """`rows` rows, a block of `BLOCK` drawn once and tiled; and the block's situations."""
    rules = load()
    draw = random.Random(20260301)
    block: list[dict[str, object]] = [{} for _ in range(BLOCK)]
    for name, fact in sorted(rules.program.facts.items()):
        for situation in block:
            if draw.random() >= missing:
                found = value(fact.type.kind, name, fact.type.values, draw)
                if found is not None:
                    situation[name] = found
    columns = {
        name: layout.to_arrow([s.get(name) for s in block], rules.program.facts[name].type)
        for name in rules.facts
    }
    table = pa.table(columns)
    return pa.concat_tables([table] * max(1, rows // BLOCK)), block


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--missing", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    warnings.simplefilter("ignore")
    rules = load()
    names = [n for n in rules.conclusions if n.split(".")[0] in SCHEMES]
    table, block = population(arguments.rows, arguments.missing)
    print(f"{table.num_rows} lignes, {len(names)} conclusions, {arguments.missing:.0%} manquants")

    start = time.perf_counter()
    query = rules.query(date=DATE, only=names, columns=table.column_names)
    print(f"compilation : {time.perf_counter() - start:.2f} s")

    connection = duckdb.connect()
    connection.register(layout.TABLE, runner.numbered(table))
    text = query.coded.sql(dialect="duckdb")
    times = []
    for _ in range(arguments.repeat):
        start = time.perf_counter()
        connection.sql(text).to_arrow_table()
        times.append(time.perf_counter() - start)
    print(f"requête principale (sans complétion) : médiane {statistics.median(times):.2f} s")

    start = time.perf_counter()
    output = rules.evaluate_table(table, date=DATE, only=names)
    whole = time.perf_counter() - start
    megabytes = output.nbytes / 1e6
    print(f"evaluate_table (avec complétion) : {whole:.2f} s, {megabytes:.0f} Mo en sortie")

    sample = [rules.facts_from({k: _raw(v) for k, v in s.items()}) for s in block[:1000]]
    start = time.perf_counter()
    for facts in sample:
        rules.evaluate_facts(facts, date=rules_date(), only=names)
    loop = (time.perf_counter() - start) / len(sample)
    per_row = whole / table.num_rows
    print(
        f"boucle situation par situation : {loop * 1e3:.2f} ms par ligne ; "
        f"SQL {per_row * 1e6:.1f} µs"
    )
    print(f"rapport par ligne : {loop / per_row:.0f} fois")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mémoire maximale du processus : {peak:.0f} Mo")


def rules_date() -> object:
    import datetime

    return datetime.date.fromisoformat(DATE)


def _raw(value: object) -> object:
    """A situation value as a situation file writes it."""
    if isinstance(value, Duration):
        return value.iso()
    if isinstance(value, Decimal):
        return str(value)
    return value


if __name__ == "__main__":
    main()
