"""`alinea veille` from the command line: text (snapshot), JSON shape, exit codes, and the
bundled base reporting exactly what regles/README.md documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

from syrupy.assertion import SnapshotAssertion

from tests.conftest import LOCAL_RULES, ROOT, Cli

FIXTURES = "tests/veille/fixtures"
SIGNALE = [f"{FIXTURES}/signale", "--legi", f"{FIXTURES}/legi.json", "--date", "2026-12-01"]
PROPRE = [f"{FIXTURES}/propre", "--legi", f"{FIXTURES}/legi.json", "--date", "2026-12-01"]
ITEMS = ("quotes", "new_versions", "ended", "missing", "not_covered")


def test_every_finding_in_french(cli: Cli, snapshot: SnapshotAssertion) -> None:
    code, out, err = cli("veille", *SIGNALE)
    assert (code, err) == (1, "")
    assert out == snapshot


def test_the_altered_quote_word_for_word(cli: Cli) -> None:
    _, out, _ = cli("veille", *SIGNALE)
    assert (
        "  tests/veille/fixtures/signale/aide.alinea:3 — CSS L.162-58, version 4.0 du 28/02/2025 "
        "au 30/09/2026 (LEGIARTI000051285006)\n"
        "    … psychologique réalisées par un [-psychologue-] {+médecin+} dans le cadre d'un …\n"
    ) in out


def test_nothing_to_report_exits_zero(cli: Cli) -> None:
    code, out, err = cli("veille", *PROPRE)
    assert (code, err) == (0, "")
    assert out.endswith("\nRien à examiner : citations, versions et couverture à jour.\n")


def test_json_shape(cli: Cli) -> None:
    code, out, _ = cli("veille", *SIGNALE, "--json")
    assert code == 1
    report = json.loads(out)
    assert list(report) == [
        "date",
        "horizon",
        "attention",
        "legi",
        *ITEMS,
        "unverifiable",
    ]
    assert (report["date"], report["horizon"], report["attention"]) == (
        "2026-12-01",
        "2027-06-01",
        5,
    )
    assert report["legi"] == {
        "file": f"{FIXTURES}/legi.json",
        "package": "@socialgouv/legi-data",
        "version": "2.513.0-extrait-de-test",
        "codes": [{"title": "Code de la sécurité sociale", "consolidated": "2026-03-14"}],
    }
    (quote,) = report["quotes"]
    assert quote["key"] == f"citation {FIXTURES}/signale/aide.alinea:3"
    assert quote["version"] == {
        "id": "LEGIARTI000051285006",
        "number": "4.0",
        "start": "2025-02-28",
        "end": "2026-09-30",
    }
    (run,) = quote["runs"]
    assert run["out_of_order"] is False
    assert run["differences"] == [
        {
            "before": "psychologique réalisées par un",
            "official": "psychologue",
            "quoted": "médecin",
            "after": "dans le cadre d'un",
            "word_diff": "… psychologique réalisées par un [-psychologue-] {+médecin+} dans le "
            "cadre d'un …",
        }
    ]
    assert report["new_versions"] == [
        {
            "key": "version CSS L.162-58 5.0",
            "article": "CSS L.162-58",
            "id": "LEGIARTI000053283035",
            "number": "5.0",
            "start": "2026-10-01",
            "end": None,
            "state": "VIGUEUR_DIFF",
            "last_section": {
                "location": f"{FIXTURES}/signale/aide.alinea:3",
                "start": "2025-02-28",
                "end": "2026-09-30",
            },
        }
    ]
    assert report["ended"] == [
        {
            "key": "abrogation CSS L.162-30-2",
            "article": "CSS L.162-30-2",
            "state": "ABROGE_DIFF",
            "date": "2027-01-01",
            "id": "LEGIARTI000041398036",
            "location": f"{FIXTURES}/signale/aide.alinea:22",
        }
    ]
    assert report["missing"] == [
        {
            "key": "introuvable CSS L.999-99",
            "article": "CSS L.999-99",
            "reason": "absent",
            "location": f"{FIXTURES}/signale/aide.alinea:43",
        }
    ]
    assert report["not_covered"] == [
        {
            "key": "non couvert aide.plafond_seances",
            "name": "aide.plafond_seances",
            "kind": "paramètre",
            "couvert_jusqu_au": "2026-09-30",
            "location": f"{FIXTURES}/signale/aide.alinea:9",
        }
    ]
    assert [(u["reason"], u["subject"], u["code"]) for u in report["unverifiable"]] == [
        ("code_not_in_legi", "CSP L.1111-4", "le CSP"),
        ("text_not_in_legi", "CSS L.861-1", None),
        (
            "not_a_code_article",
            "Arrêté du 8 mars 2022 relatif aux séances d'accompagnement psychologique (tarifs)",
            None,
        ),
    ]


def _documented() -> set[str]:
    """The keys listed in the « Veille » section of regles/README.md."""
    text = (ROOT / "regles" / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Veille\n", 1)[1].split("\n## ", 1)[0]
    keys = set(
        re.findall(r"`((?:citation|version|abrogation|introuvable|non couvert) [^`]+)`", section)
    )
    return keys


def test_the_bundled_base_reports_what_its_readme_documents(cli: Cli) -> None:
    code, out, err = cli("veille", "--date", "2026-12-01", "--json")
    report = json.loads(out)
    reported = {item["key"] for name in ITEMS for item in report[name]}
    assert reported == _documented()
    assert (code, err) == (1 if reported else 0, LOCAL_RULES)


def test_the_bundled_base_says_what_it_cannot_check(cli: Cli) -> None:
    _, out, _ = cli("veille", "--date", "2026-12-01")
    assert "  non vérifiable : le jeu LEGI ne contient pas le CSP : L.1110-8, " in out
    assert "  non vérifiable : le jeu LEGI ne contient pas le CASF : D.252-2, L.251-1, " in out


def test_a_bad_date_is_a_usage_error(cli: Cli) -> None:
    code, out, err = cli("veille", "--date", "2026-13-01")
    assert (code, out) == (2, "")
    assert "error[U002]: date invalide « 2026-13-01 »" in err


def test_an_unreadable_extract_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"
    code, out, err = cli("veille", "--legi", str(missing))
    assert (code, out) == (2, "")
    assert err.startswith(
        f"error[U050]: extrait LEGI illisible « {missing} » : No such file or directory\n"
    )
