"""JSON situations: duplicate keys refused, keys located in one pass over the text.

Python's JSON reader keeps the last of two equal keys without a word, and says nothing of
where a key is. `load` refuses duplicates (`object_pairs_hook`); `key_places` finds, in one
linear pass, where each key of the top-level object is and the first key written twice in
any object (the hook only says that one is).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .inputs import Kind, Place, Problem, duplicate

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
    """The value of a JSON text; raises `Problem` (syntax, duplicate key) with its place."""
    try:
        return json.loads(text, object_pairs_hook=_unique)
    except json.JSONDecodeError as error:
        reason = _REASONS.get(error.msg, error.msg)
        place = (error.lineno, error.colno, 1)
        raise Problem(Kind.SYNTAX, f"JSON invalide : {reason}", place) from None
    except _Duplicate:
        _, found = key_places(text)
        raise found or Problem(Kind.DUPLICATE, "clé en double") from None


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Duplicate
    return data


def key_places(text: str) -> tuple[dict[str, Place], Problem | None]:
    """Where each key of the top-level object is, and the first duplicate key, if any."""
    top: dict[str, Place] = {}
    found: Problem | None = None
    objects: list[dict[str, Place] | None] = []  # one per open bracket; None for a list
    line, line_start, last = 1, 0, 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        newlines = text.count("\n", last, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, start) + 1
        last = start
        token = match.group()
        if token == "{" or token == "[":
            objects.append({} if token == "{" else None)
        elif token == "}" or token == "]":
            if objects:
                objects.pop()
        elif match.group(1) is not None and objects and objects[-1] is not None:
            literal = token[: match.start(1) - start]
            key = literal[1:-1] if "\\" not in literal else json.loads(literal)
            place = (line, start - line_start + 1, len(literal))
            keys = objects[-1]
            if key in keys and found is None:
                found = duplicate(key, keys[key], place)
            keys.setdefault(key, place)
            if len(objects) == 1:
                top.setdefault(key, place)
    return top, found
