"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from alinea.engine import RuleBase, load
from tests.cli.cli_runner import runner

ROOT = Path(__file__).resolve().parent.parent
Cli = Callable[..., tuple[int, str, str]]
RULE_FILES = len(list((ROOT / "regles").rglob("*.alinea")))
LOCAL_RULES = f"règles : ./regles ({RULE_FILES} fichiers)\n"
"""What a command says on stderr when it reads the repository's own `./regles`."""


@pytest.fixture(scope="session")
def rules() -> RuleBase:
    """The bundled rule base, compiled once for the session."""
    return load(cache=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `alinea ARGS…` from the repository root: (exit code, stdout, stderr)."""
    monkeypatch.chdir(ROOT)
    alinea = runner(capsys)

    def run(*args: str) -> tuple[int, str, str]:
        done = alinea(*args)
        return done.code, done.out, done.err

    return run
