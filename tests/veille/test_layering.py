"""The engine and the language never import veille (imports flow cli -> veille -> engine)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", ["dsl", "engine"])
def test_lower_layers_do_not_import_veille(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(name for name in _imports(path) if "veille" in name)
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_veille_does_not_import_the_cli_nor_visualize() -> None:
    names = {name for path in (ROOT / "veille").rglob("*.py") for name in _imports(path)}
    assert not {name for name in names if "cli" in name or "visualize" in name}
