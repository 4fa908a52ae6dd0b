"""The `/v1` endpoints: evaluate, explain, ask, batch, and the rule base as data.

Each handler reads the rule base in force once (`Service.base`), checks the whole body
(`bodies.Reader`), then answers with the JSON the CLI prints: `/v1/evaluate` is
`alinea eval --json` (`--explain` with `"explain": true`), `/v1/explain` is
`alinea explain --json`, its text or its `--html` page. Evaluating is fast and
CPU-bound, so it runs in the event loop; drawing (Graphviz) runs in a worker thread.
"""

from __future__ import annotations

import datetime
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..dsl.diagnostics import to_json
from ..dsl.errors import AlineaError
from ..engine import Conclusion, RuleBase
from . import adapter, catalog
from .bodies import Field, Reader, Shape, read
from .errors import from_alinea, pointer
from .state import Service

EVALUATE = {
    "date": Field(Shape.TEXT, required=True),
    "situation": Field(Shape.OBJECT, required=True),
    "conclusions": Field(Shape.NAMES),
    "explain": Field(Shape.BOOLEAN),
}
BATCH = {
    "date": Field(Shape.TEXT, required=True),
    "situations": Field(Shape.OBJECTS, required=True),
    "conclusions": Field(Shape.NAMES),
    "explain": Field(Shape.BOOLEAN),
}
EXPLAIN = {
    "date": Field(Shape.TEXT, required=True),
    "situation": Field(Shape.OBJECT, required=True),
    "conclusion": Field(Shape.TEXT, required=True),
    "format": Field(Shape.TEXT),
}
QUESTIONS = {
    "date": Field(Shape.TEXT, required=True),
    "situation": Field(Shape.OBJECT),
    "conclusion": Field(Shape.TEXT, required=True),
}
FORMATS = ("json", "texte", "html")


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


async def _reader(request: Request, fields: dict[str, Field]) -> Reader:
    body, text = await read(request)
    return Reader(service(request).base, body, text, fields)


async def evaluate(request: Request) -> Response:
    reader = await _reader(request, EVALUATE)
    day, facts = reader.date(), reader.situation()
    only, explain = reader.names("conclusions"), reader.flag("explain")
    reader.done()
    assert day is not None
    result = reader.base.evaluate_facts(facts, date=day, only=only)
    return JSONResponse(result.to_json(explain=explain))


async def batch(request: Request) -> Response:
    reader = await _reader(request, BATCH)
    day, situations = reader.date(), reader.situations()
    only, explain = reader.names("conclusions"), reader.flag("explain")
    reader.done()
    assert day is not None
    results = []
    for index, facts in enumerate(situations):
        try:
            result = reader.base.evaluate_facts(facts, date=day, only=only)
            results.append(result.to_json(explain=explain))
        except AlineaError as error:
            raise from_alinea(error, pointer("situations", index)) from None
    return JSONResponse({"date": day.isoformat(), "results": results})


async def explain(request: Request) -> Response:
    reader = await _reader(request, EXPLAIN)
    day, facts = reader.date(), reader.situation()
    name, form = reader.name("conclusion"), reader.choice("format", FORMATS)
    reader.done()
    assert day is not None
    result = reader.base.evaluate_facts(facts, date=day, only=[name])
    if form == "json":
        return JSONResponse(result.to_json(explain=True))
    conclusion = result[name]
    if form == "texte":
        return PlainTextResponse(conclusion.explain() + "\n")
    program = reader.base.program
    page = await anyio.to_thread.run_sync(
        adapter.explanation_page, conclusion, program, facts, "requête", catalog.DOC
    )
    return HTMLResponse(page)


async def questions(request: Request) -> Response:
    reader = await _reader(request, QUESTIONS)
    day, facts, name = reader.date(), reader.situation(), reader.name("conclusion")
    reader.done()
    assert day is not None
    conclusion = reader.base.evaluate_facts(facts, date=day, only=[name])[name]
    return JSONResponse(asked(reader.base, conclusion))


def asked(base: RuleBase, conclusion: Conclusion) -> dict[str, Any]:
    """The conclusion so far and the questions whose answer could still decide it, the
    next one first: what `alinea ask` would ask now."""
    program = base.program
    pending = [
        {
            **catalog.fact_data(program.facts[q.fact]),
            "serves": q.citation,
            "article": catalog.article(
                adapter.quote(program.article(q.citation, conclusion.date)) if q.citation else None
            ),
        }
        for q in conclusion.questions
    ]
    return {
        "date": conclusion.date.isoformat(),
        "conclusion": {"name": conclusion.name, **conclusion.to_json()},
        "done": not pending,
        "questions": pending,
    }


# ---------------------------------------------------------------- the rule base as data


def _day(request: Request) -> datetime.date:
    """The `?date=` of a request, else today (the service's clock, read by the CLI)."""
    given = request.query_params.get("date")
    if given is None:
        return service(request).today()
    try:
        return adapter.parse_date(given)
    except AlineaError as error:
        raise from_alinea(error) from None


async def rules(request: Request) -> Response:
    day = _day(request) if "date" in request.query_params else None
    return JSONResponse(catalog.rules(service(request).base.program, day))


async def rule(request: Request) -> Response:
    program = service(request).base.program
    return JSONResponse(catalog.rule(program, request.path_params["name"], _day(request)))


async def parameters(request: Request) -> Response:
    return JSONResponse(catalog.parameters(service(request).base.program))


async def parameter(request: Request) -> Response:
    program = service(request).base.program
    return JSONResponse(catalog.parameter(program, request.path_params["name"], _day(request)))


async def facts(request: Request) -> Response:
    return JSONResponse(catalog.facts(service(request).base.program))


async def fact(request: Request) -> Response:
    program = service(request).base.program
    return JSONResponse(catalog.fact(program, request.path_params["name"]))


async def health(request: Request) -> Response:
    state = service(request)
    program = state.base.program
    return JSONResponse(
        {
            "status": "ok",
            "files": len(program.modules),
            "conclusions": len(state.base.conclusions),
            "rules": len(program.rules),
            "facts": len(program.facts),
            "generation": state.generation,
            "reload": state.reload,
            "reload_errors": [
                {**to_json(d, adapter.read_source), "pointer": None} for d in state.reload_problems
            ],
        }
    )
