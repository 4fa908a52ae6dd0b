"""`alinea fmt`: rewrites in place, or with --check lists what would change; never loses text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.cli.commands import fmt
from alinea.dsl.formatter import format_text
from alinea.engine import files
from tests.cli.cli_runner import Alinea
from tests.unprivileged import alinea as unprivileged
from tests.unprivileged import shared_folder

FIXTURES = Path(__file__).parent / "fixtures" / "fmt"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with a regles/ folder: one file in form, one to reformat."""
    rules = tmp_path / "regles"
    rules.mkdir()
    for name in ("en-forme.alinea", "a-reformater.alinea"):
        shutil.copy(FIXTURES / name, rules / name)
    monkeypatch.chdir(tmp_path)
    return rules


def test_check_lists_the_files_to_reformat_with_a_diff_and_writes_nothing(
    alinea: Alinea, folder: Path, snapshot: SnapshotAssertion
) -> None:
    before = (folder / "a-reformater.alinea").read_text(encoding="utf-8")
    result = alinea("fmt", "--check", "regles")
    assert result.code == 1
    assert result.out == snapshot
    assert result.err == ""
    assert (folder / "a-reformater.alinea").read_text(encoding="utf-8") == before


def test_fmt_rewrites_in_place_then_finds_nothing_to_do(alinea: Alinea, folder: Path) -> None:
    original = (FIXTURES / "a-reformater.alinea").read_text(encoding="utf-8")
    first = alinea("fmt")
    assert (first.code, first.err) == (0, "règles : ./regles (2 fichiers)\n")
    assert first.out == (
        "reformaté : regles/a-reformater.alinea\n1 fichier reformaté, 1 déjà en forme\n"
    )
    assert (folder / "a-reformater.alinea").read_text(encoding="utf-8") == format_text(original)
    second = alinea("fmt", "--check")
    assert (second.code, second.out) == (0, "0 fichier à reformater, 2 déjà en forme\n")


def test_a_file_that_does_not_parse_is_reported_and_the_others_are_formatted(
    alinea: Alinea, folder: Path
) -> None:
    shutil.copy(FIXTURES / "casse.alinea", folder / "casse.alinea")
    result = alinea("fmt", "regles")
    assert result.code == 1
    assert result.out.splitlines()[-1] == "1 fichier reformaté, 1 déjà en forme"
    assert result.err.startswith("regles/casse.alinea:2:12: error[E006]: texte non terminé\n")
    assert (folder / "casse.alinea").read_text() == (FIXTURES / "casse.alinea").read_text()


def test_without_paths_and_without_a_regles_folder_it_is_a_usage_error(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = alinea("fmt")
    assert result.code == 2
    assert result.err == (
        "error[U004]: aucun dossier regles/ ici : quels fichiers mettre en forme ?\n"
        "   = aide : indiquez des fichiers .alinea ou des dossiers : alinea fmt regles/\n"
        "\n1 erreur\n"
    )


def test_a_dash_formats_standard_input_to_standard_output(
    alinea: Alinea, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (FIXTURES / "a-reformater.alinea").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    result = alinea("fmt", "-")
    assert (result.code, result.out) == (0, format_text(text))
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert alinea("fmt", "--check", "-").code == 1


def test_a_file_is_never_written_when_formatting_would_lose_a_comment(
    alinea: Alinea, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lossy(text: str, path: str = "<texte>") -> str:
        return "\n".join(
            line.split("#")[0].rstrip() for line in format_text(text, path).split("\n")
        )

    monkeypatch.setattr(fmt, "format_text", lossy)
    before = (folder / "a-reformater.alinea").read_text(encoding="utf-8")
    result = alinea("fmt", "regles")
    assert result.code == 1
    assert "la mise en forme de regles/a-reformater.alinea perdrait du contenu" in result.err
    assert (folder / "a-reformater.alinea").read_text(encoding="utf-8") == before


def test_a_file_that_cannot_be_written_is_reported_and_left_as_it_was(
    alinea: Alinea, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied", target)

    before = (folder / "a-reformater.alinea").read_text(encoding="utf-8")
    monkeypatch.setattr(files.os, "replace", refuse)
    result = alinea("fmt", "regles")
    assert result.code == 1
    assert result.err == (
        "error[E040]: écriture impossible de regles/a-reformater.alinea : permission refusée\n"
        "\n1 erreur\n"
    )
    assert result.out.splitlines()[-1] == "0 fichier reformaté, 1 déjà en forme"
    assert (folder / "a-reformater.alinea").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in folder.iterdir()) == ["a-reformater.alinea", "en-forme.alinea"]


def test_a_symbolic_link_keeps_being_a_link_and_its_target_is_formatted(
    alinea: Alinea, folder: Path
) -> None:
    elsewhere = folder.parent / "ailleurs"
    elsewhere.mkdir()
    (folder / "a-reformater.alinea").rename(elsewhere / "vrai.alinea")
    (folder / "lien.alinea").symlink_to("../ailleurs/vrai.alinea")
    result = alinea("fmt")
    assert result.code == 0
    assert "reformaté : ailleurs/vrai.alinea" in result.out
    assert (folder / "lien.alinea").is_symlink()
    original = (FIXTURES / "a-reformater.alinea").read_text(encoding="utf-8")
    assert (elsewhere / "vrai.alinea").read_text(encoding="utf-8") == format_text(original)


def test_a_private_file_stays_private(alinea: Alinea, folder: Path) -> None:
    private = folder / "a-reformater.alinea"
    private.chmod(0o600)
    assert alinea("fmt").code == 0
    assert private.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["a-reformater.alinea", "en-forme.alinea"]


def test_a_read_only_file_is_reported_and_left_as_it_was() -> None:
    folder = shared_folder()
    try:
        (folder / "regles").mkdir(mode=0o777)
        (folder / "regles").chmod(0o777)
        locked = folder / "regles" / "a-reformater.alinea"
        shutil.copy(FIXTURES / "a-reformater.alinea", locked)
        locked.chmod(0o444)
        done = unprivileged("fmt", cwd=folder)
        assert done.code == 1
        assert done.err == (
            "règles : ./regles (1 fichier)\n"
            "error[E040]: écriture impossible de regles/a-reformater.alinea : fichier en lecture "
            "seule\n\n1 erreur\n"
        )
        assert locked.read_bytes() == (FIXTURES / "a-reformater.alinea").read_bytes()
        assert [p.name for p in (folder / "regles").iterdir()] == ["a-reformater.alinea"]
    finally:
        shutil.rmtree(folder)
