"""`alinea doc` and `alinea explain --html`."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from alinea.cli.main import main
from tests.cli.cli_runner import Alinea, Run
from tests.unprivileged import alinea as unprivileged
from tests.unprivileged import shared_folder

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


@pytest.fixture
def small_copy(tmp_path: Path) -> Path:
    """A copy of the small rule base that a test may change."""
    rules = tmp_path / "regles"
    shutil.copytree(SMALL, rules)
    return rules


def doc(alinea: Alinea, rules: Path, out: Path | str) -> Run:
    return alinea("doc", str(rules), "-o", str(out), "--date", "2026-03-01")


def test_an_empty_output_is_refused_and_nothing_is_written(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "index.html").write_text("la page de l'utilisateur")
    result = alinea("doc", "-o", "")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error[U030]: -o : chemin vide\n"
        "   = aide : une variable non définie ? nommez le dossier du site : alinea doc -o site/\n"
        "\n1 erreur\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
    assert (tmp_path / "index.html").read_text() == "la page de l'utilisateur"


def test_a_foreign_folder_that_is_not_empty_is_refused(
    alinea: Alinea, small_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "travail"
    folder.mkdir()
    (folder / "index.html").write_text("la page de l'utilisateur")
    result = doc(alinea, small_copy, folder)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"error[E041]: le dossier {folder} n'est pas vide et n'est pas un site alinea : rien "
        "n'y est écrit\n"
        "   = aide : choisissez un dossier nouveau ou vide (un site alinea porte un fichier "
        ".alinea-site)\n\n1 erreur\n"
    )
    assert [p.name for p in folder.iterdir()] == ["index.html"]
    assert (folder / "index.html").read_text() == "la page de l'utilisateur"


def test_the_site_is_marked_with_the_files_it_wrote(
    alinea: Alinea, small_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert doc(alinea, small_copy, out).code == 0
    mark = json.loads((out / ".alinea-site").read_text(encoding="utf-8"))
    written = sorted(
        str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != ".alinea-site"
    )
    assert mark == {"format": 1, "outil": "alinea doc", "fichiers": written}
    assert "regles/aide.pieces.html" in written


def test_regeneration_removes_the_pages_of_deleted_rules_and_nothing_else(
    alinea: Alinea, small_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert doc(alinea, small_copy, out).code == 0
    (out / "notes.txt").write_text("mes notes")
    (out / "regles" / "a-moi.html").write_text("ma page")
    text = (small_copy / "aide.alinea").read_text(encoding="utf-8")
    start = text.index("règle aide.pieces")
    end = text.index("§ Code test art. 3")
    (small_copy / "aide.alinea").write_text(text[:start] + text[end:], encoding="utf-8")
    result = doc(alinea, small_copy, out)
    assert result.code == 0
    assert result.out == f"✓ {out / 'index.html'} : 8 pages, 5 diagrammes (droit au 2026-03-01)\n"
    assert not (out / "regles" / "aide.pieces.html").exists()
    assert (out / "regles" / "aide.montant.html").is_file()
    assert (out / "notes.txt").read_text() == "mes notes"
    assert (out / "regles" / "a-moi.html").read_text() == "ma page"
    assert not [p for p in out.iterdir() if p.name.startswith(".alinea-site-")]


def test_a_failure_midway_leaves_the_earlier_site_whole(
    alinea: Alinea, small_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    assert doc(alinea, small_copy, out).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setenv("PATH", str(tmp_path / "sans-graphviz"))
    result = doc(alinea, small_copy, out)
    assert result.code == 1
    assert "error[D001]: le programme « dot » de Graphviz est introuvable" in result.err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".alinea-site-")]


def test_a_new_folder_is_removed_again_when_the_site_cannot_be_drawn(
    alinea: Alinea, small_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "sans-graphviz"))
    assert doc(alinea, small_copy, tmp_path / "site").code == 1
    assert not (tmp_path / "site").exists()


def test_a_mark_alinea_cannot_read_is_not_trusted(
    alinea: Alinea, small_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / ".alinea-site").write_text('{"format": 1, "fichiers": ["../../ailleurs.txt"]}')
    result = doc(alinea, small_copy, out)
    assert result.code == 1
    assert result.err == (
        f"error[E042]: marque de site illisible : {out / '.alinea-site'} (format 1 attendu)\n"
        "   = aide : rien n'est écrit ; supprimez le dossier ou choisissez-en un autre\n"
        "\n1 erreur\n"
    )
    assert [p.name for p in out.iterdir()] == [".alinea-site"]


@pytest.mark.parametrize(
    ("where", "cause", "hint"),
    [
        ("fichier", "c'est un fichier", "choisissez un dossier nouveau ou vide"),
        ("fichier/site", f"{{tmp}}{os.sep}fichier n'est pas un dossier", None),
        ("/dev/null", "ce n'est pas un dossier", "choisissez un dossier nouveau ou vide"),
    ],
)
def test_a_target_that_is_not_a_folder_is_refused_with_its_path(
    alinea: Alinea, tmp_path: Path, where: str, cause: str, hint: str | None
) -> None:
    (tmp_path / "fichier").write_text("à garder")
    target = where if where.startswith("/") else str(tmp_path / where)
    result = alinea("doc", "-o", target)
    assert (result.code, result.out) == (1, "")
    aide = f"   = aide : {hint}\n" if hint else ""
    assert result.err == (
        f"error[E040]: écriture impossible de {target} : {cause.format(tmp=tmp_path)}\n{aide}"
        "\n1 erreur\n"
    )
    assert (tmp_path / "fichier").read_text() == "à garder"


def test_a_read_only_folder_is_refused_with_its_path() -> None:
    folder = shared_folder()
    try:
        (folder / "ro").mkdir()
        (folder / "ro").chmod(0o555)
        done = unprivileged("doc", SMALL, "-o", "ro", cwd=folder)
        assert (done.code, done.out) == (1, "")
        assert done.err == (
            "error[E040]: écriture impossible de ro : le dossier n'est pas accessible en "
            "écriture\n\n1 erreur\n"
        )
        done = unprivileged("doc", SMALL, "-o", "ro/site", cwd=folder)
        assert done.err == (
            "error[E040]: écriture impossible de ro/site : le dossier ro n'est pas accessible en "
            "écriture\n\n1 erreur\n"
        )
        assert list((folder / "ro").iterdir()) == []
    finally:
        shutil.rmtree(folder)


def test_explain_html_shows_how_a_derived_rate_is_obtained(
    capsys: pytest.CaptureFixture[str],
) -> None:
    situation = str(ROOT / "tests" / "regles" / "fixtures" / "psychiatre_dans_le_parcours.json")
    arguments = ["explain", "psychiatre.taux_remboursement", "-s", situation]
    assert main([*arguments, "--date", "2026-03-01", "--html"]) == 0
    page = capsys.readouterr().out
    assert (
        "psychiatre.base_de_remboursement - psychiatre.ticket_moderateur = 70 %  (100 % − 30 %)"
        '<span class="ref">§ CSS R.160-5 3°</span>'
    ) in page
    assert "ticket modérateur des consultations de médecin = 30 %" in page
