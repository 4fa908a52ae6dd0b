"""Git revisions are read in memory (no checkout) and compared like folders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from alinea.cli.main import main
from alinea.diff import revision

FIXTURES = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "diff"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose regles/ holds the old rules at HEAD~1 and the new ones at HEAD."""
    git(tmp_path, "init", "-q", "-b", "main")
    rules = tmp_path / "regles"
    rules.mkdir()
    shutil.copy(FIXTURES / "ancien" / "aide.alinea", rules / "aide.alinea")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "ancien")
    shutil.copy(FIXTURES / "nouveau" / "aide.alinea", rules / "aide.alinea")
    git(tmp_path, "commit", "-q", "-am", "nouveau")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_files_of_a_revision_are_read_without_checkout(repo: Path) -> None:
    texts = revision.read(repo, "HEAD~1", [Path("regles")])
    assert list(texts) == ["HEAD~1:regles/aide.alinea"]
    assert "dix-huit ans" in texts["HEAD~1:regles/aide.alinea"]
    assert "seize ans" in (repo / "regles" / "aide.alinea").read_text(encoding="utf-8")


def test_two_revisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--date", "2026-01-01", "HEAD~1", "main", "--", "regles"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("alinea diff : HEAD~1:regles → main:regles\n")
    assert "[HEAD~1:regles/aide.alinea:23]" in out
    assert "modifié — valeur : 10000 € → 12000 €" in out


def test_one_revision_against_the_working_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "regles" / "aide.alinea").write_text(
        (FIXTURES / "ancien" / "aide.alinea").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["diff", "HEAD~1", "--date", "2026-01-01"]) == 0
    assert capsys.readouterr().out.endswith("aucun changement\n")
    assert main(["diff", "HEAD", "--date", "2026-01-01"]) == 1


def test_an_error_in_a_revision_is_located_in_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "regles" / "aide.alinea").write_text("donnée age : entier\n\nrègle x : entier\n  = y\n")
    git(repo, "commit", "-q", "-am", "cassé")
    assert main(["diff", "HEAD~1", "HEAD"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("alinea diff : la nouvelle version (HEAD:regles) a des erreurs :\n")
    assert "HEAD:regles/aide.alinea:4:5: error[E201]: nom inconnu « y »" in err


def test_a_path_outside_the_repository_is_a_usage_error_naming_it(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("ailleurs")
    assert main(["diff", "HEAD~1", str(outside)]) == 2
    assert capsys.readouterr().err.startswith(
        f"error[U003]: « {outside} » est hors du dépôt git {repo} : "
        "la révision HEAD~1 n'en a rien\n"
    )
