"""The questionnaire at `/`: a person chooses a question, answers one question at a time —
only those whose answer can still decide it — and reads the answer with its reasons.

Plain HTML forms, rendered on the server: no script, no resource from outside (it works
offline), the keyboard and a screen reader get native controls (fieldset and legend, labels,
error messages tied to their field), and the page reads on a phone. Each step is the engine's
`ask` logic: evaluate with the answers so far, ask the first question that still matters.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import anyio.to_thread
import attrs
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from ..dsl.errors import AlineaError
from ..engine import Conclusion, RuleBase
from . import adapter, topics, verdict
from .answers import PREFIX, Answers, choice_label, wording
from .bodies import raw
from .state import Service

if TYPE_CHECKING:
    import jinja2

HERE = Path(__file__).resolve().parent
MAX_FIELDS = 2000
SECURITY = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def routes() -> list[BaseRoute]:
    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/questionnaire/{name}", step, methods=["GET", "HEAD", "POST"]),
        Route("/questionnaire/{name}/detail", detail, methods=["POST"]),
        Route("/static/questionnaire.css", stylesheet, methods=["GET", "HEAD"]),
    ]


@functools.cache
def environment() -> jinja2.Environment:
    """The templates, made on the first page (Jinja2 is not imported by a start-up)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date_fr"] = adapter.french_date
    env.filters["choice"] = choice_label
    return env


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY)


def _service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


async def home(request: Request) -> Response:
    state = _service(request)
    main, others = topics.offered(state.base)
    return page("home.html", main=main, others=others, day=state.today())


async def stylesheet(request: Request) -> Response:
    css = (HERE / "static" / "questionnaire.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css; charset=utf-8", headers=SECURITY)


async def _form(request: Request) -> dict[str, list[str]]:
    if request.method != "POST":
        return {}
    text = (await raw(request)).decode("utf-8", errors="replace")
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        return {}


async def step(request: Request) -> Response:
    """One page of the questionnaire: the next question, or the answer."""
    state = _service(request)
    base = state.base
    topic = topics.topic(base, request.path_params["name"])
    if topic is None:
        return page("unknown.html", 404, name=request.path_params["name"])
    form = await _form(request)
    answers, date_problem = Answers.read(form, base, state.today())
    move = _move(base, form, answers)
    facts, wrong = move.answers.facts(base)
    errors = {**move.errors, **wrong}
    try:
        result = base.evaluate_facts(facts, date=move.answers.day, only=[topic.conclusion])
    except AlineaError as error:
        return page("failure.html", 422, topic=topic, messages=[str(d) for d in error.diagnostics])
    found = result[topic.conclusion]
    pending = [q.fact for q in found.questions if q.fact not in move.answers.skipped]
    asked = next(iter(errors), None) or move.again or next(iter(pending), None)
    if asked is None:
        return answer_page(base, topic, move.answers, found, facts, date_problem)
    serves = next((q.citation for q in found.questions if q.fact == asked), None)
    typed = move.typed or move.answers.given.get(asked, ())
    return question_page(base, topic, move.answers, asked, serves, typed, errors, date_problem)


@attrs.frozen
class _Move:
    """What the person's click did: the answers now, the question to show again (« question
    précédente », with what was answered to it), and what is wrong with the answer sent."""

    answers: Answers
    again: str | None = None
    typed: tuple[str, ...] = ()
    errors: dict[str, str] = attrs.Factory(dict)


def _move(base: RuleBase, form: dict[str, list[str]], answers: Answers) -> _Move:
    current = form.get("courante", [""])[0]
    if current not in base.program.facts:
        current = ""
    action = form.get("action", ["repondre"])[0]
    if action == "passer" and current:
        return _Move(answers.skip(current))
    if action == "retour":
        kept, last, typed = (answers.without(current) if current else answers).back()
        return _Move(kept, last, typed)
    sent = form.get(PREFIX + current, [])
    if current and not _is_list(base, current) and not any(v.strip() for v in sent):
        message = "Choisissez ou écrivez une réponse, ou « Je ne sais pas »."
        return _Move(answers.without(current), errors={current: message})
    return _Move(answers)


def _is_list(base: RuleBase, fact: str) -> bool:
    return base.program.facts[fact].type.kind is adapter.Kind.LISTE


def question_page(
    base: RuleBase,
    topic: topics.Topic,
    answers: Answers,
    fact: str,
    serves: str | None,
    typed: tuple[str, ...],
    errors: dict[str, str],
    date_problem: str | None,
) -> HTMLResponse:
    symbol = base.program.facts[fact]
    article = base.program.article(serves, answers.day) if serves else None
    field = _field(symbol)
    described = [
        ident
        for ident, present in (
            ("aide", symbol.decl.description),
            ("format", field.get("hint")),
            ("erreur", fact in errors),
        )
        if present
    ]
    return page(
        "question.html",
        422 if fact in errors else 200,
        topic=topic,
        day=answers.day,
        fact=symbol,
        field=field,
        described=" ".join(described),
        typed=typed,
        error=errors.get(fact),
        date_problem=date_problem,
        serves=serves,
        article=adapter.quote(article),
        number=len([n for n in answers.order if n != fact]) + 1,
        hidden=answers.hidden(leave_out=fact),
        can_go_back=bool([n for n in answers.order if n != fact]),
    )


def _field(symbol: adapter.FactSymbol) -> dict[str, Any]:
    """How the question is asked: the control and its choices."""
    type_ = symbol.type
    kind = type_.kind
    bounds = symbol.decl.bounds
    low = high = None
    if bounds is not None:
        low, high = adapter.expression_text(bounds.low), adapter.expression_text(bounds.high)
    if kind is adapter.Kind.BOOLEEN:
        return {"control": "radio", "choices": [("oui", "Oui"), ("non", "Non")]}
    if kind is adapter.Kind.ENUM:
        text = wording(symbol)
        return {"control": "radio", "choices": [(v, choice_label(v, text)) for v in type_.values]}
    if kind is adapter.Kind.LISTE and type_.element is not None and type_.element.values:
        text = wording(symbol)
        choices = [(v, choice_label(v, text)) for v in type_.element.values]
        return {"control": "checkbox", "choices": choices}
    hints = {
        adapter.Kind.ENTIER: "Un nombre entier, par exemple 3.",
        adapter.Kind.DECIMAL: "Un nombre, par exemple 2,5.",
        adapter.Kind.MONTANT: "Un montant en euros, par exemple 10 339 ou 10 339,50.",
        adapter.Kind.TAUX: "Un pourcentage, par exemple 60 %.",
        adapter.Kind.DUREE: "Une durée, par exemple « 4 mois », « 2 ans » ou « 10 jours ».",
        adapter.Kind.DATE: "Une date.",
    }
    numeric = kind in {adapter.Kind.ENTIER, adapter.Kind.DECIMAL, adapter.Kind.MONTANT}
    return {
        "control": "date" if kind is adapter.Kind.DATE else "text",
        "inputmode": ("numeric" if kind is adapter.Kind.ENTIER else "decimal") if numeric else None,
        "hint": hints.get(kind, ""),
        "bounds": (low, high) if kind is adapter.Kind.ENTIER and bounds is not None else None,
    }


def answer_page(
    base: RuleBase,
    topic: topics.Topic,
    answers: Answers,
    conclusion: Conclusion,
    facts: dict[str, object],
    date_problem: str | None,
) -> HTMLResponse:
    told = verdict.read(base, topic, conclusion, answers, facts)
    return page(
        "answer.html",
        topic=topic,
        day=answers.day,
        verdict=told,
        date_problem=date_problem,
        hidden=answers.hidden(),
        can_go_back=bool(answers.order),
    )


async def detail(request: Request) -> Response:
    """The page of `alinea explain --html` for the answers given: the whole tree and the
    highlighted diagram, for a professional who helps the person."""
    state = _service(request)
    base = state.base
    topic = topics.topic(base, request.path_params["name"])
    if topic is None:
        return page("unknown.html", 404, name=request.path_params["name"])
    answers, _ = Answers.read(await _form(request), base, state.today())
    facts, _ = answers.facts(base)
    try:
        result = base.evaluate_facts(facts, date=answers.day, only=[topic.conclusion])
    except AlineaError as error:
        return page("failure.html", 422, topic=topic, messages=[str(d) for d in error.diagnostics])
    html = await anyio.to_thread.run_sync(
        adapter.explanation_page,
        result[topic.conclusion],
        base.program,
        facts,
        "questionnaire",
        "/doc/",
    )
    return HTMLResponse(html)
