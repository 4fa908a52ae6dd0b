"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from alinea.cli.main import main
from alinea.engine import RuleBase, load

ROOT = Path(__file__).resolve().parent.parent
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def rules() -> RuleBase:
    """The bundled rule base, compiled once for the session."""
    return load(cache=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `alinea ARGS…` from the repository root: (exit code, stdout, stderr)."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
