"""Benchmark of input handling (issue 9), run by `make bench`.

1. check throughput: parse + compile generated rule files of 0.5, 1, 2 and 4 MB (token-dense
   declarations: a fact, a parameter and a two-line conclusion per block), in MB/s — the
   figure should not fall as the file grows (linear time);
2. a situation of 100,000 unknown facts, JSON and YAML: read, check and render the capped
   error list, as `alinea eval -s` does (target ≤ 2 s for the JSON one);
3. a YAML alias bomb (9 levels of 9 aliases, 600 bytes) refused.

Each figure is one run (the large files take seconds); the machine is shared, so compare
MB/s across sizes within one run rather than with other runs.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from alinea.dsl import parser, render_all
from alinea.engine import SituationError, load
from alinea.engine.compiler.passes import compile_modules
from alinea.engine.inputs import situation as situations

SIZES_MB = (0.5, 1, 2, 4)
UNKNOWN_FACTS = 100_000
BLOCK = """donnée f{i} : entier
  question "Quelle valeur pour le fait numéro {i} ?"
  libellé "fait {i}"
  entre 0 et 130

paramètre p{i} : entier
  libellé "seuil {i}"
  {i} depuis 2020-01-01   selon "CSS R.{i}"

conclusion r{i} : booléen
  libellé "règle {i}"
  selon "CSS R.{i}"
  vrai si toutes ces conditions :
    - "au-dessus du seuil" : f{i} >= p{i}   selon "CSS R.{i} 1°"
    - "pas trop" : f{i} < 100              selon "CSS R.{i} 2°"
  sinon faux

"""


def rule_file(megabytes: float) -> str:
    blocks, size, index = [], 0, 0
    while size < megabytes * 1_000_000:
        block = BLOCK.format(i=index)
        blocks.append(block)
        size += len(block.encode())
        index += 1
    return "".join(blocks)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check_throughput() -> None:
    """Parse and compile in memory: the 4 MB file is past the file limit (2 MiB), and the
    point is the shape of the curve."""
    print("check (parse + compile), one file, in memory:")
    for megabytes in SIZES_MB:
        text = rule_file(megabytes)
        size = len(text.encode()) / 1_000_000
        start = time.perf_counter()
        program = compile_modules((parser.parse(text, "genere.alinea"),))
        elapsed = time.perf_counter() - start
        print(
            f"  {size:4.2f} MB, {len(program.rules):5} rules: {elapsed:6.2f} s, "
            f"{size / elapsed:5.2f} MB/s (peak RSS so far {peak_mib():.0f} MiB)"
        )


def unknown_facts(folder: Path) -> None:
    rules = load()
    facts = {f"inconnu_{i}": i for i in range(UNKNOWN_FACTS)}
    files = {
        "json": json.dumps(facts),
        "yaml": "".join(f"{name}: {value}\n" for name, value in facts.items()),
    }
    for suffix, text in files.items():
        path = folder / f"inconnus.{suffix}"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        try:
            raw, read = situations.read(path)
            rules.facts_from(raw, str(path), read)
        except SituationError as error:
            rendered = render_all(error.diagnostics, situations_text(read))
        elapsed = time.perf_counter() - start
        print(
            f"situation of {UNKNOWN_FACTS:,} unknown facts ({suffix}, {len(text) / 1e6:.1f} MB): "
            f"{elapsed:.2f} s, {len(rendered.splitlines())} lines of errors"
        )


def situations_text(text: str) -> Callable[[str], str]:
    return lambda _: text


def alias_bomb() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    start = time.perf_counter()
    try:
        situations.parse_text("\n".join(lines), "bombe.yaml")
    except SituationError as error:
        code = error.diagnostics[0].code
    elapsed = time.perf_counter() - start
    print(f"alias bomb of 9 levels (600 bytes): refused ({code}) in {elapsed:.4f} s")


def main() -> int:
    parser.grammar()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        unknown_facts(folder)
    alias_bomb()
    check_throughput()
    return 0


if __name__ == "__main__":
    sys.exit(main())
