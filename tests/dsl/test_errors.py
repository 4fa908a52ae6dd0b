"""Each error is raised with the class of its phase, carrying codes of that phase: a caller
that catches `CompileError` or `EvaluationError` gets exactly the problems of that stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.dsl import parser
from alinea.dsl.codes import Phase, registry
from alinea.dsl.errors import (
    AlineaError,
    CompileError,
    ConflictError,
    EvaluationError,
    GoldenError,
    RuleSyntaxError,
)
from alinea.engine import load
from alinea.engine.testing import golden
from tests.conftest import ROOT

SYNTAX = sorted((ROOT / "tests/dsl/fixtures/erreurs").glob("*.alinea"))
COMPILE = sorted((ROOT / "tests/engine/fixtures/erreurs").glob("*.alinea"))
GOLDEN = sorted((ROOT / "tests/engine/fixtures/golden").glob("*.yaml"))


def phases(error: AlineaError) -> set[Phase]:
    return {registry()[d.code].phase for d in error.diagnostics}


@pytest.mark.parametrize("path", SYNTAX, ids=lambda p: p.stem)
def test_a_syntax_error_is_raised_while_reading(path: Path) -> None:
    with pytest.raises(RuleSyntaxError) as error:
        parser.parse(path.read_text(encoding="utf-8"), str(path))
    assert phases(error.value) == {Phase.SYNTAX}


@pytest.mark.parametrize("path", COMPILE, ids=lambda p: p.stem)
def test_a_compile_error_is_raised_while_checking(path: Path) -> None:
    with pytest.raises(CompileError) as error:
        load(path, cache=False)
    assert Phase.COMPILE in phases(error.value)
    assert phases(error.value) <= {Phase.COMPILE, Phase.WARNING}


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_a_malformed_golden_file_is_a_golden_error(path: Path) -> None:
    with pytest.raises(GoldenError) as error:
        golden.load(path)
    assert phases(error.value) <= {Phase.GOLDEN, Phase.SITUATION}


def test_a_conflict_is_an_evaluation_error() -> None:
    base = load(ROOT / "tests/engine/fixtures/semantique.alinea", cache=False)
    facts = {"statut": "salarie", "age": 101, "membre": True}
    with pytest.raises(EvaluationError) as error:
        base.evaluate(facts, date="2021-03-01", only=["test.taux"])
    assert isinstance(error.value, ConflictError)
    assert phases(error.value) == {Phase.EVALUATION}
