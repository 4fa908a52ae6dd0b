"""Traversal of the lowered program: every node below a declaration, the names it reads, the
constants it compares with."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from . import nodes as low

_PACKAGE = __name__.rpartition(".")[0]
_SKIPPED = frozenset({"source", "span", "type"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _lowered(value: object) -> bool:
    return type(value).__module__.startswith(_PACKAGE) and attrs.has(type(value))


def _child_fields(cls: type) -> tuple[str, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls) if f.name not in _SKIPPED)
    return found


def children(node: object) -> Iterator[object]:
    """The lowered nodes directly below `node`, in field order."""
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if _lowered(value):
            yield value
        elif isinstance(value, tuple):
            yield from (item for item in value if _lowered(item))


def walk(node: object) -> Iterator[object]:
    """`node` and every lowered node below it, depth first, in source order. A `Rule`
    includes its version and the exceptions in force; a `Revaluation` its formula."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))


def expressions(node: object) -> Iterator[low.Expr]:
    return (n for n in walk(node) if isinstance(n, low.Expr))


def reads(node: object) -> frozenset[str]:
    """The facts, parameters and rules read below `node`."""
    return frozenset(
        n.name for n in walk(node) if isinstance(n, low.FactRef | low.ParameterRef | low.RuleRef)
    )


def constants(node: object) -> Iterator[low.Constant]:
    """The literals written below `node`, in source order."""
    return (n for n in walk(node) if isinstance(n, low.Constant))
