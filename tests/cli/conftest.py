"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest
from cli_runner import Alinea, runner


@pytest.fixture
def alinea(capsys: pytest.CaptureFixture[str]) -> Alinea:
    """`alinea(*arguments)` runs the command and returns its exit code, stdout and stderr."""
    return runner(capsys)
