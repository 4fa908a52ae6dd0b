"""An indented, readable dump of an AST: for snapshots, debugging and `--dump-ast`."""

from __future__ import annotations

from typing import Any

import attrs

from .nodes import Node


def dump(node: Node) -> str:
    """One line per node and per field, children indented; spans left out."""
    lines: list[str] = []
    _node(node, 0, lines)
    return "\n".join(lines)


def _node(node: Node, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    simple, nested = [], []
    for field in attrs.fields(type(node)):
        if field.name == "span":
            continue
        value = getattr(node, field.name)
        if _is_tree(value):
            nested.append((field.name, value))
        elif value not in (None, (), "") and not _default(field, value):
            simple.append(f"{field.name}={_scalar(value)}")
    lines.append(pad + type(node).__name__ + (" " + " ".join(simple) if simple else ""))
    for name, value in nested:
        items = value if isinstance(value, tuple) else (value,)
        lines.append(f"{pad}  {name}:")
        for item in items:
            _node(item, depth + 2, lines)


def _default(field: Any, value: Any) -> bool:
    """A flag left at its default (`yearly=False`) says nothing: keep dumps short."""
    return isinstance(value, bool) and field.default is not attrs.NOTHING and value == field.default


def _is_tree(value: Any) -> bool:
    if isinstance(value, Node):
        return True
    return isinstance(value, tuple) and bool(value) and all(isinstance(v, Node) for v in value)


def _scalar(value: Any) -> str:
    if isinstance(value, tuple):
        return "(" + ", ".join(_scalar(v) for v in value) + ")"
    if isinstance(value, str):
        return repr(value)
    return str(value)
