"""Run the `alinea` command in-process and capture what it prints."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from alinea.cli.main import main


@attrs.frozen
class Run:
    code: int
    out: str
    err: str


Alinea = Callable[..., Run]


def runner(capsys: pytest.CaptureFixture[str]) -> Alinea:
    def run(*arguments: str) -> Run:
        try:
            code = main(list(arguments))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
