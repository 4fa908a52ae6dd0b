"""The questionnaire, as the forms a browser submits: one question at a time, only those that
still matter, then the answer with its reasons, articles and assumptions."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.testclient import TestClient

from tests.service.forms import asked, hidden, inputs, main_text, submit

PSY = "/questionnaire/mon_soutien_psy.seance_prise_en_charge"
VISIO_FIRST = {
    "age": "34",
    "intensite_troubles": "moderee",
    "risque_suicidaire": "non",
    "ald_ou_invalidite_psychiatrique": "non",
    "arret_travail_psychiatrique_plus_de_six_mois": "non",
    "psychologue_conventionne": "oui",
    "affiliation_assurance_maladie": "oui",
    "beneficiaire_ame": "non",
    "seances_prises_en_charge_annee_civile": "0",
    "modalite_seance": "visio",
}


def answer_all(
    client: TestClient, answers: dict[str, str], start: str = PSY
) -> tuple[Any, list[str]]:
    """Answer every question asked from `answers`; the answer page and the facts asked."""
    page = client.get(start)
    seen: list[str] = []
    while (fact := asked(page.text)) is not None:
        assert fact not in seen, f"{fact} demandé deux fois"
        seen.append(fact)
        page = submit(client, page, (answers[fact],))
        assert page.status_code == 200
    return page, seen


def test_the_first_page_offers_questions_in_a_person_s_words(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert '<link rel="stylesheet" href="/static/questionnaire.css">' in page.text
    assert "http" not in page.text.split("<body>")[1]  # nothing from outside
    assert "default-src 'none'" in page.headers["content-security-policy"]
    text = main_text(page.text)
    assert text.startswith("Quelle est votre question ?")
    assert "Mes séances de psychologue sont-elles remboursées ?" in text
    assert "Ai-je droit à la Complémentaire santé solidaire ?" in text
    assert f'href="{PSY}"' in page.text
    assert client.get("/static/questionnaire.css").headers["content-type"].startswith("text/css")


def test_a_mon_soutien_psy_path_to_the_answer_and_why_not(client: TestClient) -> None:
    page, seen = answer_all(client, VISIO_FIRST)
    assert seen[0] == "age" and seen[-1] == "modalite_seance"
    text = main_text(page.text)
    assert "Non : la prochaine séance n'est pas prise en charge par Mon soutien psy." in text
    assert "Pourquoi non" in text
    assert "l'entretien d'évaluation (1re séance de l'année) a lieu en présentiel" in text
    assert "CSS R.162-68" in text
    assert "Le psychologue peut réaliser des séances par vidéotransmission" in text
    assert "Quel âge a la personne, en années révolues, à la date d'évaluation ? 34" in text
    assert "Le droit applicable au 1er mars 2026." in text


def test_only_the_questions_that_still_matter_are_asked(client: TestClient) -> None:
    page, seen = answer_all(client, {"age": "2"})
    assert seen == ["age"]
    assert "Non : la prochaine séance n'est pas prise en charge" in main_text(page.text)


def test_a_wrong_answer_asks_again_with_what_was_expected(client: TestClient) -> None:
    page = submit(client, client.get(PSY), ("trente",))
    assert page.status_code == 422
    assert asked(page.text) == "age"
    alert = '<p id="erreur" class="erreur" role="alert">'
    assert f"{alert}Réponse invalide : il faut un nombre entier.</p>" in page.text
    field = next(i for i in inputs(page.text) if i["name"] == "r:age")
    assert (field["value"], field["aria-invalid"]) == ("trente", "true")
    assert field["aria-describedby"] == "format erreur"
    empty = submit(client, client.get(PSY), ("  ",))
    assert "Choisissez ou écrivez une réponse, ou « Je ne sais pas »." in main_text(empty.text)


def test_choices_are_labelled_with_the_words_of_the_question(client: TestClient) -> None:
    page = submit(client, client.get(PSY), ("34",))
    assert asked(page.text) == "intensite_troubles"
    assert (
        '<legend class="intitule">Quelle est l&#39;intensité des troubles psychiques' in page.text
    )
    for value, label in (("legere", "légère"), ("moderee", "modérée"), ("severe", "sévère")):
        assert f'value="{value}"' in page.text
        assert f">{label}</label>" in page.text


def test_i_do_not_know_moves_on_and_is_said_in_the_answer(client: TestClient) -> None:
    page = submit(client, client.get(PSY), action="passer")
    assert asked(page.text) == "intensite_troubles"
    answers = dict(VISIO_FIRST)
    while (fact := asked(page.text)) is not None:
        page = submit(client, page, (answers[fact],))
    text = main_text(page.text)
    assert "Sans réponse (inconnu, jamais supposé faux) : âge." in text


def test_the_previous_question_comes_back_with_its_answer(client: TestClient) -> None:
    second = submit(client, client.get(PSY), ("34",))
    back = submit(client, second, ("legere",), action="retour")
    assert asked(back.text) == "age"
    field = next(i for i in inputs(back.text) if i["name"] == "r:age")
    assert field["value"] == "34"
    assert "Question 1" in main_text(back.text)


def test_an_unknown_question_is_a_page_not_found(client: TestClient) -> None:
    page = client.get("/questionnaire/css.droi")
    assert page.status_code == 404
    assert "Cette base de règles ne répond pas à « css.droi »." in main_text(page.text)


def test_the_detailed_explanation_is_the_explain_html_page(client: TestClient) -> None:
    page, _ = answer_all(client, VISIO_FIRST)
    form = {"content-type": "application/x-www-form-urlencoded"}
    detail = client.post(f"{PSY}/detail", content=urlencode(hidden(page.text)), headers=form)
    assert detail.status_code == 200
    assert "<h1>la prochaine séance est prise en charge</h1>" in detail.text
    assert "situation : questionnaire" in detail.text
    assert "<td><code>modalite_seance</code></td><td>visio</td>" in detail.text
