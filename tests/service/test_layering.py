"""Imports flow cli -> service -> visualize -> engine -> dsl, and the service reaches the
engine's and the visualizer's modules through `service/adapter.py` only: when the engine's
modules move, that one file changes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"


def imports(path: Path) -> set[str]:
    """The modules a file imports, relative ones written with their dots."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", ["dsl", "engine", "visualize", "veille"])
def test_lower_layers_do_not_import_the_service(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in imports(path) if "service" in n)
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_only_the_adapter_imports_engine_modules_and_nothing_imports_the_cli() -> None:
    reached = {
        path.name: sorted(
            n
            for n in imports(path)
            if n.startswith(("..engine.", "..visualize", "..veille", "..cli", "alinea."))
        )
        for path in sorted(SERVICE.glob("*.py"))
        if path.name != "adapter.py"
    }
    assert {name: found for name, found in reached.items() if found} == {}
    assert not {n for n in imports(SERVICE / "adapter.py") if "cli" in n}
