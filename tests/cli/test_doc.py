"""`alinea doc` and `alinea explain --html`."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SMALL = str(ROOT / "tests" / "visualize" / "fixtures" / "base")
SEANCE = "mon_soutien_psy.seance_prise_en_charge"
VISIO = str(ROOT / "examples" / "premiere-seance-visio.json")


def test_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["doc", SMALL, "-o", str(out), "--date", "2026-03-01"]) == 0
    assert capsys.readouterr().out == (
        f"✓ {out / 'index.html'} : 9 pages, 6 diagrammes (droit au 2026-03-01)\n"
    )
    assert (out / "regles" / "aide.montant.html").is_file()
    assert (out / "style.css").is_file() and (out / "recherche.js").is_file()


def test_doc_needs_an_output_folder(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["doc"])
    assert exit.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        "alinea : erreur d'utilisation : argument obligatoire manquant : -o/--output"
    )


def test_explain_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "decision.html"
    arguments = [
        "explain",
        SEANCE,
        "-s",
        VISIO,
        "--date",
        "2026-03-01",
        "--html",
        "-o",
        str(target),
    ]
    assert main(arguments) == 0
    assert capsys.readouterr().out == f"✓ {target}\n"
    page = target.read_text(encoding="utf-8")
    assert "<strong>mon_soutien_psy.seance_prise_en_charge = faux</strong>" in page
    assert "modalite_seance = visio" in page
    assert '<svg role="figure"' in page
    assert "<h3>CSS R.162-68</h3>" in page
    assert "vidéotransmission" in page
    assert "<style>" in page and 'rel="stylesheet"' not in page


def test_explain_html_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", SEANCE, "-s", VISIO, "--date", "2026-03-01", "--html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            ["--html", "--json"],
            "error[U006]: choisissez --html ou --json, pas les deux\n\n1 erreur\n",
        ),
        (
            ["-o", "x.html"],
            "error[U006]: -o écrit la page HTML\n   = aide : ajoutez --html\n\n1 erreur\n",
        ),
    ],
)
def test_explain_usage(extra: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", SEANCE, "-s", VISIO, *extra]) == 2
    assert capsys.readouterr().err == message


def test_explain_html_out_of_force(tmp_path: Path) -> None:
    target = tmp_path / "avant.html"
    name = "mon_soutien_psy.tarif_seance"
    arguments = ["explain", name, "-s", VISIO, "--date", "2020-01-01", "--html", "-o", str(target)]
    assert main(arguments) == 0
    page = target.read_text(encoding="utf-8")
    assert "<strong>mon_soutien_psy.tarif_seance = non applicable</strong>" in page
    assert "Aucune version de cette règle n'est en vigueur au 1er janvier 2020" in page
    assert "<svg" not in page
