"""The `/v1` endpoints answer what the CLI prints: `eval --json`, `explain --json`, `ask`."""

from __future__ import annotations

import json

from starlette.testclient import TestClient

from tests.conftest import Cli
from tests.service.conftest import FIXTURES, VISIO, situation

DAY = "2026-03-01"


def test_evaluate_is_exactly_eval_json(client: TestClient, cli: Cli) -> None:
    code, out, _ = cli("eval", "-s", str(VISIO), "--date", DAY, "--json")
    assert code == 0
    response = client.post("/v1/evaluate", json={"date": DAY, "situation": situation(VISIO)})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(out)
    seance = response.json()["conclusions"]["mon_soutien_psy.seance_prise_en_charge"]
    assert seance["value"] is False
    assert seance["sources"][0] == "CSS R.162-68"


def test_evaluate_with_explain_and_only_is_eval_explain_only(client: TestClient, cli: Cli) -> None:
    names = ["mon_soutien_psy.eligible", "mon_soutien_psy.plafond_seances"]
    code, out, _ = cli(
        "eval", "-s", str(VISIO), "--date", DAY, "--json", "--explain", "--only", *names
    )
    assert code == 0
    body = {"date": DAY, "situation": situation(VISIO), "conclusions": names, "explain": True}
    response = client.post("/v1/evaluate", json=body)
    assert response.json() == json.loads(out)
    eligible = response.json()["conclusions"]["mon_soutien_psy.eligible"]
    assert eligible["explanation"]["status"] == "valeur"
    assert "CSS R.162-64" in eligible["articles"]


def test_a_conclusion_the_rule_base_does_not_cover(client: TestClient, cli: Cli) -> None:
    famille = FIXTURES / "famille.json"
    code, out, _ = cli("eval", "-s", str(famille), "--date", "2027-06-01", "--json")
    assert code == 0
    response = client.post(
        "/v1/evaluate", json={"date": "2027-06-01", "situation": situation(famille)}
    )
    assert response.json() == json.loads(out)
    droit = response.json()["conclusions"]["css.droit"]
    assert droit["status"] == "non_couvert"
    assert droit["value"] is None
    assert droit["couvert_jusqu_au"] == "2027-03-31"
    assert droit["article"] == "CSS L.161-25"
    assert [gap["nom"] for gap in droit["lacunes"]] == ["revalorisation.coefficient"]


def test_explain_json_is_explain_json(client: TestClient, cli: Cli) -> None:
    name = "mon_soutien_psy.seance_prise_en_charge"
    code, out, _ = cli("explain", name, "-s", str(VISIO), "--date", DAY, "--json")
    assert code == 0
    body = {"date": DAY, "situation": situation(VISIO), "conclusion": name}
    assert client.post("/v1/explain", json=body).json() == json.loads(out)


def test_explain_as_text_is_explain(client: TestClient, cli: Cli) -> None:
    name = "mon_soutien_psy.seance_prise_en_charge"
    code, out, _ = cli("explain", name, "-s", str(VISIO), "--date", DAY)
    assert code == 0
    body = {"date": DAY, "situation": situation(VISIO), "conclusion": name, "format": "texte"}
    response = client.post("/v1/explain", json=body)
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == out
    assert response.text.startswith("Droit applicable au 1er mars 2026\n")


def test_explain_as_html_links_to_the_served_documentation(client: TestClient) -> None:
    name = "mon_soutien_psy.seance_prise_en_charge"
    body = {"date": DAY, "situation": situation(VISIO), "conclusion": name, "format": "html"}
    response = client.post("/v1/explain", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert "<h1>la prochaine séance est prise en charge</h1>" in page
    assert 'href="/doc/regles/mon_soutien_psy.eligible.html"' in page
    assert "<svg" in page


def test_questions_are_those_of_ask_with_their_article(client: TestClient) -> None:
    body = {"date": DAY, "situation": {}, "conclusion": "mon_soutien_psy.seance_prise_en_charge"}
    response = client.post("/v1/questions", json=body)
    assert response.status_code == 200
    data = response.json()
    assert data["done"] is False
    assert data["conclusion"]["name"] == "mon_soutien_psy.seance_prise_en_charge"
    assert data["conclusion"]["status"] == "inconnu"
    first = data["questions"][0]
    assert first == {
        "name": "age",
        "question": "Quel âge a la personne, en années révolues, à la date d'évaluation ?",
        "label": "âge",
        "type": {"kind": "entier", "text": "entier"},
        "bounds": {"min": "0", "max": "130"},
        "citation": None,
        "serves": "CSS R.162-64 1°",
        "article": {
            "reference": "CSS R.162-64",
            "heading": "CSS R.162-64, depuis le 16/05/2025 (décret n° 2025-424, art. 1er, 1°)",
            "text": first["article"]["text"],
        },
    }
    assert first["article"]["text"].startswith("Pour bénéficier de la prise en charge")
    intensity = next(q for q in data["questions"] if q["name"] == "intensite_troubles")
    assert intensity["type"]["values"] == ["legere", "moderee", "severe"]


def test_questions_stop_once_the_conclusion_is_decided(client: TestClient) -> None:
    facts = situation(VISIO)
    body = {"date": DAY, "situation": facts, "conclusion": "mon_soutien_psy.seance_prise_en_charge"}
    data = client.post("/v1/questions", json=body).json()
    assert data["done"] is True
    assert data["questions"] == []
    assert data["conclusion"]["value"] is False


def test_questions_go_on_while_an_answer_can_decide_a_non_covered_conclusion(
    client: TestClient,
) -> None:
    facts = {
        k: v for k, v in situation(FIXTURES / "famille.json").items() if k != "beneficiaire_rsa"
    }
    body = {"date": "2027-06-01", "situation": facts, "conclusion": "css.droit"}
    data = client.post("/v1/questions", json=body).json()
    assert data["conclusion"]["status"] == "non_couvert"
    assert [q["name"] for q in data["questions"]] == ["beneficiaire_rsa"]


def test_batch_is_one_evaluation_per_situation(client: TestClient, cli: Cli) -> None:
    famille = FIXTURES / "famille.json"
    code, out, _ = cli("eval", "-s", str(famille), "--date", DAY, "--json", "--only", "css.droit")
    assert code == 0
    body = {
        "date": DAY,
        "situations": [situation(famille), {"beneficiaire_rsa": True}],
        "conclusions": ["css.droit"],
    }
    data = client.post("/v1/batch", json=body).json()
    assert data["date"] == DAY
    assert data["results"][0] == json.loads(out)
    assert data["results"][1]["conclusions"]["css.droit"]["value"] == "gratuite"


def test_rules_list_and_one_rule_with_versions_and_quoted_articles(client: TestClient) -> None:
    listed = client.get("/v1/rules").json()["rules"]
    names = [r["name"] for r in listed]
    assert names == sorted(names)
    seance = next(r for r in listed if r["name"] == "mon_soutien_psy.seance_prise_en_charge")
    assert seance["kind"] == "conclusion"
    assert seance["url"] == "/v1/rules/mon_soutien_psy.seance_prise_en_charge"
    assert seance["doc"] == "/doc/regles/mon_soutien_psy.seance_prise_en_charge.html"
    rule = client.get("/v1/rules/mon_soutien_psy.plafond_seances", params={"date": DAY}).json()
    assert rule["label"] == "séances prises en charge par année civile"
    assert rule["type"] == {"kind": "entier", "text": "entier"}
    periods = [(v["from"], v["to"]) for v in rule["versions"]]
    assert periods == sorted(periods, key=lambda p: p[0] or "")
    current = [v for v in rule["versions"] if v["in_force"]]
    assert len(current) == 1
    assert current[0]["article"]["reference"] == "CSS R.162-65"
    assert current[0]["source"]["location"].startswith("regles/mon_soutien_psy.alinea, ligne ")
    assert "mon_soutien_psy.seances_restantes" in rule["used_by"]
    assert rule["coverage"]["status"] == "valeur"


def test_facts_and_parameters_as_data(client: TestClient) -> None:
    facts = client.get("/v1/facts").json()["facts"]
    assert {"name", "label", "question", "type", "url", "doc"} <= set(facts[0])
    modalite = client.get("/v1/facts/modalite_seance").json()
    assert modalite["type"]["values"] == ["presentiel", "visio"]
    assert modalite["example"] == '{"modalite_seance": "presentiel"}'
    assert "mon_soutien_psy.seance_prise_en_charge" in modalite["used_by"]
    parameters = client.get("/v1/parameters").json()["parameters"]
    ceiling = next(p for p in parameters if p["name"] == "css.plafond_personne_seule")
    detail = client.get(ceiling["url"], params={"date": DAY}).json()
    assert any(v["yearly"] for v in detail["values"])
    assert all(v["from"] is None or v["from"] <= (v["to"] or "9999") for v in detail["values"])


def test_health_counts_the_rule_base(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert health["files"] == len(list((FIXTURES.parents[2] / "regles").rglob("*.alinea")))
    assert health["reload"] is False
    assert health["reload_errors"] == []


def test_the_documentation_site_is_served_under_doc(client: TestClient) -> None:
    assert client.get("/doc", follow_redirects=False).headers["location"] == "/doc/"
    index = client.get("/doc/")
    assert index.status_code == 200
    assert "<title>Base de règles — alinea</title>" in index.text
    page = client.get("/doc/regles/mon_soutien_psy.eligible.html")
    assert "le patient peut bénéficier de Mon soutien psy" in page.text
    assert client.get("/doc/style.css").headers["content-type"] == "text/css; charset=utf-8"
