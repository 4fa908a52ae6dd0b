"""The example in each pass's docstring runs, and says what the pass reports and writes."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

from alinea.engine.compiler import passes

MODULES = [
    importlib.import_module(f"{passes.__name__}.{info.name}")
    for info in pkgutil.iter_modules(passes.__path__)
]
PASSES = [module for module in MODULES if module.__name__ != f"{passes.__name__}.trial"]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_the_docstring_examples_of_a_pass_run(module: ModuleType) -> None:
    outcome = doctest.testmod(module, verbose=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert outcome.attempted > 0, "a pass without an example"
    assert outcome.failed == 0


@pytest.mark.parametrize("module", PASSES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_each_pass_says_what_it_writes(module: ModuleType) -> None:
    assert "Writes" in (module.__doc__ or "")


def test_every_pass_of_the_stages_has_its_module_here() -> None:
    names = {run.__module__ for stage in passes.STAGES for run in stage}
    assert names == {module.__name__ for module in PASSES}
