"""Request bodies: read within the size limit, parsed as JSON the way the CLI reads a
situation file, and checked field by field, every problem of a request reported at once.

A field that is missing, unknown (a misspelt `situtation`) or of the wrong shape is an `H0xx`
diagnostic pointing at it; the values are then checked by the engine itself, with the
diagnostics of the CLI: a bad date is `U002`, an unknown conclusion `U001`, a bad fact `S101`
to `S103` (with its fact, value, expectation and suggestion). No field names a file.
"""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Mapping
from typing import Any

import attrs
from starlette.requests import Request

from ..dsl import source
from ..dsl.errors import AlineaError, Diagnostic, FactDiagnostic, SituationError
from ..engine import RuleBase
from . import adapter
from .errors import (
    BODY_LIMIT,
    REQUEST,
    UNPROCESSABLE,
    ApiError,
    Located,
    one,
    pointer,
    suggestion,
)

BATCH_LIMIT = 100
"""The most situations one `/v1/batch` request evaluates."""

SHOWN_WIDTH = 80


class Shape(enum.Enum):
    """What a field holds, as its diagnostic says it."""

    TEXT = "un texte"
    OBJECT = "un objet { … }"
    BOOLEAN = "vrai ou faux (true / false)"
    NAMES = "une liste de noms"
    OBJECTS = "une liste d'objets { … }"


@attrs.frozen
class Field:
    shape: Shape
    required: bool = False


async def read(request: Request) -> tuple[Any, str]:
    """The JSON value of the body and its text; 413 past `BODY_LIMIT`, 422 when it is not
    JSON (located like the CLI's `S100`, a duplicate key `S105`)."""
    return parse(await raw(request))


async def raw(request: Request) -> bytes:
    """The body's bytes, read no further than `BODY_LIMIT` (413 past it)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > BODY_LIMIT:
        raise _too_large()
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_LIMIT:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def parse(data: bytes) -> tuple[Any, str]:
    """The JSON value of a body and its text (without a byte-order mark)."""
    try:
        text = source.strip_bom(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise one(
            UNPROCESSABLE,
            "H010",
            f"le corps de la requête n'est pas du texte UTF-8 (octet {error.start + 1})",
            "envoyez du JSON encodé en UTF-8",
            "",
        ) from None
    if not text.strip():
        raise one(UNPROCESSABLE, "H014", "le corps de la requête est vide", _EXAMPLE, "")
    try:
        return adapter.json_load(text), text
    except adapter.InputProblem as problem:
        located = Located(problem.diagnostic(adapter.SITUATION_CODES, REQUEST), "")
        raise ApiError(UNPROCESSABLE, [located], text) from None


_EXAMPLE = 'par exemple : {"date": "2026-03-01", "situation": {"age": 34}}'


def _too_large() -> ApiError:
    return one(
        413,
        "H001",
        f"corps de requête trop grand : plus de {BODY_LIMIT // 1024 // 1024} Mio "
        f"({BODY_LIMIT:,} octets)".replace(",", "\u202f"),
        f"envoyez moins de situations à la fois (/v1/batch en prend {BATCH_LIMIT})",
        "",
    )


class Reader:
    """One request body checked against its fields, gathering every problem: read the
    fields with the methods below, then `done()` raises them all, or returns."""

    def __init__(self, base: RuleBase, body: Any, text: str, fields: Mapping[str, Field]):
        self.base = base
        self.text = text
        self.problems: list[Located] = []
        self.body: dict[str, Any] = {}
        self.bad: set[str] = set()
        if not isinstance(body, dict):
            self._add("H002", f"une requête est un objet JSON, pas {_shown(body)}", "", _EXAMPLE)
            return
        self.body = body
        for name in body:
            if name not in fields:
                self.bad.add(name)
                hint = suggestion(name, fields) or "champs possibles : " + ", ".join(fields)
                self._add("H004", f"champ inconnu « {name} »", pointer(name), hint)
        for name, field in fields.items():
            if name not in body or body[name] is None:
                if field.required:
                    self._add("H003", f"champ obligatoire manquant « {name} »", "", _EXAMPLE)
            elif not _fits(body[name], field.shape):
                self.bad.add(name)
                shown = _shown(body[name])
                message = (
                    f"valeur invalide pour « {name} » : {shown} ; attendu : {field.shape.value}"
                )
                self._add("H005", message, pointer(name))

    def _add(self, code: str, message: str, at: str, hint: str | None = None) -> None:
        self.problems.append(Located(Diagnostic(code, message, None, hint), at))

    def _given(self, name: str) -> Any:
        """The field's value, None when absent, null or of the wrong shape (already said)."""
        if name in self.bad:
            return None
        return self.body.get(name)

    def done(self) -> None:
        if self.problems:
            raise ApiError(UNPROCESSABLE, self.problems, self.text)

    def engine_error(self, error: AlineaError, at: str) -> None:
        self.problems.extend(Located(d, at) for d in error.diagnostics)

    # ------------------------------------------------------------ fields

    def date(self) -> datetime.date | None:
        given = self._given("date")
        if given is None:
            return None
        try:
            return adapter.parse_date(given)
        except AlineaError as error:
            self.engine_error(error, pointer("date"))
            return None

    def flag(self, name: str) -> bool:
        return bool(self._given(name))

    def situation(self, name: str = "situation") -> dict[str, object]:
        """The checked facts of a situation field (none when absent)."""
        given = self._given(name)
        return {} if given is None else self.facts(given, (name,))

    def situations(self) -> list[dict[str, object]]:
        given = self._given("situations")
        if given is None:
            return []
        if len(given) > BATCH_LIMIT:
            self._add(
                "H006",
                f"trop de situations : {len(given)} ; au plus {BATCH_LIMIT} par requête",
                pointer("situations"),
                "découpez la liste en plusieurs requêtes",
            )
            return []
        return [self.facts(item, ("situations", index)) for index, item in enumerate(given)]

    def facts(self, raw: Mapping[str, Any], at: tuple[str | int, ...]) -> dict[str, object]:
        try:
            return self.base.facts_from(raw)
        except SituationError as error:
            for found in error.diagnostics:
                if isinstance(found, FactDiagnostic):
                    self.problems.append(Located(found, pointer(*at, found.fact)))
                else:
                    self.problems.append(Located(found, pointer(*at)))
            return {}

    def names(self, name: str) -> list[str] | None:
        """Rule names (any rule, as `--only` takes), each checked with its suggestion."""
        given = self._given(name)
        if given is None:
            return None
        for index, item in enumerate(given):
            try:
                self.base.resolve([item])
            except AlineaError as error:
                self.engine_error(error, pointer(name, index))
        return list(given)

    def name(self, field: str) -> str:
        given = self._given(field)
        if given is None:
            return ""
        try:
            self.base.resolve([given])
        except AlineaError as error:
            self.engine_error(error, pointer(field))
        return str(given)

    def choice(self, field: str, choices: tuple[str, ...]) -> str:
        """One of `choices` (the first when absent)."""
        given = self._given(field)
        if given is None:
            return choices[0]
        if given not in choices:
            hint = suggestion(given, choices) or "possibles : " + ", ".join(choices)
            self._add("H007", f"« {field} » inconnu : « {given} »", pointer(field), hint)
        return str(given)


def _fits(value: Any, shape: Shape) -> bool:
    if shape is Shape.TEXT:
        return isinstance(value, str)
    if shape is Shape.OBJECT:
        return isinstance(value, dict)
    if shape is Shape.BOOLEAN:
        return isinstance(value, bool)
    if shape is Shape.NAMES:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _shown(value: Any) -> str:
    """A value as JSON writes it, cut to `SHOWN_WIDTH` characters."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):
        text = "…"
    return text if len(text) <= SHOWN_WIDTH else text[: SHOWN_WIDTH - 1] + "…"
