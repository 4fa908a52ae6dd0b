"""The nesting and the numbers of situations and golden files, within the documented limits.

JSON's decoder and YAML's pure-Python composer recurse once per level of nesting (libyaml
stops at 1,000 levels, Python's recursion limit about there too), and every reader after
them (the golden file's located mappings, the messages that quote a value) recurses as well.
So nesting is measured first — JSON: a scan of the brackets outside strings, here; YAML: on
the composed nodes, or in the pure-Python composer before it recurses (`yaml_input`, so that
reading JSON does not import PyYAML) — and past `MAX_DATA_NESTING` the file is refused where
the level one too many opens (S130).

A JSON number that Python cannot convert (more than 4,300 digits, or past a float's range)
stays as written, as the YAML reader already does, for the situation checker to report out
of range.
"""

from __future__ import annotations

import re

from ...dsl.limits import MAX_DATA_NESTING
from .reading import Kind, Place, Problem

DIGITS_KEPT = 4000  # below Python's 4,300-digit limit on int() of a digit string
HINT = (
    "un fait a pour valeur une valeur simple ou une liste de valeurs simples : "
    '{"age": 34, "documents": ["a", "b"]}'
)


def too_deep(place: Place) -> Problem:
    message = f"listes et objets imbriqués sur plus de {MAX_DATA_NESTING} niveaux"
    return Problem(Kind.NESTING, message, place, HINT)


# ---------------------------------------------------------------- JSON

# A string token may lack its closing quote: it then runs to the end of the text in one match,
# where a failed match would be retried from every later quote (quadratic on `"\"\"\"…`).
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def json_nesting(text: str) -> Place | None:
    """The first bracket, outside strings, nested past the limit."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DATA_NESTING:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                return line, start - (text.rfind("\n", 0, start) + 1) + 1, 1
        elif token in "]}":
            depth -= 1
    return None


def json_int(text: str) -> int | str:
    return text if len(text) > DIGITS_KEPT else int(text)


def json_float(text: str) -> float | str:
    number = float(text)
    return number if abs(number) != float("inf") else text
