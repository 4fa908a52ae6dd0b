"""Fixtures of the veille tests: two small rule bases and the LEGI extract made for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.engine import load
from alinea.engine.compiler.program import Program
from alinea.veille import legi

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def signale() -> Program:
    """A base where each section triggers one finding (fixtures/README.md lists them)."""
    return load(FIXTURES / "signale", cache=False).program


@pytest.fixture(scope="session")
def propre() -> Program:
    """A base with nothing to report against the fixture extract."""
    return load(FIXTURES / "propre", cache=False).program


@pytest.fixture(scope="session")
def extract() -> legi.Extract:
    return legi.load(FIXTURES / "legi.json")
