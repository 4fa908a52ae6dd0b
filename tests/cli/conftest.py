"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from tests.cli.cli_runner import Alinea, runner


@pytest.fixture
def alinea(capsys: pytest.CaptureFixture[str]) -> Alinea:
    """`alinea(*arguments)` runs the command and returns its exit code, stdout and stderr."""
    return runner(capsys)


@pytest.fixture(autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled rule bases go to a temporary cache, not the user's."""
    monkeypatch.setenv("ALINEA_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
