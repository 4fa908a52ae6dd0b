"""The `alinea` command: outputs, JSON shape, exit codes, and no traceback for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import LOCAL_RULES, Cli

VISIO = "examples/premiere-seance-visio.json"
OTHER_SUBJECTS = (
    "aide_",
    "ame.",
    "cmp.",
    "css.",
    "dossier_",
    "psychiatre.",
    "puma.",
    "quitter_",
    "soins_",
)


def test_check_is_clean_on_the_bundled_rules(cli: Cli) -> None:
    code, out, err = cli("check", "--date", "2025-06-01")
    assert (code, err) == (0, LOCAL_RULES)
    assert out.startswith("✓ ")
    assert out.endswith("— aucune erreur\n")


def test_eval_prints_the_date_and_every_conclusion(cli: Cli, snapshot: SnapshotAssertion) -> None:
    code, out, err = cli("eval", "-s", VISIO, "--date", "2026-03-01")
    assert (code, err) == (0, LOCAL_RULES)
    assert "quitter_cmp.arret_unilateral_possible" in out
    out = "".join(line + "\n" for line in out.splitlines() if not line.startswith(OTHER_SUBJECTS))
    assert out.splitlines()[0] == "Droit applicable au 1er mars 2026"
    assert out == snapshot


def test_eval_json_has_the_shape_of_the_vocabulary(cli: Cli) -> None:
    code, out, _ = cli("eval", "-s", VISIO, "--date", "2026-03-01", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["date"] == "2026-03-01"
    eligible = data["conclusions"]["mon_soutien_psy.eligible"]
    assert set(eligible) >= {"value", "missing", "sources", "status"}
    assert eligible["value"] is True
    assert data["conclusions"]["mon_soutien_psy.plafond_seances"]["value"] == 12
    assert data["conclusions"]["mon_soutien_psy.tarif_seance"] == {
        "value": None,
        "status": "non_applicable",
        "type": "montant",
        "missing": [],
        "sources": ["CSS R.162-69", "CSS R.162-68"],
    }


def test_eval_only_and_explain(cli: Cli) -> None:
    code, out, _ = cli(
        "eval",
        "-s",
        VISIO,
        "--date",
        "2026-03-01",
        "--only",
        "mon_soutien_psy.eligible",
        "--explain",
    )
    assert code == 0
    assert "mon_soutien_psy.plafond_seances" not in out
    assert "  ✓ toutes ces conditions" in out


def test_the_date_is_today_by_default(cli: Cli) -> None:
    import datetime

    from alinea.engine.domain.values import french_date

    code, out, _ = cli("eval", "-s", VISIO)
    assert code == 0
    assert out.splitlines()[0] == f"Droit applicable au {french_date(datetime.date.today())}"


def test_explain_shows_the_tree(cli: Cli) -> None:
    code, out, _ = cli(
        "explain",
        "mon_soutien_psy.seance_prise_en_charge",
        "-s",
        VISIO,
        "--date",
        "2026-03-01",
    )
    assert code == 0
    assert "✗ l'entretien d'évaluation (1re séance de l'année) a lieu en présentiel" in out
    assert "(visio = presentiel)" in out


def test_situation_from_standard_input(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("age: 2\n"))
    code, out, _ = cli(
        "eval",
        "-s",
        "-",
        "--date",
        "2026-03-01",
        "--json",
        "--only",
        "mon_soutien_psy.eligible",
    )
    assert code == 0
    assert json.loads(out)["conclusions"]["mon_soutien_psy.eligible"]["value"] is False


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["eval", "-s", VISIO, "--date", "2026-02-30"],
            2,
            "error[U002]: date invalide « 2026-02-30 »",
        ),
        (
            ["explain", "mon_soutien_psy.eligibl", "-s", VISIO],
            2,
            "error[U001]: conclusion inconnue",
        ),
        (["check", "regles/absent.alinea"], 2, "error[U003]: aucun fichier ni dossier"),
        (["eval", "-s", "absent.json"], 1, "error[S100]: lecture impossible de absent.json"),
        (["eval", "-s", "tests/engine/fixtures/situations/erreurs.json"], 1, "error[S102]"),
        (["check", "tests/dsl/fixtures/erreurs/plusieurs_erreurs.alinea"], 1, "4 erreurs"),
        (["eval"], 2, "erreur d'utilisation : argument obligatoire manquant : -s/--situation"),
        (["nimporte"], 2, "erreur d'utilisation"),
    ],
)
def test_bad_input_gives_located_errors_and_exit_codes(
    cli: Cli, args: list[str], code: int, message: str
) -> None:
    returned, _, err = cli(*args)
    assert returned == code
    assert message in err
    assert "Traceback" not in err


def _module(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m alinea.cli ARGUMENTS` run in `folder`."""
    command = [sys.executable, "-m", "alinea.cli", *arguments]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def test_the_installed_command_runs_from_any_directory(tmp_path: Path) -> None:
    situation = tmp_path / "s.json"
    situation.write_text('{"age": 34}', encoding="utf-8")
    done = _module(tmp_path, "eval", "-s", str(situation), "--date", "2026-03-01")
    assert done.returncode == 0, done.stderr
    assert "mon_soutien_psy.plafond_seances" in done.stdout


def test_the_command_exits_with_the_code_of_its_outcome(tmp_path: Path) -> None:
    """`python -m alinea.cli` and the installed `alinea` go through `entry`, which ends the
    process with `main`'s code (1 for bad data) and its output written."""
    situation = tmp_path / "s.json"
    situation.write_text('{"age": "trente"}', encoding="utf-8")
    done = _module(tmp_path, "eval", "-s", str(situation), "--date", "2026-03-01")
    assert done.returncode == 1
    assert "age" in done.stderr and "trente" in done.stderr


def test_explain_json_has_the_shape_of_eval_json(cli: Cli) -> None:
    name = "mon_soutien_psy.seance_prise_en_charge"
    code, out, _ = cli("explain", name, "-s", VISIO, "--date", "2026-03-01", "--json")
    assert code == 0
    explained = json.loads(out)
    _, out, _ = cli(
        "eval", "-s", VISIO, "--date", "2026-03-01", "--json", "--explain", "--only", name
    )
    assert explained == json.loads(out)
    assert list(explained) == ["date", "conclusions"]
    assert list(explained["conclusions"]) == [name]
    assert explained["conclusions"][name]["value"] is False
    assert "explanation" in explained["conclusions"][name]


ARGPARSE_ENGLISH = ("usage:", "positional arguments", "show this help message", "optional")


@pytest.mark.parametrize(
    "command",
    [[], ["check"], ["eval"], ["explain"], ["ask"], ["test"], ["fmt"], ["diff"], ["serve"]],
)
def test_help_is_in_french(cli: Cli, command: list[str]) -> None:
    code, out, _ = cli(*command, "--help")
    assert code == 0
    assert out.startswith(f"utilisation : alinea {' '.join(command)}".rstrip() + " [-h]")
    assert "\noptions:\n  -h, --help " in out
    assert "afficher cette aide et quitter" in out
    assert not [word for word in ARGPARSE_ENGLISH if word in out]


def test_usage_errors_are_in_french(cli: Cli) -> None:
    code, _, err = cli("graph", "x", "--profondeur", "deux")
    assert code == 2
    assert err.startswith("utilisation : alinea graph [-h]")
    assert err.endswith(
        "alinea : erreur d'utilisation : l'option --profondeur attend un nombre entier, "
        "pas « deux »\n"
    )


def test_an_internal_error_is_one_line_and_its_own_exit_code(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect must never look like an answer: not 1 (`diff`: "changes"), but 70."""

    def explode(arguments: object) -> int:
        raise RuntimeError("boum")

    from alinea.cli.commands import check

    monkeypatch.delenv("ALINEA_DEBUG", raising=False)
    monkeypatch.setattr(check, "run", explode)
    code, out, err = cli("check")
    assert (code, out) == (70, "")
    assert err == (
        "alinea : erreur interne : RuntimeError: boum\n"
        "(relancez avec ALINEA_DEBUG=1 pour la trace, et signalez-la)\n"
    )
