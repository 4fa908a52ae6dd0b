"""Generic traversal of the AST: every pass that looks at all nodes goes through here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs

from .nodes import Node

N = TypeVar("N", bound=Node)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type[Node]) -> tuple[str, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if f.name != "span")
    return found


def children(node: Node) -> Iterator[Node]:
    """Direct sub-nodes, in field order."""
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, Node):
            yield value
        elif isinstance(value, tuple):
            yield from (item for item in value if isinstance(item, Node))


def descendants(node: Node) -> Iterator[Node]:
    """`node` and every node below it, depth first, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))


def rewrite(node: N, replace: Callable[[Node], Node | None]) -> N:
    """A copy of `node` where every sub-node for which `replace` returns a node is swapped.

    `replace` is asked top-down; when it returns None the walk goes on into that node's
    children. Unchanged subtrees are shared, not copied.
    """
    changes: dict[str, Any] = {}
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, Node):
            new = _rewrite_one(value, replace)
            if new is not value:
                changes[name] = new
        elif isinstance(value, tuple) and any(isinstance(item, Node) for item in value):
            items = tuple(
                _rewrite_one(item, replace) if isinstance(item, Node) else item for item in value
            )
            if any(a is not b for a, b in zip(items, value, strict=True)):
                changes[name] = items
    return attrs.evolve(node, **changes) if changes else node


def _rewrite_one(node: Node, replace: Callable[[Node], Node | None]) -> Node:
    replaced = replace(node)
    return replaced if replaced is not None else rewrite(node, replace)
