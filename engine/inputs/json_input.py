"""JSON situations: duplicate keys refused, keys located in one pass over the text.

Python's JSON reader keeps the last of two equal keys without a word, and says nothing of
where a key is. `load` refuses duplicates (`object_pairs_hook` says there is one,
`first_duplicate` finds where); `TopKeys` locates the keys of the top-level object. Both
read the text in one linear pass, `keys`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from . import bounded
from .reading import Kind, Place, Problem, duplicate

_TOKEN = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"(\s*+:)?|[{}\[\]]')

_REASONS = {
    "Expecting property name enclosed in double quotes": "nom de fait entre guillemets attendu",
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Unterminated string starting at": "texte non terminé",
    "Extra data": "texte en trop après l'objet",
    "Invalid control character at": "caractère de contrôle dans un texte",
}


class _Duplicate(Exception):
    pass


def load(text: str) -> Any:
    """The value of a JSON text; raises `Problem` (syntax, duplicate key, nesting) with its
    place. A number Python cannot convert stays as written (`bounded.json_int`)."""
    deep = bounded.json_nesting(text)  # before the decoder recurses
    if deep is not None:
        raise bounded.too_deep(deep)
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique,
            parse_int=bounded.json_int,
            parse_float=bounded.json_float,
        )
    except json.JSONDecodeError as error:
        reason = _REASONS.get(error.msg, error.msg)
        place = (error.lineno, error.colno, 1)
        raise Problem(Kind.SYNTAX, f"JSON invalide : {reason}", place) from None
    except _Duplicate:
        raise first_duplicate(text) or Problem(Kind.DUPLICATE, "clé en double") from None


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Duplicate
    return data


def first_duplicate(text: str) -> Problem | None:
    """The first key written twice in the same object, with both places."""
    for _, key, place, earlier in keys(text):
        if earlier is not None:
            return duplicate(key, earlier, place)
    return None


class TopKeys:
    """Where the keys of the top-level object are, found by reading the text only as far
    as the key asked for: locating the first errors of a large situation reads little."""

    def __init__(self, text: str) -> None:
        self._keys = keys(text)
        self._found: dict[str, Place] = {}

    def place(self, name: str) -> Place | None:
        for depth, key, place, _ in self._keys:
            if depth == 1:
                self._found.setdefault(key, place)
                if key == name:
                    break
        return self._found.get(name)


def keys(text: str) -> Iterator[tuple[int, str, Place, Place | None]]:
    """Each key of each object in reading order: its depth (1 in the top-level object), its
    place, and the place of an equal key earlier in the same object. One linear pass."""
    objects: list[dict[str, Place] | None] = []  # one per open bracket; None for a list
    line, line_start, last = 1, 0, 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{" or token == "[":
            objects.append({} if token == "{" else None)
        elif token == "}" or token == "]":
            if objects:
                objects.pop()
        elif match.group(1) is not None and objects and objects[-1] is not None:
            start = match.start()
            newlines = text.count("\n", last, start)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", last, start) + 1
            last = start
            literal = token[: match.start(1) - start]
            key = literal[1:-1] if "\\" not in literal else json.loads(literal)
            place = (line, start - line_start + 1, len(literal))
            seen = objects[-1]
            yield len(objects), key, place, seen.get(key)
            seen.setdefault(key, place)
