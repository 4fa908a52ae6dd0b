"""`alinea graph`: DOT on stdout, files by extension, highlighted paths, usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.cli.main import main
from tests.conftest import LOCAL_RULES

ROOT = Path(__file__).resolve().parents[2]
SMALL = str(ROOT / "tests" / "visualize" / "fixtures" / "base")
SEANCE = "mon_soutien_psy.seance_prise_en_charge"
VISIO = str(ROOT / "examples" / "premiere-seance-visio.json")


def test_dot_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", SEANCE, "--date", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('digraph "mon_soutien_psy.seance_prise_en_charge" {')
    assert "§ CSS R.162-65" in out and "§ CSS R.162-68" in out


def test_svg_cites_the_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "seance.svg"
    assert main(["graph", SEANCE, "--date", "2026-03-01", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"✓ {target}\n"
    svg = target.read_text(encoding="utf-8")
    assert "§ CSS R.162&#45;65" in svg and "§ CSS R.162&#45;68" in svg


def test_situation_highlights_visio(tmp_path: Path) -> None:
    target = tmp_path / "seance.svg"
    assert main(["graph", SEANCE, "-s", VISIO, "--date", "2026-03-01", "-o", str(target)]) == 0
    svg = target.read_text(encoding="utf-8")
    assert "modalite_seance = visio" in svg
    assert "✗ faux (visio = presentiel)" in svg
    assert 'stroke-width="3"' in svg


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_paper_formats_fit_a4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, magic: bytes
) -> None:
    target = tmp_path / f"reste.{suffix}"
    name = "mon_soutien_psy.reste_a_charge"
    assert main(["graph", name, "--date", "2026-03-01", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(magic)
    assert capsys.readouterr().out == (
        "(A4 : les règles lues sont repliées pour tenir sur la page ; voir leurs pages)\n"
        f"✓ {target}\n"
    )


def test_deps_of_a_subject(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--deps", "aide", SMALL]) == 0
    out = capsys.readouterr().out
    assert out.startswith("digraph dependances_aide {")
    assert "fichier " in out and "donnees.alinea" in out


@pytest.mark.parametrize(
    "arguments, message",
    [
        (
            ["graph"],
            "alinea : erreur d'utilisation… nommez la conclusion à dessiner, ou demandez --deps",
        ),
        (["graph", SEANCE, "-o", "x.jpg"], "format de sortie inconnu « .jpg »"),
        (
            ["graph", "--deps", "-s", VISIO],
            "--deps dessine toute la base ou un sujet : sans NOM ni --situation",
        ),
        (["graph", "--deps", "inexistant"], "sujet inconnu « inexistant »"),
        (["graph", "mon_soutien_psy.eligble"], "conclusion inconnue « mon_soutien_psy.eligble »"),
    ],
)
def test_usage_errors(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert message.split("… ")[-1] in err


def test_usage_error_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", SEANCE, "-o", "x.jpg"]) == 2
    assert capsys.readouterr().err == (
        "error[U006]: format de sortie inconnu « .jpg »\n"
        "   = aide : choisissez un fichier .dot, .svg, .png ou .pdf\n"
        "\n"
        "1 erreur\n"
    )


def test_missing_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["graph", SEANCE, "--date", "2026-03-01", "-o", str(tmp_path / "x.svg")]) == 1
    assert capsys.readouterr().err == LOCAL_RULES + (
        "error[D001]: le programme « dot » de Graphviz est introuvable\n"
        "   = aide : installez Graphviz (paquet Debian « graphviz » : apt-get install graphviz ; "
        "macOS : brew install graphviz), puis relancez\n"
        "\n"
        "1 erreur\n"
    )
    assert not (tmp_path / "x.svg").exists()


def test_an_output_in_a_missing_folder_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "absent" / "x.dot"
    assert main(["graph", SEANCE, "--date", "2026-03-01", "-o", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"error[E040]: écriture impossible de {target} : le dossier qui doit le contenir "
        "n'existe pas\n\n1 erreur\n"
    )
