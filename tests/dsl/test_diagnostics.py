"""The catalogue of typical syntax mistakes: each fixture file and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import ROOT, Cli

FIXTURES = sorted((ROOT / "tests/dsl/fixtures/erreurs").glob("*.alinea"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_syntax_error_catalogue(path: Path, snapshot: SnapshotAssertion, cli: Cli) -> None:
    code, out, err = cli("check", str(path.relative_to(ROOT)))
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert err == snapshot


def test_catalogue_is_large_enough() -> None:
    assert len(FIXTURES) >= 15


def test_every_error_of_a_file_is_reported_in_one_run(cli: Cli) -> None:
    _, _, err = cli("check", "tests/dsl/fixtures/erreurs/plusieurs_erreurs.alinea")
    codes = [line.split("error[")[1][:4] for line in err.splitlines() if "error[" in line]
    assert codes == ["E015", "E002", "E010", "E005"]
    assert err.endswith("4 erreurs\n")
