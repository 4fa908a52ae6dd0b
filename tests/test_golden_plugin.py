"""The root conftest.py runs golden/ under pytest: one test per case, failures explained,
a malformed file reported where it is wrong, never as a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "golden-pytest"


def pytest_in(folder: Path, target: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", target]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def test_failures_and_malformed_files_read_like_alinea_test(tmp_path: Path) -> None:
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    shutil.copytree(FIXTURES, tmp_path / "golden")
    run = pytest_in(tmp_path, "golden")
    output = run.stdout + run.stderr
    assert run.returncode == 2  # a collection error stops the session
    assert "golden/date-impossible.yaml:3:5: error[G002]: date invalide « 2024-02-30 »" in output
    assert "Traceback" not in output
    run = pytest_in(tmp_path, "golden/echec.yaml")
    assert run.returncode == 1
    assert (
        "golden/echec.yaml:1: cas « en juin 2025 le plafond est de douze séances, pas huit » "
        "au 2025-06-01\n  mon_soutien_psy.plafond_seances : attendu 8, obtenu 12\n"
    ) in run.stdout
