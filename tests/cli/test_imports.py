"""A command imports only what it runs: `alinea eval` on a warm parse cache loads neither
the parser (Lark) nor networkx, PyYAML, z3, Jinja2 or the other commands' packages; `alinea
--help` loads no command. Checked in a fresh interpreter, where `sys.modules` is the truth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

RUN = Path(__file__).parent / "fixtures" / "imports" / "run_command.py"
COUNT = RUN.with_name("count_duckdb_types.py")
SITUATION = str(ROOT / "examples" / "premiere-seance-visio.json")
EVALUATE = ["eval", "-s", SITUATION, "--date", "2026-03-01"]
NOT_FOR_EVAL = (
    "lark",
    "networkx",
    "yaml",
    "z3",
    "jinja2",
    "starlette",
    "uvicorn",
    "pygls",
    "importlib.metadata",
    "alinea.dsl.parser",
    "alinea.diff",
    "alinea.visualize",
    "alinea.veille",
    "alinea.service",
    "alinea.lsp",
)


def imported(cache: Path, *arguments: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, str(RUN), *arguments],
        cwd=ROOT,
        env={**os.environ, "ALINEA_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(done.stdout)
    return found["code"], set(found["modules"])


def test_eval_on_a_warm_cache_imports_no_parser_nor_other_commands(tmp_path: Path) -> None:
    code, cold = imported(tmp_path, *EVALUATE)
    assert code == 0
    assert {"lark", "alinea.dsl.parser"} <= cold  # no cache yet: the files were parsed
    code, warm = imported(tmp_path, *EVALUATE)
    assert code == 0
    assert "alinea.engine.runtime.evaluator" in warm
    assert sorted(name for name in NOT_FOR_EVAL if name in warm) == []


def test_a_yaml_situation_imports_pyyaml(tmp_path: Path) -> None:
    situation = tmp_path / "situation.yaml"
    situation.write_text("age: 34\n", encoding="utf-8")
    code, modules = imported(tmp_path, "eval", "-s", str(situation), "--date", "2026-03-01")
    assert (code, "yaml" in modules) == (0, True)


def test_help_imports_no_command(tmp_path: Path) -> None:
    code, modules = imported(tmp_path, "--help")
    assert code == 0
    assert [name for name in modules if name.startswith("alinea.engine")] == []
    assert [name for name in modules if name.startswith("alinea.cli.commands.")] == []


def test_a_command_imports_its_own_module_only(tmp_path: Path) -> None:
    code, modules = imported(tmp_path, "fmt", "--help")
    assert code == 0
    commands = sorted(name for name in modules if name.startswith("alinea.cli.commands."))
    assert commands == ["alinea.cli.commands.fmt"]


def test_a_batch_over_a_population_in_the_layout_opens_no_default_duckdb(tmp_path: Path) -> None:
    """DuckDB's default connection (25 ms, 22 MB) opens on the first `duckdb.sqltype`: the
    types are made only when a column is converted, and a CSV population still converts."""
    from alinea.engine import load
    from alinea.engine.population import synthetic, writing

    program = load(ROOT / "regles").program
    table = synthetic.generate(program, 20, absent=0.0)
    writing.write_table(table, tmp_path / "p.parquet")
    writing.write_table(table, tmp_path / "p.csv")
    calls = {}
    for name in ("p.parquet", "p.csv"):
        batch = ["batch", str(tmp_path / name), "-o", str(tmp_path / f"out-{name}")]
        done = subprocess.run(
            [sys.executable, str(COUNT), *batch, "--date", "2026-03-01", "--only", "css.droit"],
            cwd=ROOT,
            env={**os.environ, "ALINEA_CACHE_DIR": str(tmp_path / "cache")},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        found = json.loads(done.stdout)
        calls[name] = (found["code"], bool(found["calls"]))
    assert calls == {"p.parquet": (0, False), "p.csv": (0, True)}
