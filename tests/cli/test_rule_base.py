"""Which rule base each command reads, said on stderr; a file checked within its base."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from alinea.engine import load
from alinea.engine.compiler.loader import bundled
from alinea.engine.testing import golden
from tests.cli.cli_runner import Alinea
from tests.conftest import ROOT

SMALL = ROOT / "tests" / "visualize" / "fixtures" / "base"
AIDE = ROOT / "tests" / "fixtures" / "aide"
BUNDLED_FILES = len(list(bundled().rglob("*.alinea")))


@pytest.fixture
def own_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with its own `regles/` (the small base) and `golden/` cases."""
    shutil.copytree(AIDE / "regles", tmp_path / "regles")
    (tmp_path / "golden").mkdir()
    shutil.copy(AIDE / "golden" / "reussis.yaml", tmp_path / "golden")
    (tmp_path / "s.json").write_text('{"age": 20, "revenus": 100}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["eval", "-s", "s.json", "--date", "2026-03-01"],
        ["eval", "-s", "s.json", "--date", "2026-03-01", "--json"],
        ["graph", "--deps"],
        ["fmt", "--check"],
    ],
)
def test_every_command_reads_the_local_regles_and_says_so(
    alinea: Alinea, own_base: Path, command: list[str]
) -> None:
    result = alinea(*command)
    assert result.code == 0, result.err
    assert result.err == "règles : ./regles (1 fichier)\n"


def test_eval_uses_the_local_rules_not_the_bundled_ones(alinea: Alinea, own_base: Path) -> None:
    result = alinea("eval", "-s", "s.json", "--date", "2026-03-01", "--json")
    local = load(own_base / "regles", cache=False).conclusions
    assert list(json.loads(result.out)["conclusions"]) == local
    assert not any(name.startswith("mon_soutien_psy.") for name in local)


def test_test_runs_the_local_golden_cases_against_the_local_rules(
    alinea: Alinea, own_base: Path
) -> None:
    result = alinea("test")
    assert result.code == 0
    assert result.err == "cas : ./golden (1 fichier)\nrègles : ./regles (1 fichier)\n"
    cases = len(golden.load(own_base / "golden" / "reussis.yaml"))
    assert result.out.endswith(f"{cases} cas : {cases} réussis\n")


def test_without_a_local_base_the_bundled_one_is_read_and_named(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = alinea("check", "--date", "2025-06-01")
    assert result.code == 0
    assert result.err == f"règles : base fournie ({BUNDLED_FILES} fichiers)\n"


def test_paths_named_are_read_as_they_are_without_a_word(alinea: Alinea, own_base: Path) -> None:
    result = alinea("check", str(SMALL))
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("✓ 2 fichiers : ")


def test_fmt_never_formats_the_bundled_base(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = alinea("fmt")
    assert result.code == 2
    assert "error[U004]: aucun dossier regles/ ici" in result.err


def test_one_file_of_a_base_is_checked_without_false_errors(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = alinea("check", str(bundled() / "css.alinea"), "--date", "2025-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        f"règles : regles/css.alinea, dans la base fournie ({BUNDLED_FILES} fichiers)\n"
    )
    assert result.out.startswith("✓ 1 fichier : 9 données, ")


def test_one_file_is_checked_within_its_regles_folder(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SMALL, tmp_path / "regles")
    monkeypatch.chdir(tmp_path)
    result = alinea("check", "regles/aide.alinea")
    assert result.code == 0
    assert result.err == "règles : regles/aide.alinea, dans la base ./regles (2 fichiers)\n"
    assert result.out == (
        "✓ 1 fichier : 0 donnée, 1 paramètre, 3 règles dont 2 conclusions — aucune erreur\n"
    )


def test_only_the_errors_of_the_file_named_are_reported(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SMALL, tmp_path / "regles")
    (tmp_path / "regles" / "autre.alinea").write_text(
        "règle autre.x : entier\n  = inconnu_ailleurs\n", encoding="utf-8"
    )
    (tmp_path / "regles" / "casse.alinea").write_text(
        "règle casse.y : entier\n  = age + absent_ici\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = alinea("check", "regles/casse.alinea")
    assert result.code == 1
    assert result.err == (
        "règles : regles/casse.alinea, dans la base ./regles (4 fichiers)\n"
        "regles/casse.alinea:2:11: error[E201]: nom inconnu « absent_ici »\n"
        "   2 |   = age + absent_ici\n"
        "     |           ^^^^^^^^^^\n"
        "   = aide : déclarez-le comme donnée, paramètre ou règle\n\n"
        "error[E045]: vérification incomplète : la base ./regles a 1 erreur dans d'autres "
        "fichiers, qui arrêtent les étapes suivantes\n"
        "   = aide : les voir : alinea check ./regles\n\n"
        "2 erreurs\n"
    )


def test_a_file_outside_any_regles_folder_is_read_alone(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = alinea("check", str(SMALL / "aide.alinea"))
    assert result.code == 1
    assert result.err.startswith(f"{SMALL / 'aide.alinea'}:")
    assert "error[E201]: nom inconnu « age »" in result.err


def test_a_checkout_named_regles_is_not_a_rule_base(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repository cloned into a folder named `regles` holds fixtures, not one rule base."""
    checkout = tmp_path / "regles"
    (checkout / ".git").mkdir(parents=True)
    shutil.copytree(SMALL, checkout / "tests" / "base")
    monkeypatch.chdir(tmp_path)
    result = alinea("check", str(checkout / "tests" / "base" / "aide.alinea"))
    assert result.code == 1
    assert "error[E201]: nom inconnu « age »" in result.err
    assert "dans la base" not in result.err
