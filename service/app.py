"""The ASGI application: the routes, the errors as JSON, the lifespan of the service.

`create_app(service)` serves one loaded rule base; `alinea serve` builds the `Service` (the
CLI reads the clock and chooses the rule files) and hands the application to uvicorn. Every
error is an answer with diagnostics: the request's fault is 4xx; a defect of alinea is a
500 that says so, its traceback on the server's stderr only.
"""

from __future__ import annotations

import contextlib
import mimetypes
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..dsl.errors import AlineaError
from . import api, openapi, questionnaire
from .errors import ApiError, from_alinea, internal, one
from .state import Service


def create_app(service: Service) -> Starlette:
    """The application serving `service`'s rule base."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with anyio.create_task_group() as tasks:
            if service.reload:
                tasks.start_soon(service.watch)
            try:
                yield
            finally:
                tasks.cancel_scope.cancel()
                service.close()

    app = Starlette(
        routes=routes(),
        exception_handlers={
            ApiError: _api_error,
            AlineaError: _alinea_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    app.state.service = service
    return app


def routes() -> list[BaseRoute]:
    post, get = ["POST"], ["GET", "HEAD"]
    return [
        Route("/v1/evaluate", api.evaluate, methods=post),
        Route("/v1/explain", api.explain, methods=post),
        Route("/v1/questions", api.questions, methods=post),
        Route("/v1/batch", api.batch, methods=post),
        Route("/v1/rules", api.rules, methods=get),
        Route("/v1/rules/{name}", api.rule, methods=get),
        Route("/v1/parameters", api.parameters, methods=get),
        Route("/v1/parameters/{name}", api.parameter, methods=get),
        Route("/v1/facts", api.facts, methods=get),
        Route("/v1/facts/{name}", api.fact, methods=get),
        Route("/health", api.health, methods=get),
        Route("/openapi.json", openapi.endpoint, methods=get),
        Route("/doc", _doc_root, methods=get),
        Route("/doc/{path:path}", doc, methods=get),
        *questionnaire.routes(),
    ]


async def _doc_root(request: Request) -> Response:
    return RedirectResponse("/doc/", status_code=308)


async def doc(request: Request) -> Response:
    """A file of the documentation site, drawn on the first request. Paths are resolved
    inside the site's folder: nothing outside it can be named."""
    state: Service = request.app.state.service
    folder = await state.doc.folder(state.base.program, state.today())
    wanted = request.path_params["path"] or "index.html"
    try:
        target = (folder / wanted).resolve()
        if target.is_dir():
            target = target / "index.html"
        found = target.is_relative_to(folder.resolve()) and target.is_file()
    except (OSError, ValueError):  # a name the system refuses (too long, say) names nothing
        found = False
    if not found:
        raise _not_found(request)
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if media.startswith("text/") or media.endswith("javascript"):
        media += "; charset=utf-8"
    return FileResponse(Path(target), media_type=media)


def _not_found(request: Request) -> ApiError:
    return one(404, "H008", f"adresse inconnue « {request.url.path} »", _HINT)


_HINT = "les adresses de l'API sont décrites par /openapi.json ; le questionnaire est à /"


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return error.response()


async def _alinea_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, AlineaError)
    return from_alinea(error).response()


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if error.status_code == 404:
        return _not_found(request).response()
    if error.status_code == 405:
        allowed = error.headers.get("Allow", "") if error.headers else ""
        response = one(
            405,
            "H009",
            f"méthode {request.method} non permise pour « {request.url.path} »",
            f"méthodes possibles : {allowed}" if allowed else _HINT,
        ).response()
        if allowed:
            response.headers["Allow"] = allowed
        return response
    return JSONResponse({"status": error.status_code, "errors": []}, error.status_code)


async def _internal_error(request: Request, error: Exception) -> Response:
    return internal()
