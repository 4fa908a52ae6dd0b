"""Generic traversal of the AST: every pass that looks at all nodes goes through here."""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from . import nodes
from .nodes import Node

N = TypeVar("N", bound=Node)
_SCALARS = (str, bool, int, Decimal, datetime.date, enum.Enum, type(None))


_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type[Node]) -> tuple[str, ...]:
    """The fields of a class that can hold sub-nodes: its annotations say which (a walk of
    every field read three times more values than it found nodes)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            f.name
            for f in attrs.fields(cls)
            if f.name != "span" and not _scalar(annotation_type(f.type))
        )
    return found


@functools.cache
def annotation_type(annotation: Any) -> Any:
    """A field's annotation as a type: the few distinct texts (`str | None`, `Expr`…) are
    resolved once each, in the namespace of `dsl.nodes`, rather than once per class and
    field as `typing.get_type_hints` does."""
    if not isinstance(annotation, str):
        return annotation
    holder = types.SimpleNamespace(__annotations__={"field": annotation})
    return typing.get_type_hints(holder, globalns=vars(nodes))["field"]


def _scalar(hint: Any) -> bool:
    """Whether a field of this type never holds a node (strings, numbers, dates, members of
    an enumeration, None, and unions or tuples of them); anything else may."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return all(_scalar(option) for option in typing.get_args(hint))
    if typing.get_origin(hint) is tuple:
        return all(_scalar(item) for item in typing.get_args(hint) if item is not Ellipsis)
    return isinstance(hint, type) and issubclass(hint, _SCALARS)


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
