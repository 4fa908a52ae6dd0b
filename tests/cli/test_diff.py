"""`alinea diff` from the command line: outputs (snapshots), exit codes, errors by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = "tests/engine/fixtures/diff"
PAIR = [f"{FIXTURES}/ancien", f"{FIXTURES}/nouveau", "--date", "2026-01-01"]
GOLDEN = ["--golden", f"{FIXTURES}/golden"]


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", ["text", "json", "markdown"])
def test_diff_of_two_rule_bases(
    capsys: pytest.CaptureFixture[str], snapshot: SnapshotAssertion, form: str
) -> None:
    flags = {"text": [], "json": ["--json"], "markdown": ["--markdown"]}[form]
    code, out, err = run(capsys, "diff", *PAIR, *GOLDEN, *flags)
    assert (code, err) == (1, "")
    assert out == snapshot


def test_json_says_which_golden_case_flips(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "diff", *PAIR, *GOLDEN, "--json")
    golden = json.loads(out)["golden"]
    assert golden["cases"] == 2
    (flip,) = golden["flips"]
    assert flip["case"] == "étudiante de dix-sept ans"
    assert (flip["passes_old"], flip["passes_new"]) == (True, False)
    assert flip["conclusions"][0] == {"conclusion": "aide.eligible", "old": "faux", "new": "vrai"}


def test_no_change_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", f"{FIXTURES}/ancien", f"{FIXTURES}/ancien", *GOLDEN)
    assert code == 0
    assert out.endswith("aucun changement\n")


def test_the_law_at_two_dates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "--dates", "2025-05-01", "2025-06-01", "--golden", "golden")
    assert code == 1
    assert out.startswith("alinea diff : droit au 1er mai 2025 → droit au 1er juin 2025\n")
    assert (
        "~ paramètre mon_soutien_psy.plafond_annuel — modifié\n    modifié — valeur : 8 → 12" in out
    )
    assert (
        "mon_soutien_psy.plafond_seances : 1 témoin — recherche symbolique, exhaustive\n"
        "  témoin 1 (symbolique) : aucune donnée (vrai de toute situation)\n"
        "    avant : 8    après : 12\n"
    ) in out
    assert "mon_soutien_psy.eligible : 1 témoin — recherche symbolique, exhaustive" in out


def test_rule_errors_say_which_side(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", f"{FIXTURES}/ancien", f"{FIXTURES}/erreur")
    assert (code, out) == (3, "")
    assert err == (
        f"alinea diff : la nouvelle version ({FIXTURES}/erreur) a des erreurs :\n"
        f"{FIXTURES}/erreur/aide.alinea:5:12: error[E201]: nom inconnu « seuil_age »\n"
        "   5 |   = age >= seuil_age\n"
        "     |            ^^^^^^^^^\n"
        "   = aide : déclarez-le comme donnée, paramètre ou règle\n\n"
        "1 erreur\n"
    )


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "diff", "nulle-part")
    assert code == 2
    assert err == (
        "error[U011]: « nulle-part » n'est ni un fichier, ni un dossier, ni une révision git\n"
        "   = aide : voir « alinea diff --help »\n\n"
        "1 erreur\n"
    )
    code, _, err = run(capsys, "diff", f"{FIXTURES}/ancien")
    assert code == 2
    assert "donnez deux fichiers ou dossiers" in err
