"""`alinea ask`: only the questions that still matter, in reading order."""

from __future__ import annotations

import io
import sys

import pytest

from tests.conftest import Cli


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
        "beneficiaire_ame, intensite_troubles, psychologue_conventionne, risque_suicidaire"
    )
