"""`alinea ask`: only the questions that still matter, in reading order."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Cli


def answer(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def asked(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.endswith("?")]


def test_a_false_answer_ends_the_questionnaire_early(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, "2")
    code, out, _ = cli("ask", "mon_soutien_psy.eligible", "--date", "2026-03-01")
    assert code == 0
    assert asked(out) == ["Quel âge a la personne, en années révolues, à la date d'évaluation ?"]
    assert "mon_soutien_psy.eligible = faux" in out


def test_questions_already_answered_by_the_situation_are_not_asked(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, "oui")
    code, out, _ = cli(
        "ask",
        "mon_soutien_psy.eligible",
        "-s",
        "examples/premiere-seance-visio.json",
        "--date",
        "2022-06-01",
    )
    assert code == 0
    assert asked(out) == ["La personne a-t-elle été adressée par un médecin ?"]
    assert "mon_soutien_psy.eligible = vrai" in out


def test_invalid_answers_are_asked_again(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "trente", "30", "peut-être", "severe")
    code, out, _ = cli("ask", "mon_soutien_psy.eligible", "--date", "2026-03-01")
    assert code == 0
    assert "réponse invalide : un nombre entier attendu" in out
    assert "réponse invalide : une des valeurs legere, moderee, severe attendu" in out
    assert "mon_soutien_psy.eligible = faux" in out


def test_the_end_of_input_leaves_the_conclusion_unknown(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, "30")
    code, out, _ = cli("ask", "mon_soutien_psy.eligible", "--date", "2026-03-01")
    assert code == 0
    assert out.rstrip().endswith(
        "mon_soutien_psy.eligible reste inconnu — il manque : affiliation_assurance_maladie, "
        "ald_ou_invalidite_psychiatrique, arret_travail_psychiatrique_plus_de_six_mois, "
        "beneficiaire_ame, intensite_troubles, psychologue_conventionne, risque_suicidaire"
    )


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_the_answers_are_saved_as_a_situation_that_eval_reads_back(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"reponses{suffix}"
    answer(monkeypatch, "oui")
    code, out, _ = cli(
        "ask",
        "mon_soutien_psy.eligible",
        "-s",
        "examples/premiere-seance-visio.json",
        "--date",
        "2022-06-01",
        "--enregistrer",
        str(target),
    )
    assert code == 0
    assert out.endswith(f"\n✓ situation enregistrée : {target} (11 faits)\n")
    text = target.read_text(encoding="utf-8")
    saved = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    given = json.loads(Path(ROOT / "examples/premiere-seance-visio.json").read_text())
    assert saved == {**given, "adressage_medecin": True}
    code, out, _ = cli(
        "eval", "-s", str(target), "--date", "2022-06-01", "--only", "mon_soutien_psy.eligible"
    )
    assert code == 0
    assert "mon_soutien_psy.eligible                   vrai" in out


def test_the_answers_given_before_the_input_ends_are_saved(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "partiel.yaml"
    answer(monkeypatch, "30")
    code, _, _ = cli(
        "ask", "mon_soutien_psy.eligible", "--date", "2026-03-01", "--enregistrer", str(target)
    )
    assert code == 0
    assert target.read_text(encoding="utf-8") == "age: 30\n"


def test_an_unknown_format_is_refused_before_the_first_question(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer(monkeypatch, "30")
    code, out, err = cli(
        "ask", "mon_soutien_psy.eligible", "--enregistrer", str(tmp_path / "reponses.txt")
    )
    assert (code, out) == (2, "")
    assert err == (
        "error[U031]: --enregistrer : format inconnu « .txt »\n"
        "   = aide : choisissez un fichier .json ou .yaml\n\n1 erreur\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_fact_no_answer_could_change_is_not_asked(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch)
    situation = "tests/regles/fixtures/ame_3000_euros_territoire_inconnu.json"
    code, out, _ = cli("ask", "ame.droit", "-s", situation, "--date", "2026-03-01")
    assert code == 0
    assert asked(out) == []
    assert "ame.droit = vrai" in out
    assert "quelle que soit la valeur de residence_outre_mer (vrai ou faux)" in out


def test_a_fact_that_decides_is_still_asked(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "non")
    with_11000 = "tests/cli/fixtures/ame_11000_euros_territoire_inconnu.json"
    code, out, _ = cli("ask", "ame.droit", "-s", with_11000, "--date", "2026-03-01")
    assert code == 0
    assert len(asked(out)) == 1
    assert "ame.droit = faux" in out
