"""The progress bar of `alinea batch`: drawn only on a terminal (or when rich is told to
draw anyway), never in the output a script or a test reads."""

from __future__ import annotations

import pytest

from alinea.cli import progress
from alinea.cli.progress import Progress


@pytest.fixture
def no_forcing(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in progress.FORCING:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("no_forcing")
def test_no_bar_when_standard_error_is_not_a_terminal() -> None:
    with Progress("lecture") as shown:
        shown.rows(10)
        shown.advance(10)
    assert shown.bar is None


@pytest.mark.usefixtures("no_forcing")
def test_a_bar_when_rich_is_told_the_output_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    with Progress("lecture") as shown:
        assert shown.bar is not None
        shown.rows(10)
        shown.step("calcul")
        shown.advance(4)
        (task,) = shown.bar.tasks
        assert (task.description, task.completed, task.total) == ("calcul", 4, 10)
    assert capsys.readouterr().out == ""


@pytest.mark.usefixtures("no_forcing")
def test_told_not_a_terminal_rich_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    with Progress("lecture") as shown:
        assert shown.bar is None
