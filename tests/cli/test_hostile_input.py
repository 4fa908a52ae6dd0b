"""Hostile input through the real command: located errors, never a crash nor a traceback."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tests.conftest import LOCAL_RULES, ROOT, RULE_FILES, Cli

HOSTILE = "tests/fixtures/hostile"
DATE = ("--date", "2026-03-01")


def no_crash(err: str) -> None:
    assert "erreur interne" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        ("bombe_alias.yaml", "error[S106]: l'alias « *a4 »"),
        ("alias_recursif.yaml", "error[S106]: l'alias « *a » se contient lui-même"),
        ("doublon.json", "error[S105]: clé « age » en double (lignes 1 et 1)"),
        ("doublon_imbrique.json", "error[S105]: clé « x » en double (lignes 3 et 3)"),
        ("doublon.yaml", "error[S105]: clé « age » en double (lignes 1 et 3)"),
        ("etiquette_python.yaml", "error[S100]: YAML invalide : étiquette"),
        ("latin1.json", "le fichier n'est pas en UTF-8"),
    ],
)
def test_a_hostile_situation_is_a_located_error(cli: Cli, situation: str, expected: str) -> None:
    code, out, err = cli("eval", "-s", f"{HOSTILE}/{situation}", *DATE)
    no_crash(err)
    assert (code, out) == (1, "")
    assert f"{HOSTILE}/{situation}:" in err
    assert expected in err


def test_a_duplicate_key_shows_both_lines(cli: Cli) -> None:
    _, _, err = cli("eval", "-s", f"{HOSTILE}/doublon.yaml", *DATE)
    assert err == (
        f"{LOCAL_RULES}"
        f"{HOSTILE}/doublon.yaml:3:1: error[S105]: clé « age » en double (lignes 1 et 3)\n"
        "   3 | age: 30\n"
        "     | ^^^\n"
        "   = aide : une clé ne se donne qu'une fois par objet : la seconde valeur écraserait "
        "la première\n"
        f"   = note : première occurrence ({HOSTILE}/doublon.yaml:1:1)\n"
        "   1 | age: 10\n"
        "     | ^^^\n"
        "\n1 erreur\n"
    )


@pytest.mark.parametrize("situation", ["bom.json", "bom.yaml"])
def test_a_situation_with_a_byte_order_mark_is_evaluated(cli: Cli, situation: str) -> None:
    code, out, err = cli(
        "eval", "-s", f"{HOSTILE}/{situation}", *DATE, "--only", "mon_soutien_psy.plafond_seances"
    )
    no_crash(err)
    assert code == 0
    assert out.splitlines()[2].split()[:2] == ["mon_soutien_psy.plafond_seances", "12"]


def test_dev_zero_as_a_situation_stops_at_the_limit(cli: Cli) -> None:
    code, _, err = cli("eval", "-s", "/dev/zero", *DATE)
    no_crash(err)
    assert code == 1
    assert err.splitlines()[1] == (
        "/dev/zero:1:1: error[S104]: fichier trop volumineux (plus de 16 Mio)"
    )


def test_a_rule_file_with_a_byte_order_mark_checks(cli: Cli) -> None:
    code, out, err = cli("check", f"{HOSTILE}/bom.alinea")
    no_crash(err)
    assert (code, err) == (0, "")
    assert out.startswith("✓ 1 fichier : 1 donnée")


def test_look_alike_names_are_warnings_that_do_not_fail_check(cli: Cli) -> None:
    code, out, err = cli("check", f"{HOSTILE}/sosies.alinea")
    assert code == 0
    assert err.count("warning[W801]") == 2
    assert out.endswith("aucune erreur, 2 avertissements\n")


def test_golden_files_with_duplicates_and_alias_bombs_fail_cleanly(cli: Cli) -> None:
    code, out, err = cli(
        "test", f"{HOSTILE}/golden_doublon_attendu.yaml", f"{HOSTILE}/golden_bombe_alias.yaml"
    )
    no_crash(out + err)
    assert code == 1
    assert "error[G004]: clé « attendu » en double (lignes 4 et 6)" in out
    assert "error[G005]: l'alias « *a4 »" in out
    assert out.endswith("0 cas : 0 réussi, 2 fichiers de cas illisibles\n")


def test_a_planted_pickle_in_the_cache_does_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ALINEA_CACHE_DIR", str(folder))
    assert cli("check")[0] == 0
    marker = tmp_path / "owned"
    exploit = pickle.dumps(_Payload(marker))
    for entry in folder.glob("*.json"):
        entry.write_bytes(exploit)
        entry.with_suffix(".pickle").write_bytes(exploit)
    code, out, err = cli("check")
    no_crash(err)
    assert code == 0 and out.startswith(f"✓ {RULE_FILES} fichiers")
    assert not marker.exists()


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_fixtures_are_small() -> None:
    for path in (ROOT / HOSTILE).rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 4096, path
