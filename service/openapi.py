"""The OpenAPI 3.1 description of the service, served at `/openapi.json`.

Written from the rule base in force: a situation's schema names every declared fact with
its type (enumerations with their values), conclusion names are an enumeration of the
rules, so a client generator (or schemathesis) knows exactly what a request may hold. Only
what the service enforces is declared: `entre … et …` bounds are plausibility bounds for
`alinea diff`, not limits on situations, and are not schema limits.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import adapter
from .bodies import BATCH_LIMIT
from .errors import BODY_LIMIT

Schema = dict[str, Any]
REF = "#/components/schemas/"

STATUSES = ["valeur", "inconnu", "non_applicable", "non_couvert"]


async def endpoint(request: Request) -> Response:
    state = request.app.state.service
    if state.schema is None or state.schema[0] != state.generation:
        state.schema = (state.generation, document(state.base.program))
    return JSONResponse(state.schema[1])


def document(program: adapter.Program) -> Schema:
    rules = sorted(program.rules)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "alinea",
            "version": "1",
            "description": (
                "Évaluer des situations selon les règles de droit d'alinea, expliquer chaque "
                "conclusion, ne poser que les questions utiles. Les réponses JSON sont celles "
                "de `alinea eval --json` et `alinea explain --json`. Une erreur est une "
                "réponse 4xx portant les diagnostics de la ligne de commande ; un corps de "
                f"plus de {BODY_LIMIT} octets est refusé (413). Le questionnaire est à `/`, "
                "la documentation de la base de règles à `/doc/`."
            ),
        },
        "paths": _paths(),
        "components": {"schemas": _schemas(program, rules)},
    }


def _ref(name: str) -> Schema:
    return {"$ref": REF + name}


def _json(schema: Schema) -> Schema:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    words = {
        404: "nom ou adresse inconnus",
        413: f"corps de plus de {BODY_LIMIT} octets",
        422: "requête invalide : diagnostics de la ligne de commande",
    }
    return {str(s): {"description": words[s], **_json(_ref("Errors"))} for s in statuses}


def _post(summary: str, request: str, response: Schema, extra: Schema | None = None) -> Schema:
    ok = {"description": "succès", **_json(response)}
    if extra:
        ok["content"].update(extra)
    return {
        "post": {
            "summary": summary,
            "requestBody": {"required": True, **_json(_ref(request))},
            "responses": {"200": ok, **_errors(413, 422)},
        }
    }


def _get(summary: str, response: Schema, *, item: bool = False, dated: bool = False) -> Schema:
    parameters = []
    if item:
        parameters.append(
            {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
        )
    if dated:
        parameters.append(
            {"name": "date", "in": "query", "required": False, "schema": _ref("Date")}
        )
    errors = _errors(404, 422) if item else _errors(422) if dated else {}
    operation: Schema = {
        "summary": summary,
        "responses": {"200": {"description": "succès", **_json(response)}, **errors},
    }
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def _paths() -> Schema:
    anything = {"type": "object"}
    text = {"text/plain": {"schema": {"type": "string"}}}
    html = {"text/html": {"schema": {"type": "string"}}}
    return {
        "/v1/evaluate": _post(
            "Évaluer une situation (alinea eval --json)", "EvaluateRequest", _ref("Result")
        ),
        "/v1/explain": _post(
            "Expliquer une conclusion : JSON, texte ou page HTML (alinea explain)",
            "ExplainRequest",
            _ref("Result"),
            {**text, **html},
        ),
        "/v1/questions": _post(
            "Les questions qui peuvent encore décider une conclusion (alinea ask)",
            "QuestionsRequest",
            _ref("Questions"),
        ),
        "/v1/batch": _post(
            f"Évaluer plusieurs situations à la fois (au plus {BATCH_LIMIT})",
            "BatchRequest",
            _ref("Batch"),
        ),
        "/v1/rules": _get("Les règles et conclusions", anything, dated=True),
        "/v1/rules/{name}": _get(
            "Une règle : versions, articles, couverture", anything, item=True, dated=True
        ),
        "/v1/parameters": _get("Les paramètres", anything),
        "/v1/parameters/{name}": _get(
            "Un paramètre : ses valeurs datées", anything, item=True, dated=True
        ),
        "/v1/facts": _get("Les données d'une situation", anything),
        "/v1/facts/{name}": _get("Une donnée : question, type, valeurs", anything, item=True),
        "/health": _get("État du service", anything),
    }


def _schemas(program: adapter.Program, rules: list[str]) -> Schema:
    date = {"type": "string", "format": "date", "examples": ["2026-03-01"]}
    names = {"type": "array", "items": {"enum": rules}}
    situation: Schema = {
        "type": "object",
        "description": "Les faits connus ; un fait absent (ou null) est inconnu, jamais faux.",
        "properties": {
            name: {"anyOf": [fact_schema(symbol.type), {"type": "null"}]}
            for name, symbol in sorted(program.facts.items())
        },
        "additionalProperties": False,
    }
    conclusion = {"type": "string", "enum": rules}
    return {
        "Date": date,
        "Situation": situation,
        "EvaluateRequest": _request(
            {
                "date": _ref("Date"),
                "situation": _ref("Situation"),
                "conclusions": names,
                "explain": {"type": "boolean"},
            },
            ["date", "situation"],
        ),
        "BatchRequest": _request(
            {
                "date": _ref("Date"),
                "situations": {
                    "type": "array",
                    "items": _ref("Situation"),
                    "maxItems": BATCH_LIMIT,
                },
                "conclusions": names,
                "explain": {"type": "boolean"},
            },
            ["date", "situations"],
        ),
        "ExplainRequest": _request(
            {
                "date": _ref("Date"),
                "situation": _ref("Situation"),
                "conclusion": conclusion,
                "format": {"enum": ["json", "texte", "html"]},
            },
            ["date", "situation", "conclusion"],
        ),
        "QuestionsRequest": _request(
            {"date": _ref("Date"), "situation": _ref("Situation"), "conclusion": conclusion},
            ["date", "conclusion"],
        ),
        "Conclusion": _conclusion(),
        "Result": {
            "type": "object",
            "required": ["date", "conclusions"],
            "properties": {
                "date": date,
                "conclusions": {"type": "object", "additionalProperties": _ref("Conclusion")},
            },
        },
        "Batch": {
            "type": "object",
            "required": ["date", "results"],
            "properties": {"date": date, "results": {"type": "array", "items": _ref("Result")}},
        },
        "Questions": _questions(),
        "Diagnostic": _diagnostic(),
        "Errors": {
            "type": "object",
            "required": ["status", "errors", "summary"],
            "properties": {
                "status": {"type": "integer"},
                "errors": {"type": "array", "items": _ref("Diagnostic")},
                "summary": {"type": "string"},
            },
        },
    }


def _request(properties: Schema, required: list[str]) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def fact_schema(type_: adapter.Type) -> Schema:
    """What a situation may give for a fact of this type (VOCABULARY.md's table)."""
    kind = type_.kind
    if kind is adapter.Kind.BOOLEEN:
        return {"type": "boolean"}
    if kind is adapter.Kind.ENTIER:
        return {"type": "integer"}
    if kind is adapter.Kind.DECIMAL:
        return {"type": "number"}
    if kind is adapter.Kind.MONTANT:
        return {
            "anyOf": [
                {"type": "integer"},
                {"type": "string", "pattern": r"^-?[0-9]{1,12}(\.[0-9]{1,2})?$"},
            ],
            "description": 'en euros, exact au centime : 10339 ou "10339.00"',
        }
    if kind is adapter.Kind.TAUX:
        return {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[0-9]{1,3} ?%$"}],
            "description": 'un taux : 0.6 ou "60 %"',
        }
    if kind is adapter.Kind.DATE:
        return {"type": "string", "format": "date"}
    if kind is adapter.Kind.DUREE:
        return {
            "type": "string",
            "pattern": "^P[0-9]{1,4}[YMWD]$",
            "description": 'ISO 8601 : "P4M", "P10D", "P1Y" (ou "4 mois")',
        }
    if kind is adapter.Kind.ENUM:
        return {"enum": list(type_.values)}
    if kind is adapter.Kind.LISTE:
        element = type_.element
        return {"type": "array", "items": fact_schema(element) if element else {}}
    return {"type": "string"}


def _conclusion() -> Schema:
    strings = {"type": "array", "items": {"type": "string"}}
    return {
        "type": "object",
        "required": ["value", "status", "type", "missing", "sources"],
        "properties": {
            "value": {},
            "status": {"enum": STATUSES},
            "type": {"type": ["string", "null"]},
            "missing": strings,
            "sources": strings,
            "couvert_jusqu_au": {"type": "string", "format": "date"},
            "couvert_depuis": {"type": "string", "format": "date"},
            "article": {"type": ["string", "null"]},
            "lacunes": {"type": "array", "items": {"type": "object"}},
            "explanation": {"type": "object"},
            "articles": {"type": "object"},
        },
    }


def _questions() -> Schema:
    question = {
        "type": "object",
        "required": ["name", "question", "label", "type", "bounds", "serves", "article"],
        "properties": {
            "name": {"type": "string"},
            "question": {"type": ["string", "null"]},
            "label": {"type": "string"},
            "type": {"type": "object"},
            "bounds": {"type": ["object", "null"]},
            "serves": {"type": ["string", "null"]},
            "article": {"type": ["object", "null"]},
        },
    }
    return {
        "type": "object",
        "required": ["date", "conclusion", "done", "questions"],
        "properties": {
            "date": {"type": "string", "format": "date"},
            "conclusion": {"allOf": [_ref("Conclusion")], "required": ["name"]},
            "done": {"type": "boolean"},
            "questions": {"type": "array", "items": question},
        },
    }


def _diagnostic() -> Schema:
    nullable_text = {"type": ["string", "null"]}
    return {
        "type": "object",
        "required": ["code", "severity", "message", "span", "hint", "notes", "text", "pointer"],
        "properties": {
            "code": {"type": "string"},
            "severity": {"enum": ["error", "warning"]},
            "message": {"type": "string"},
            "span": {"type": ["object", "null"]},
            "hint": nullable_text,
            "notes": {"type": "array"},
            "text": {"type": "string"},
            "pointer": nullable_text,
            "fact": {"type": "string"},
            "value": {},
            "expected": nullable_text,
            "suggestion": nullable_text,
        },
    }
