"""Fixtures of the visualize tests: the bundled base and a small base of our own."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from alinea.engine import RuleBase, load

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DAY = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """File names in diagrams are relative to the working directory: make it the repo."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def small() -> RuleBase:
    """tests/visualize/fixtures/base: versions, barème, list, exceptions with ranks, < > &."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return load(FIXTURES / "base", cache=False)


@pytest.fixture(scope="session")
def ceilings() -> RuleBase:
    """tests/engine/fixtures/revalorisation: a ceiling revalued every 1 April until 2028."""
    return load(ROOT / "tests" / "engine" / "fixtures" / "revalorisation", cache=False)


@pytest.fixture(scope="session")
def versions() -> RuleBase:
    """tests/engine/fixtures/libelles: a conclusion in three versions, one without a label."""
    return load(ROOT / "tests" / "engine" / "fixtures" / "libelles", cache=False)
