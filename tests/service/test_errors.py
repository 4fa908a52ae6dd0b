"""Bad requests get the CLI's diagnostics as JSON, with the place they concern; never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from alinea.engine import RuleBase
from alinea.service import Service, create_app
from alinea.service.errors import BODY_LIMIT
from tests.service.conftest import FIXTURES, TODAY

REQUESTS = FIXTURES / "requetes"
VALUES = "presentiel, visio"


def errors(response: Any, status: int = 422) -> list[dict[str, Any]]:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["status"] == status
    found: list[dict[str, Any]] = data["errors"]
    return found


def post(client: TestClient, fixture: str, path: str = "/v1/evaluate") -> Any:
    return client.post(path, content=(REQUESTS / fixture).read_bytes())


def test_malformed_json_is_located_in_the_body_like_a_situation_file(client: TestClient) -> None:
    (error,) = errors(post(client, "virgule-en-trop.json"))
    assert error["code"] == "S100"
    assert error["span"] == {
        "path": "requête",
        "line": 3,
        "column": 27,
        "end_line": 3,
        "end_column": 28,
    }
    assert error["pointer"] == ""
    assert error["text"] == (
        "requête:3:27: error[S100]: JSON invalide : nom de fait entre guillemets attendu\n"
        '   3 |   "situation": {"age": 34,}\n'
        "     |                           ^"
    )


def test_a_key_given_twice_names_both_places(client: TestClient) -> None:
    (error,) = errors(post(client, "cle-en-double.json"))
    assert error["code"] == "S105"
    assert error["message"] == "clé « date » en double (lignes 1 et 1)"
    assert error["notes"][0]["message"] == "première occurrence"
    assert error["notes"][0]["span"]["column"] == 2


def test_every_fact_error_names_fact_value_expectation_and_suggestion(client: TestClient) -> None:
    found = errors(post(client, "situation-fautive.json"))
    shown = [(e["code"], e["pointer"], e.get("fact"), e.get("expected")) for e in found]
    assert shown == [
        ("S102", "/situation/age", "age", "un nombre entier"),
        (
            "S103",
            "/situation/modalite_seance",
            "modalite_seance",
            "une des valeurs presentiel, visio",
        ),
        ("S101", "/situation/agee", "agee", None),
        ("S102", "/situation/beneficiaire_rsa", "beneficiaire_rsa", "vrai ou faux (true / false)"),
        ("U001", "/conclusions/0", None, None),
    ]
    age, modalite, agee, _, conclusion = found
    assert age["message"] == 'valeur invalide pour « age » : "trente" ; attendu : un nombre entier'
    assert age["value"] == "trente"
    assert modalite["suggestion"] == "visio"
    assert modalite["hint"] == "vouliez-vous dire « visio » ?"
    assert agee["message"] == "fait inconnu « agee » (valeur 34)"
    assert (agee["value"], agee["suggestion"]) == (34, "age")
    assert conclusion["text"] == (
        "error[U001]: conclusion inconnue « mon_soutien_psy.eligibl »\n"
        "   = aide : vouliez-vous dire « mon_soutien_psy.eligible » ?"
    )


def test_a_bad_date_is_the_cli_s_u002(client: TestClient) -> None:
    body = {"date": "2026-02-30", "situation": {}}
    (error,) = errors(client.post("/v1/evaluate", json=body))
    assert error["pointer"] == "/date"
    assert error["text"] == (
        "error[U002]: date invalide « 2026-02-30 »\n"
        "   = aide : écrivez AAAA-MM-JJ, par exemple 2026-03-01"
    )


def test_fields_missing_unknown_or_of_the_wrong_shape_are_all_reported(client: TestClient) -> None:
    body = {"situtation": {}, "conclusions": ["css.droit", 3], "explain": "oui"}
    found = errors(client.post("/v1/evaluate", json=body))
    assert [(e["code"], e["pointer"], e["message"], e["hint"]) for e in found] == [
        (
            "H004",
            "/situtation",
            "champ inconnu « situtation »",
            "vouliez-vous dire « situation » ?",
        ),
        ("H003", "", "champ obligatoire manquant « date »", _EXAMPLE),
        ("H003", "", "champ obligatoire manquant « situation »", _EXAMPLE),
        (
            "H005",
            "/conclusions",
            'valeur invalide pour « conclusions » : ["css.droit", 3] ; attendu : une liste de noms',
            None,
        ),
        (
            "H005",
            "/explain",
            'valeur invalide pour « explain » : "oui" ; attendu : vrai ou faux (true / false)',
            None,
        ),
    ]


_SITUATION = "vouliez-vous dire « situation » ?"
_EXAMPLE = 'par exemple : {"date": "2026-03-01", "situation": {"age": 34}}'


def test_no_request_can_name_a_file_to_read(client: TestClient) -> None:
    found = errors(post(client, "chemins.json"))
    assert [(e["code"], e["message"]) for e in found] == [
        ("H004", "champ inconnu « rules »"),
        ("H004", "champ inconnu « paths »"),
    ]
    assert found[0]["hint"] == "champs possibles : date, situation, conclusions, explain"


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (b"", "H014", "le corps de la requête est vide"),
        (b"[1, 2]", "H002", "une requête est un objet JSON, pas [1, 2]"),
        (b"\xff{}", "H010", "le corps de la requête n'est pas du texte UTF-8 (octet 1)"),
        (b'{"date": NaN}', "H005", "valeur invalide pour « date » : NaN ; attendu : un texte"),
        (
            b'{"date": "2026-03-01", "situation": {"age": ' + b"9" * 5000 + b"}}",
            "S131",
            "valeur hors limites pour « age » : "
            + '"'
            + "9" * 78
            + "… ; attendu : un nombre entier d'au plus 15 chiffres",
        ),
        (
            b'{"situation": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "S130",
            "listes et objets imbriqués sur plus de 32 niveaux",
        ),
    ],
    ids=["vide", "liste", "latin-1", "nan", "nombre-trop-long", "imbrication"],
)
def test_bodies_that_are_no_request(
    client: TestClient, body: bytes, code: str, message: str
) -> None:
    found = errors(client.post("/v1/evaluate", content=body))
    assert (found[0]["code"], found[0]["message"]) == (code, message)


def test_a_fact_value_json_cannot_hold_is_answered_as_text(client: TestClient) -> None:
    body = b'{"date": "2026-03-01", "situation": {"ressources_annuelles_foyer": Infinity}}'
    (error,) = errors(client.post("/v1/evaluate", content=body))
    assert error["code"] == "S102"
    assert error["value"] == "inf"


def test_a_body_over_the_limit_is_413_whether_announced_or_streamed(client: TestClient) -> None:
    assert BODY_LIMIT == 1024 * 1024
    big = b" " * (BODY_LIMIT + 1)
    (error,) = errors(client.post("/v1/evaluate", content=big), 413)
    assert (
        error["message"]
        == "corps de requête trop grand : plus de 1 Mio (1\u202f048\u202f576 octets)"
    )

    def chunks() -> Any:
        for _ in range(17):
            yield b" " * 65536

    (error,) = errors(client.post("/v1/evaluate", content=chunks()), 413)
    assert error["code"] == "H001"
    body = b'{"date": "2026-03-01", "situation": {}}'.ljust(BODY_LIMIT)
    assert client.post("/v1/evaluate", content=body).status_code == 200


def test_batch_bounds_and_locates_each_situation(client: TestClient) -> None:
    many = {"date": "2026-03-01", "situations": [{}] * 101}
    (error,) = errors(client.post("/v1/batch", json=many))
    assert (error["code"], error["pointer"]) == ("H006", "/situations")
    assert error["message"] == "trop de situations : 101 ; au plus 100 par requête"
    body = {"date": "2026-03-01", "situations": [{}, {"age": -1.5}]}
    (error,) = errors(client.post("/v1/batch", json=body))
    assert (error["code"], error["pointer"]) == ("S102", "/situations/1/age")


def test_unknown_names_and_addresses_are_404_with_a_suggestion(client: TestClient) -> None:
    (error,) = errors(client.get("/v1/rules/css.droi"), 404)
    assert (error["code"], error["message"], error["hint"]) == (
        "H011",
        "règle inconnue « css.droi »",
        "vouliez-vous dire « css.droit » ?",
    )
    (error,) = errors(client.get("/v1/facts/agee"), 404)
    assert error["message"] == "donnée inconnue « agee »"
    (error,) = errors(client.get("/v2/evaluate"), 404)
    assert (error["code"], error["message"]) == ("H008", "adresse inconnue « /v2/evaluate »")
    response = client.get("/v1/evaluate")
    (error,) = errors(response, 405)
    assert error["message"] == "méthode GET non permise pour « /v1/evaluate »"
    assert response.headers["allow"] == "POST"


def test_the_documentation_folder_cannot_be_left(client: TestClient) -> None:
    for path in ("/doc/../pyproject.toml", "/doc/%2e%2e/%2e%2e/etc/passwd", "/doc/..%2fREADME.md"):
        (error,) = errors(client.get(path), 404)
        assert error["code"] == "H008"


def test_a_documentation_name_longer_than_the_system_allows_is_not_found(
    client: TestClient,
) -> None:
    (error,) = errors(client.get("/doc/" + "x" * 300 + ".html"), 404)
    assert error["code"] == "H008"


def test_an_explain_format_is_one_of_three(client: TestClient) -> None:
    body = {"date": "2026-03-01", "situation": {}, "conclusion": "css.droit", "format": "pdf"}
    (error,) = errors(client.post("/v1/explain", json=body))
    assert (error["code"], error["pointer"], error["hint"]) == (
        "H007",
        "/format",
        "possibles : json, texte, html",
    )


def test_a_defect_is_a_500_that_says_so_without_its_traceback(rules: RuleBase) -> None:
    class Broken(RuleBase):
        def evaluate_facts(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("secret detail")

    app = create_app(Service(Broken(rules.program), today=lambda: TODAY))
    with TestClient(app, raise_server_exceptions=False) as broken:
        response = broken.post("/v1/evaluate", json={"date": "2026-03-01", "situation": {}})
    (error,) = errors(response, 500)
    assert error["code"] == "H012"
    assert error["message"] == "erreur interne du service"
    assert "secret" not in response.text and "Traceback" not in response.text
