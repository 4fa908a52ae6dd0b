"""`engine.files.write`: atomic, through links, keeping mode; refusals name the path."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from alinea.dsl.errors import AlineaError, UsageError
from alinea.engine import files


def message(error: pytest.ExceptionInfo[AlineaError]) -> str:
    (diagnostic,) = error.value.diagnostics
    return f"{diagnostic.code}: {diagnostic.message}"


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "vrai.txt"
    target.write_text("avant")
    link = tmp_path / "lien.txt"
    link.symlink_to(target.name)
    files.write_text(link, "après")
    assert link.is_symlink() and os.readlink(link) == "vrai.txt"
    assert target.read_text() == "après"


def test_the_mode_of_the_file_replaced_is_kept(tmp_path: Path) -> None:
    private = tmp_path / "prive.txt"
    private.write_text("secret")
    private.chmod(0o600)
    files.write_text(private, "toujours secret")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text() == "toujours secret"


def test_a_new_file_gets_the_default_mode_of_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        files.write_text(tmp_path / "neuf.txt", "x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "neuf.txt").stat().st_mode) == 0o640


def test_no_temporary_file_is_left_when_the_replacement_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.html"
    target.write_text("ancienne")

    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(AlineaError) as error:
        files.write_text(target, "nouvelle")
    assert message(error) == f"E040: écriture impossible de {target} : plus de place sur le disque"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert target.read_text() == "ancienne"


def test_dev_null_is_refused_and_never_replaced() -> None:
    before = os.stat("/dev/null")
    with pytest.raises(AlineaError) as error:
        files.write_text("/dev/null", "x")
    assert message(error) == (
        "E040: écriture impossible de /dev/null : ce n'est pas un fichier ordinaire"
    )
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.parametrize(
    ("where", "cause"),
    [
        ("dossier", "c'est un dossier"),
        ("fichier/sous", "un élément du chemin n'est pas un dossier"),
        ("absent/x", "le dossier qui doit le contenir n'existe pas"),
    ],
)
def test_a_target_that_cannot_be_a_file_is_refused_with_its_path(
    tmp_path: Path, where: str, cause: str
) -> None:
    (tmp_path / "dossier").mkdir()
    (tmp_path / "fichier").write_text("à garder")
    with pytest.raises(AlineaError) as error:
        files.write_text(tmp_path / where, "x")
    assert message(error) == f"E040: écriture impossible de {tmp_path / where} : {cause}"
    assert (tmp_path / "fichier").read_text() == "à garder"


def test_an_empty_output_path_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as error:
        files.checked_target("", option="--junit")
    (diagnostic,) = error.value.diagnostics
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (
        "U030",
        "--junit : chemin vide",
        "une variable non définie ? nommez le fichier à écrire",
    )
