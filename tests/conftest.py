"""Shared fixtures."""

from __future__ import annotations

import pytest

from alinea.engine import RuleBase, load


@pytest.fixture(scope="session")
def rules() -> RuleBase:
    """The bundled rule base, compiled once for the session."""
    return load(cache=False)
