"""The extract made from the npm package: which articles, which dates, which texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alinea.engine.compiler.program import Program
from alinea.veille.build import cited, extract, main

FIXTURES = Path(__file__).parent / "fixtures"
PACKAGE = FIXTURES / "paquet"


def test_the_fixture_extract_is_what_the_builder_writes(signale: Program) -> None:
    written = json.loads((FIXTURES / "legi.json").read_text(encoding="utf-8"))
    assert extract(PACKAGE, cited(signale)) == written


def test_only_cited_articles_of_held_codes_are_kept(signale: Program) -> None:
    document = extract(PACKAGE, cited(signale))
    assert [a["number"] for a in document["articles"]] == [
        "L162-30-2",
        "L162-58",
        "L861-1",
        "R162-64",
    ]
    assert document["absent"] == [{"code": "Code de la sécurité sociale", "number": "L999-99"}]
    assert document["codes"] == [
        {
            "id": "LEGITEXT000006073189",
            "title": "Code de la sécurité sociale",
            "consolidated": "2026-03-14",
        }
    ]
    assert document["source"] == {
        "package": "@socialgouv/legi-data",
        "version": "2.513.0-extrait-de-test",
    }


def test_versions_end_on_their_last_day_and_open_versions_have_no_end(signale: Program) -> None:
    articles = {a["number"]: a for a in extract(PACKAGE, cited(signale))["articles"]}
    versions = articles["L162-58"]["versions"]
    assert versions[-2:] == [
        {
            "id": "LEGIARTI000051285006",
            "number": "4.0",
            "state": "ABROGE_DIFF",
            "start": "2025-02-28",
            "end": "2026-09-30",
        },
        {
            "id": "LEGIARTI000053283035",
            "number": "5.0",
            "state": "VIGUEUR_DIFF",
            "start": "2026-10-01",
            "end": None,
        },
    ]
    assert articles["L162-58"]["amended_by"] == [
        {
            "title": "LOI n°2025-199 du 28 février 2025 - art. 66 (V)",
            "kind": "MODIFIE",
            "date": "2025-03-01",
        }
    ]


def test_the_held_text_is_kept_with_its_spaces_normalised(signale: Program) -> None:
    articles = {a["number"]: a for a in extract(PACKAGE, cited(signale))["articles"]}
    (text,) = articles["L861-1"]["texts"].values()
    assert "revalorisé au 1er avril de chaque année" in text  # a non-breaking space in LEGI
    assert "\u00a0" not in text and "  " not in text
    assert list(articles["L861-1"]["texts"]) == [articles["L861-1"]["id"]]


def test_the_command_writes_the_extract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "legi.json"
    code = main([str(PACKAGE), str(FIXTURES / "signale"), "-o", str(out)])
    assert code == 0
    assert capsys.readouterr().out == (
        f"✓ {out} : 4 articles, 1 absent(s) du jeu LEGI (2.513.0-extrait-de-test ; "
        "Code de la sécurité sociale au 14/03/2026)\n"
    )
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        (FIXTURES / "legi.json").read_text(encoding="utf-8")
    )


def test_a_folder_without_legi_data_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([str(tmp_path), str(FIXTURES / "signale"), "-o", str(tmp_path / "x.json")])
    assert code == 2
    assert capsys.readouterr().err == (
        f"error[U052]: aucun code LEGI sous « {tmp_path / 'data'} »\n"
        "   = aide : donnez le dossier du paquet installé : node_modules/@socialgouv/legi-data\n"
        "\n1 erreur\n"
    )
    assert not (tmp_path / "x.json").exists()


def test_an_unknown_legi_state_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = FIXTURES / "paquet-inattendu"
    code = main([str(package), str(FIXTURES / "signale"), "-o", str(tmp_path / "x.json")])
    assert code == 2
    assert capsys.readouterr().err == (
        "error[U053]: article R162-64 inattendu dans "
        f"« {package / 'data' / 'LEGITEXT000006073189.json'} » : "
        "ValueError 'EN_VIGUEUR' is not a valid State\n"
        "   = aide : le format du paquet a changé : adaptez veille/build.py (et legi.State)\n"
        "\n1 erreur\n"
    )


def test_an_unwritable_output_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "absent" / "legi.json"
    code = main([str(PACKAGE), str(FIXTURES / "signale"), "-o", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"error[U054]: écriture impossible de {out} : No such file or directory\n\n1 erreur\n"
    )
