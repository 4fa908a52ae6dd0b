"""Errors as HTTP answers: the CLI's diagnostics as JSON, each with the place in the request
it concerns (a JSON pointer), and the one status each kind of error gets.

`{"status": 422, "errors": [{"code", "severity", "message", "span", "hint", "notes",
"pointer", "text", …}], "summary": "2 erreurs"}`: a situation error adds `fact`, `value`,
`expected` and `suggestion` (`dsl.diagnostics.to_json`). No answer carries a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import attrs
from starlette.responses import JSONResponse

from ..dsl.diagnostics import summary, to_json
from ..dsl.errors import (
    AlineaError,
    Diagnostic,
    EvaluationError,
    SituationError,
    UsageError,
)
from . import adapter

BODY_LIMIT = 1024 * 1024
"""The largest request body read, in bytes (1 MiB): a larger one is refused with 413."""

REQUEST = "requête"
"""The name diagnostics give the request body (`requête:1:17: error[S100]: …`)."""

UNPROCESSABLE = 422


@attrs.frozen
class Located:
    """A diagnostic and the part of the request it concerns: a JSON pointer (RFC 6901,
    `/situation/age`), `""` for the whole body, None when it concerns no part of it."""

    diagnostic: Diagnostic
    pointer: str | None = None


class ApiError(Exception):
    """A request the service answers with diagnostics; `source` is the body's text, for the
    excerpts of diagnostics located in it."""

    def __init__(self, status: int, problems: Sequence[Located], source: str | None = None):
        super().__init__(", ".join(str(p.diagnostic) for p in problems))
        self.status = status
        self.problems = tuple(problems)
        self.source = source

    def response(self) -> JSONResponse:
        def read(path: str) -> str | None:
            return self.source if path == REQUEST else None

        errors = [{**to_json(p.diagnostic, read), "pointer": p.pointer} for p in self.problems]
        body = {
            "status": self.status,
            "errors": errors,
            "summary": summary(p.diagnostic for p in self.problems),
        }
        return JSONResponse(body, status_code=self.status)


def pointer(*parts: str | int) -> str:
    """A JSON pointer to a part of the request: `pointer("situation", "age")`."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def from_alinea(error: AlineaError, at: str | None = None) -> ApiError:
    """An error of the engine as an answer: the request's fault (422) or the service's."""
    problems = [Located(d, at) for d in error.diagnostics]
    if isinstance(error, SituationError | UsageError | EvaluationError):
        return ApiError(UNPROCESSABLE, problems)
    if isinstance(error, adapter.GraphvizMissing):
        return ApiError(503, problems)
    return ApiError(500, problems)


def one(
    status: int, code: str, message: str, hint: str | None = None, at: str | None = None
) -> ApiError:
    """An answer with a single diagnostic."""
    return ApiError(status, [Located(Diagnostic(code, message, None, hint), at)])


def suggestion(name: str, known: Iterable[str], otherwise: str | None = None) -> str | None:
    """`vouliez-vous dire « … » ?` for a misspelt name, else `otherwise`."""
    guess = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"vouliez-vous dire « {guess[0]} » ?" if guess else otherwise


def internal() -> JSONResponse:
    """A defect of alinea: said as such, with nothing of the exception in the answer."""
    return one(
        500,
        "H012",
        "erreur interne du service",
        "c'est un défaut d'alinea, pas de la requête : signalez-le avec la requête envoyée",
    ).response()
