"""Every output option of every command: an empty path, `/dev/null`, a folder, a read-only
folder are refused before any work, with the path named; nothing else is touched."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.cli_runner import Alinea
from tests.conftest import ROOT
from tests.unprivileged import alinea as unprivileged
from tests.unprivileged import shared_folder

VISIO = str(ROOT / "examples" / "premiere-seance-visio.json")
AIDE = ROOT / "tests" / "fixtures" / "aide"
SEANCE = "mon_soutien_psy.seance_prise_en_charge"
DATE = ("--date", "2026-03-01")

# Each command with an output option, the option last so that the path can be appended.
WRITERS = {
    "graph": ["graph", SEANCE, *DATE, "-o"],
    "explain --html": ["explain", SEANCE, "-s", VISIO, *DATE, "--html", "-o"],
    "test --junit": [
        "test",
        str(AIDE / "golden" / "reussis.yaml"),
        "--rules",
        str(AIDE / "regles"),
        "--junit",
    ],
    "ask --enregistrer": ["ask", "mon_soutien_psy.eligible", *DATE, "--enregistrer"],
}
OPTION = {"graph": "-o", "explain --html": "-o", "test --junit": "--junit"}
SUFFIX = {"graph": ".svg", "explain --html": ".html", "test --junit": ".xml"}


@pytest.fixture
def readonly() -> Iterator[Path]:
    folder = shared_folder()
    (folder / "ro").mkdir()
    (folder / "ro").chmod(0o555)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.parametrize("command", WRITERS)
def test_an_empty_output_path_is_a_usage_error(alinea: Alinea, command: str) -> None:
    option = OPTION.get(command, "--enregistrer")
    result = alinea(*WRITERS[command], "")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"error[U030]: {option} : chemin vide\n"
        "   = aide : une variable non définie ? nommez le fichier à écrire\n\n1 erreur\n"
    )


@pytest.mark.parametrize("command", ["graph", "explain --html", "test --junit"])
def test_dev_null_and_a_folder_are_refused_before_any_work(
    alinea: Alinea, command: str, tmp_path: Path
) -> None:
    hint = "   = aide : sans cette option, la sortie va sur la sortie standard\n"
    result = alinea(*WRITERS[command], "/dev/null")
    assert (result.code, result.out) == (1, "")
    assert result.err.endswith(
        "error[E040]: écriture impossible de /dev/null : ce n'est pas un fichier ordinaire\n"
        f"{hint}\n1 erreur\n"
    )
    result = alinea(*WRITERS[command], str(tmp_path))
    assert result.err.endswith(
        f"error[E040]: écriture impossible de {tmp_path} : c'est un dossier\n{hint}\n1 erreur\n"
    )
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["graph", "explain --html", "test --junit"])
def test_a_read_only_folder_is_refused_with_the_path(command: str, readonly: Path) -> None:
    target = readonly / "ro" / f"sortie{SUFFIX[command]}"
    done = unprivileged(*WRITERS[command], str(target), cwd=readonly)
    assert (done.code, done.out) == (1, "")
    assert done.err.endswith(
        f"error[E040]: écriture impossible de {target} : permission refusée\n\n1 erreur\n"
    )
    assert list((readonly / "ro").iterdir()) == []


def test_no_temporary_file_is_left_beside_a_page_written(alinea: Alinea, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    assert alinea(*WRITERS["explain --html"], str(target)).code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_an_output_never_overwrites_a_file_the_command_reads(
    alinea: Alinea, tmp_path: Path
) -> None:
    situation = tmp_path / "situation.json"
    shutil.copy(VISIO, situation)
    before = situation.read_bytes()
    result = alinea("explain", SEANCE, "-s", str(situation), *DATE, "--html", "-o", str(situation))
    assert result.code == 1
    assert result.err.endswith(
        f"error[E040]: écriture impossible de {situation} : c'est un fichier que la commande "
        "lit\n   = aide : choisissez un autre fichier de sortie\n\n1 erreur\n"
    )
    assert situation.read_bytes() == before
