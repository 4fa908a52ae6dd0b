"""Reading golden case files: finding them, checking their shape, each case with its
expectations. A malformed file is a `GoldenError` that points at the key to fix.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ....dsl import source
from ....dsl.errors import (
    Diagnostic,
    GoldenError,
    UsageError,
)
from ...compiler.loader import remember
from ...domain.outcomes import GapSide
from ...files import Entry, entry
from ...inputs import reading as inputs
from ...inputs import yaml_input
from ...inputs.reading import Codes, Kind, Located, Place
from ...rulebase import parse_date

STATUSES = ("valeur", "inconnu", "non_applicable", "non_couvert")
EDGES = {"couvert_jusqu_au": GapSide.AFTER, "couvert_depuis": GapSide.BEFORE}
CASE_KEYS = ("nom", "date", "faits", "attendu", "description", "source")
FILE_KEYS = ("description", "source", "faits_communs", "cas")


@attrs.frozen
class Expectation:
    status: str
    value: Any = None
    missing: tuple[str, ...] | None = None
    edge: tuple[GapSide, datetime.date] | None = None


@attrs.frozen
class GoldenCase:
    path: str
    line: int
    name: str
    date: datetime.date
    facts: Mapping[str, Any]
    expected: Mapping[str, Expectation]
    description: str | None = None
    source: str | None = None
    places: Mapping[str, tuple[int, int, int]] = attrs.Factory(dict)

    @property
    def id(self) -> str:
        return f"{self.path}::{self.name}"


def files(paths: Sequence[str | Path]) -> list[Path]:
    """The golden files under `paths` (files or folders), sorted; a usage error if none."""
    found: list[Path] = []
    for path in map(Path, paths):
        kind = entry(path)
        if kind is Entry.FOLDER:
            found.extend(sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")]))
        elif kind is Entry.FILE:
            found.append(path)
        else:
            raise UsageError([Diagnostic("G001", f"aucun fichier ni dossier « {path} »")])
    if not found:
        shown = ", ".join(str(p) for p in paths)
        raise UsageError([Diagnostic("G001", f"aucun fichier de cas (.yaml) sous {shown}")])
    return found


CODES: Codes = {
    Kind.TOO_LARGE: "G003",
    Kind.UNREADABLE: "G002",
    Kind.SYNTAX: "G002",
    Kind.DUPLICATE: "G004",
    Kind.ALIAS: "G005",
    Kind.NESTING: "S130",
}


def load(path: Path) -> list[GoldenCase]:
    """The cases of one golden file; a `GoldenError` locates any malformed case."""
    text = inputs.read(path, source.GOLDEN_LIMIT, CODES, GoldenError)
    remember(str(path), text)
    try:
        data = yaml_input.load(text)
    except inputs.Problem as unreadable:
        raise GoldenError([unreadable.diagnostic(CODES, str(path))]) from None
    if not isinstance(data, Located):
        raise GoldenError([_bad(path, (1, 1, 1), "un fichier de cas est un objet YAML")])
    if "cas" not in data:
        return [_case(path, data, Located(), CASE_KEYS)]
    _check_keys(path, data, FILE_KEYS, "du fichier")
    raw_cases = data["cas"]
    if not isinstance(raw_cases, list) or not raw_cases:
        problem = _bad(path, data.place("cas"), "« cas » doit être une liste de cas")
        raise GoldenError([problem])
    return [_case(path, raw, data, CASE_KEYS) for raw in raw_cases]


def _bad(path: Path, place: Place, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic("G002", message, inputs.span(str(path), place), hint)


def _check_keys(path: Path, raw: Located, allowed: Sequence[str], where: str) -> None:
    for key in raw:
        if key not in allowed:
            guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            message = f"clé inconnue « {key} » {where} ; clés possibles : {', '.join(allowed)}"
            hint = f"vouliez-vous dire « {guess[0]} » ?" if guess else None
            raise GoldenError([_bad(path, raw.place(key), message, hint)])


def _case(path: Path, raw: Any, file: Located, allowed: Sequence[str]) -> GoldenCase:
    if not isinstance(raw, Located):
        raise GoldenError([_bad(path, file.place("cas"), "un cas est un objet YAML")])
    line = raw.line
    _check_keys(path, raw, allowed, "dans un cas")
    for key in ("date", "attendu"):
        if key not in raw:
            raise GoldenError([_bad(path, raw.start, f"le cas n'a pas de « {key} »")])
    facts = _mapping(path, raw, "faits", required=False)
    expected = _mapping(path, raw, "attendu", required=True)
    try:
        day = parse_date(raw["date"])
    except UsageError as error:
        if error.diagnostics[0].code == "U020":
            found = error.diagnostics[0]
            span = inputs.span(str(path), raw.place("date"))
            raise GoldenError([attrs.evolve(found, code="S132", span=span)]) from None
        hint = "écrivez AAAA-MM-JJ"
        problem = _bad(path, raw.place("date"), f"date invalide « {raw['date']} »", hint)
        raise GoldenError([problem]) from None
    return GoldenCase(
        str(path),
        line,
        str(raw.get("nom") or f"ligne {line}"),
        day,
        dict(facts),
        {str(k): _expectation(v, path, expected.place(k)) for k, v in expected.items()},
        raw.get("description") or file.get("description"),
        raw.get("source") or file.get("source"),
        {str(k): facts.place(k) for k in facts} | {str(k): expected.place(k) for k in expected},
    )


def _mapping(path: Path, raw: Located, key: str, *, required: bool) -> Located:
    value = raw.get(key)
    if value is None and not required:
        return Located()
    if not isinstance(value, Located) or (required and not value):
        shown = " non vide" if required else ""
        message = f"« {key} » doit être un objet {{ nom: valeur, … }}{shown}"
        raise GoldenError([_bad(path, raw.place(key), message)])
    return value


def _expectation(value: Any, path: Path, place: Place) -> Expectation:
    if isinstance(value, dict) and "statut" in value:
        status = value["statut"]
        if status not in STATUSES:
            raise GoldenError(
                [
                    _bad(
                        path,
                        place,
                        f"statut « {status} » inconnu ; attendu : {', '.join(STATUSES)}",
                    )
                ]
            )
        missing = value.get("manque")
        if missing is not None and not isinstance(missing, list):
            raise GoldenError([_bad(path, place, "« manque » doit être une liste de faits")])
        edge = _edge(value, status, path, place)
        return Expectation(
            status, value.get("valeur"), None if missing is None else tuple(missing), edge
        )
    return Expectation("valeur", value)


def _edge(
    value: dict[str, Any], status: str, path: Path, place: Place
) -> tuple[GapSide, datetime.date] | None:
    """`couvert_jusqu_au` or `couvert_depuis` of a non-covered expectation, checked."""
    given = [key for key in EDGES if key in value]
    if not given:
        return None
    if status != "non_couvert" or len(given) > 1:
        message = f"« {given[0]} » ne va qu'avec « statut: non_couvert », et seul"
        hint = "écrivez {statut: non_couvert, couvert_jusqu_au: AAAA-MM-JJ}"
        raise GoldenError([Diagnostic("G020", message, inputs.span(str(path), place), hint)])
    raw = value[given[0]]
    try:
        day = parse_date(raw)
    except UsageError:
        message = f"date invalide « {raw} » pour « {given[0]} »"
        problem = Diagnostic("G021", message, inputs.span(str(path), place), "écrivez AAAA-MM-JJ")
        raise GoldenError([problem]) from None
    return EDGES[given[0]], day


def load_all(paths: Iterable[str | Path]) -> list[GoldenCase]:
    return [case for file in files(list(paths)) for case in load(file)]
