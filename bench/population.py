"""Write a synthetic population (issue 11), for `alinea batch` and the benchmarks.

    .venv/bin/python bench/population.py -n 1000000 -o population.parquet
        [--seed 2026] [--absent 0.1] [--rules PATHS…]

One column per fact of the rule base (the bundled one by default) and an `id`; each fact
absent in a share `--absent` of the rows. The people are synthetic, drawn from seeded
distributions (`alinea.engine.population.synthetic`): the same seed gives the same file.
The format follows the extension: .parquet, .csv or .jsonl.
"""

from __future__ import annotations

import argparse
import sys
import time

from alinea.engine import load
from alinea.engine.population import synthetic, writing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--rows", type=int, default=1_000_000)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--seed", type=int, default=synthetic.SEED)
    parser.add_argument("--absent", type=float, default=synthetic.ABSENT)
    parser.add_argument("--rules", nargs="*", default=None)
    arguments = parser.parse_args(argv)
    start = time.perf_counter()
    rules = load(arguments.rules or None)
    table = synthetic.generate(
        rules.program, arguments.rows, seed=arguments.seed, absent=arguments.absent
    )
    drawn = time.perf_counter() - start
    writing.write_table(table, arguments.output)
    total = time.perf_counter() - start
    rows = f"{table.num_rows:,}".replace(",", "\u202f")
    print(
        f"{arguments.output} : {rows} lignes, {table.num_columns - 1} faits "
        f"(tirage {drawn:.2f} s, en tout {total:.2f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
