"""The golden cases of golden/, collected by pytest as one test per case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alinea.dsl import render_all
from alinea.engine import RuleBase, SituationError, load
from alinea.engine.compiler.loader import read_source
from alinea.engine.testing import golden

GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix in {".yaml", ".yml"} and GOLDEN in file_path.parents:
        return GoldenFile.from_parent(parent, path=file_path)
    return None


class GoldenFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            cases = golden.load(self.path)
        except SituationError as error:  # a located message, not a traceback
            raise self.CollectError(render_all(error.diagnostics, read_source)) from None
        for case in cases:
            yield GoldenCase.from_parent(self, name=case.name, case=case)


class GoldenCase(pytest.Item):
    def __init__(self, *, case: golden.Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        # pytest-lsp 1.0.1's call hook returns without yielding for an item that has no
        # `funcargs`, which fails every such item; a golden case takes no fixtures.
        self.funcargs: dict[str, Any] = {}

    def runtest(self) -> None:
        outcome = golden.run(_shared_rules(), self.case)
        if not outcome.passed:
            raise GoldenFailure(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, GoldenFailure):
            return golden.report(excinfo.value.outcome, read_source)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.case.line - 1, f"cas : {self.case.name}"


class GoldenFailure(Exception):
    def __init__(self, outcome: golden.Outcome) -> None:
        super().__init__(outcome.case.name)
        self.outcome = outcome


_SHARED: list[RuleBase] = []


def _shared_rules() -> RuleBase:
    if not _SHARED:
        _SHARED.append(load(cache=False))
    return _SHARED[0]
