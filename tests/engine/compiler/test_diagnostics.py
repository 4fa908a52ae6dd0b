"""The catalogue of typical compile mistakes: each fixture file and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import ROOT, Cli

FIXTURES = sorted((ROOT / "tests/engine/fixtures/erreurs").glob("*.alinea"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_compile_error_catalogue(path: Path, snapshot: SnapshotAssertion, cli: Cli) -> None:
    code, out, err = cli("check", str(path.relative_to(ROOT)))
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert err == snapshot


def test_catalogue_covers_each_pass() -> None:
    names = {p.stem for p in FIXTURES}
    assert {"nom_inconnu", "type_incompatible", "unite_manquante", "regle_sans_source"} <= names
    assert {"versions_avec_trou", "versions_chevauchantes", "exceptions_en_cycle"} <= names
    assert "dependance_circulaire" in names
