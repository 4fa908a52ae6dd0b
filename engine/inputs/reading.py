"""What situation and golden files have in common: size limits, mappings that know where
their keys are, and the problems a JSON or YAML reader finds, located in the text.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from ...dsl import source
from ...dsl.errors import AlineaError, Diagnostic, Note, Span

ALIAS_BUDGET = 100_000
# YAML is read value by value in Python (a million list items cost seconds, where JSON takes
# a tenth of that): a file may hold this many lines and commas, the upper bound of its values.
YAML_PIECES = 200_000

Place = tuple[int, int, int]  # line, column, width


class Kind(enum.Enum):
    """What went wrong reading a file; each reader maps these to its own codes."""

    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"
    SYNTAX = "syntax"
    DUPLICATE = "duplicate"
    ALIAS = "alias"
    NESTING = "nesting"


Codes = Mapping[Kind, str]


class Located(dict[Any, Any]):
    """A mapping read from a file that knows where it starts and where each key is."""

    def __init__(
        self,
        data: Mapping[Any, Any] | None = None,
        start: Place = (1, 1, 1),
        key_places: dict[Any, Place] | None = None,
    ) -> None:
        super().__init__(data or {})
        self.start = start
        self.key_places = key_places or {}

    @property
    def line(self) -> int:
        return self.start[0]

    def place(self, key: Any) -> Place:
        return self.key_places.get(key, self.start)


@attrs.frozen
class Problem(Exception):
    """A problem at a place of the text, with other places that explain it."""

    kind: Kind
    message: str
    place: Place = (1, 1, 1)
    hint: str | None = None
    notes: tuple[tuple[str, Place], ...] = ()

    def diagnostic(self, codes: Codes, path: str) -> Diagnostic:
        notes = tuple(Note(message, span(path, place)) for message, place in self.notes)
        return Diagnostic(codes[self.kind], self.message, span(path, self.place), self.hint, notes)


def span(path: str, place: Place) -> Span:
    line, column, width = place
    return Span(path, line, column, line, column + width)


def duplicate(key: Any, first: Place, second: Place) -> Problem:
    """The one message for a key written twice in a JSON or YAML object."""
    return Problem(
        Kind.DUPLICATE,
        f"clé « {key} » en double (lignes {first[0]} et {second[0]})",
        second,
        "une clé ne se donne qu'une fois par objet : la seconde valeur écraserait la première",
        (("première occurrence", first),),
    )


def read(path: str | Path, limit: int, codes: Codes, error: type[AlineaError]) -> str:
    """The text of a file of at most `limit` bytes, without its byte-order mark."""
    try:
        return source.read_bounded(path, limit)
    except (OSError, source.TooLarge, source.NotUtf8) as exc:
        raise _unreadable(exc, str(path), codes, error) from None


def read_stream(
    stream: IO[bytes] | IO[str], name: str, limit: int, codes: Codes, error: type[AlineaError]
) -> str:
    try:
        return source.read_stream(stream, limit)
    except (OSError, source.TooLarge, source.NotUtf8) as exc:
        raise _unreadable(exc, name, codes, error) from None


def _unreadable(
    exc: OSError | source.TooLarge | source.NotUtf8,
    name: str,
    codes: Codes,
    error: type[AlineaError],
) -> AlineaError:
    if isinstance(exc, source.TooLarge):
        limit = source.size(exc.limit)
        where = Span(name, exc.line, 1, exc.line, 1)
        return error(
            [
                Diagnostic(
                    codes[Kind.TOO_LARGE],
                    f"fichier trop volumineux (plus de {limit})",
                    where,
                    f"un tel fichier fait au plus {limit}",
                )
            ]
        )
    line = exc.line if isinstance(exc, source.NotUtf8) else None
    message = f"lecture impossible de {name} : {source.reason(exc)}"
    located = Span(name, line, 1, line, 1) if line else None
    return error([Diagnostic(codes[Kind.UNREADABLE], message, located)])
