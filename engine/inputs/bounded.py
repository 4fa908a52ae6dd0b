"""The nesting and the numbers of situations and golden files, within the documented limits.

JSON's decoder and YAML's pure-Python composer recurse once per level of nesting (libyaml
stops at 1,000 levels, Python's recursion limit about there too), and every reader after
them (the golden file's located mappings, the messages that quote a value) recurses as well.
So nesting is measured first — JSON: a scan of the brackets outside strings; YAML: on the
composed nodes, or in the pure-Python composer before it recurses — and past
`MAX_DATA_NESTING` the file is refused where the level one too many opens (S130).

A JSON number that Python cannot convert (more than 4,300 digits, or past a float's range)
stays as written, as the YAML reader already does, for the situation checker to report out
of range.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import MappingStartEvent, SequenceStartEvent

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


# ---------------------------------------------------------------- YAML


def yaml_nesting(root: yaml.Node) -> Place | None:
    """Where a path of the composed document opens one collection too many, or None.

    Heights are computed once per node (aliases share nodes: the document is a graph with no
    cycle, the alias check having run), in an explicit post-order; then the deepest path is
    followed down to its level `MAX_DATA_NESTING + 1`."""
    heights: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if id(node) in heights or isinstance(node, yaml.ScalarNode):
            continue
        children = [c for c in _children(node) if not isinstance(c, yaml.ScalarNode)]
        if closing:
            heights[id(node)] = 1 + max((heights[id(c)] for c in children), default=0)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    if heights.get(id(root), 0) <= MAX_DATA_NESTING:
        return None
    node = root
    for _ in range(MAX_DATA_NESTING):
        node = max((c for c in _children(node) if id(c) in heights), key=lambda c: heights[id(c)])
    mark = node.start_mark
    return mark.line + 1, mark.column + 1, 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


class DepthLimited:
    """For a pure-Python loader: its composer stops one level past the limit, before it
    recurses (libyaml's reader stops by itself, at 1,000 levels)."""

    nesting = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(SequenceStartEvent, MappingStartEvent):  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc]
        self.nesting += 1
        try:
            if self.nesting > MAX_DATA_NESTING:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise too_deep((mark.line + 1, mark.column + 1, 1))
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.nesting -= 1
