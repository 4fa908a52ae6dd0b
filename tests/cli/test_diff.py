"""`alinea diff` from the command line: outputs (snapshots), exit codes, errors by side."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = "tests/engine/fixtures/diff"
PAIR = [f"{FIXTURES}/ancien", f"{FIXTURES}/nouveau", "--date", "2026-01-01"]
GOLDEN = ["--golden", f"{FIXTURES}/golden"]


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", ["text", "json", "markdown"])
def test_diff_of_two_rule_bases(
    capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion, form: str
) -> None:
    flags = {"text": [], "json": ["--json"], "markdown": ["--markdown"]}[form]
    code, out, err = run(capsys, "diff", *PAIR, *GOLDEN, *flags)
    assert (code, err) == (1, "")
    assert out == snapshot


def test_json_says_which_golden_case_flips(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "diff", *PAIR, *GOLDEN, "--json")
    golden = json.loads(out)["golden"]
    assert golden["cases"] == 2
    (flip,) = golden["flips"]
    assert flip["case"] == "étudiante de dix-sept ans"
    assert (flip["passes_old"], flip["passes_new"]) == (True, False)
    assert flip["conclusions"][0] == {"conclusion": "aide.eligible", "old": "faux", "new": "vrai"}


def test_no_change_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", f"{FIXTURES}/ancien", f"{FIXTURES}/ancien", *GOLDEN)
    assert code == 0
    assert out.endswith("aucun changement\n")


def test_the_law_at_two_dates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "--dates", "2025-05-01", "2025-06-01", "--golden", "golden")
    assert code == 1
    assert out.startswith("alinea diff : droit au 1er mai 2025 → droit au 1er juin 2025\n")
    assert (
        "~ paramètre mon_soutien_psy.plafond_annuel — modifié\n    modifié — valeur : 8 → 12" in out
    )
    assert (
        "mon_soutien_psy.plafond_seances : 1 témoin — recherche symbolique, exhaustive\n"
        "  témoin 1 (symbolique) : aucune donnée (vrai de toute situation)\n"
        "    avant : 8    après : 12\n"
    ) in out
    assert "mon_soutien_psy.eligible : 1 témoin — recherche symbolique, exhaustive" in out


def test_rule_errors_say_which_side(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", f"{FIXTURES}/ancien", f"{FIXTURES}/erreur")
    assert (code, out) == (3, "")
    assert err == (
        f"alinea diff : la nouvelle version ({FIXTURES}/erreur) a des erreurs :\n"
        f"{FIXTURES}/erreur/aide.alinea:5:12: error[E201]: nom inconnu « seuil_age »\n"
        "   5 |   = age >= seuil_age\n"
        "     |            ^^^^^^^^^\n"
        "   = aide : déclarez-le comme donnée, paramètre ou règle\n\n"
        "1 erreur\n"
    )


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", "nulle-part")
    assert code == 2
    assert err == (
        "error[U011]: « nulle-part » n'est ni un fichier, ni un dossier, ni une révision git\n"
        "   = aide : voir « alinea diff --help »\n\n"
        "1 erreur\n"
    )
    code, _, err = run(capsys, "diff", f"{FIXTURES}/ancien")
    assert code == 2
    assert "donnez deux fichiers ou dossiers" in err


SMALL = ROOT / "tests" / "visualize" / "fixtures" / "base"
RECIPE = next(
    line
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    if line.startswith("git config diff.alinea.command ")
)


@pytest.fixture
def base_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working tree whose regles/ holds the small base (aide.alinea uses the facts of
    donnees.alinea), and an old copy of aide.alinea elsewhere, as git would hand it."""
    shutil.copytree(SMALL, tmp_path / "regles")
    (tmp_path / "copies").mkdir()
    shutil.copy(SMALL / "aide.alinea", tmp_path / "copies" / "ancien.alinea")
    text = (SMALL / "aide.alinea").read_text(encoding="utf-8")
    (tmp_path / "regles" / "aide.alinea").write_text(
        text.replace("100 € depuis 2020-01-01", "120 € depuis 2020-01-01"), encoding="utf-8"
    )
    shutil.copy(tmp_path / "regles" / "aide.alinea", tmp_path / "copies" / "nouveau.alinea")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_files_are_compared_within_the_base_of_the_new_one(
    capsys: pytest.CaptureFixture[str], base_copy: Path
) -> None:
    code, out, err = run(capsys, "diff", "copies/ancien.alinea", "regles/aide.alinea", "--json")
    assert (code, err) == (1, "")
    (change,) = json.loads(out)["changes"]
    assert change["name"] == "aide.base"


def test_temporary_copies_are_read_within_the_base_named_by_chemin(
    capsys: pytest.CaptureFixture[str], base_copy: Path
) -> None:
    copies = ["copies/ancien.alinea", "copies/nouveau.alinea"]
    code, out, err = run(capsys, "diff", "--chemin", "regles/aide.alinea", *copies)
    assert (code, err) == (1, "")
    assert out.startswith("alinea diff : ancien:regles/aide.alinea → nouveau:regles/aide.alinea\n")
    assert "~ paramètre aide.base — modifié" in out


def test_copies_outside_any_base_without_chemin_are_rule_errors(
    capsys: pytest.CaptureFixture[str], base_copy: Path
) -> None:
    code, out, err = run(capsys, "diff", "copies/ancien.alinea", "copies/nouveau.alinea")
    assert (code, out) == (3, "")
    assert "error[E201]: nom inconnu « age »" in err


def test_an_added_file_is_compared_with_dev_null(
    capsys: pytest.CaptureFixture[str], base_copy: Path
) -> None:
    (base_copy / "regles" / "neuf.alinea").write_text("donnée neuve : entier\n", encoding="utf-8")
    code, out, err = run(
        capsys, "diff", "--chemin", "regles/neuf.alinea", "/dev/null", "regles/neuf.alinea"
    )
    assert (code, err) == (1, "")
    assert "+ donnée neuve — ajouté" in out


def test_chemin_goes_with_two_files(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", "--chemin", "x.alinea", f"{FIXTURES}/ancien")
    assert code == 2
    assert err == (
        "error[U011]: --chemin va avec deux fichiers : alinea diff --chemin CHEMIN ANCIEN "
        "NOUVEAU\n   = aide : voir « alinea diff --help »\n\n1 erreur\n"
    )


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": path},
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the small base, configured with the README's recipe."""
    shutil.copytree(SMALL, tmp_path / "regles")
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / ".gitattributes").write_text("*.alinea diff=alinea\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    subprocess.run(RECIPE, shell=True, cwd=tmp_path, check=True)
    return tmp_path


def test_the_readme_recipe_reads_each_file_within_its_base(repo: Path) -> None:
    aide = repo / "regles" / "aide.alinea"
    aide.write_text(aide.read_text(encoding="utf-8").replace("100 €", "120 €"), encoding="utf-8")
    done = git(repo, "diff", "regles/")
    assert done.returncode == 0, done.stderr
    assert "nom inconnu" not in done.stderr
    assert "~ paramètre aide.base — modifié" in done.stdout


def test_the_readme_recipe_stops_git_on_rule_errors(repo: Path) -> None:
    aide = repo / "regles" / "aide.alinea"
    aide.write_text(aide.read_text(encoding="utf-8") + "\nrègle z : entier\n  = absent\n")
    done = git(repo, "diff", "regles/")
    assert done.returncode != 0
    assert "error[E201]: nom inconnu « absent »" in done.stderr
    assert "external diff died" in done.stderr
