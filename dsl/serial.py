"""The AST as plain JSON data, and back, checked field by field against the node classes.

The on-disk cache stores parsed modules in this form: decoding builds only the classes of
`dsl.nodes`, each field from the JSON type its annotation allows (a `Decimal` from a string,
a node from a list naming its class), so a cache file, whoever wrote it, is data — never code.
Anything else is refused with `ValueError`.

A node is `[class name, span, field, …]` in the class's field order; a span is
`[line, column, end line, end column]` in the module's own file.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from . import nodes
from .errors import Span

Decoder = Callable[[Any, str], Any]

NODE_CLASSES: dict[str, type[nodes.Node]] = {
    name: value
    for name, value in vars(nodes).items()
    if isinstance(value, type) and issubclass(value, nodes.Node) and value is not nodes.Node
}


def encode(module: nodes.Module) -> Any:
    """A parsed module as JSON-ready lists, strings, numbers, booleans and nulls."""
    return _encode(module, module.path)


def decode(data: Any) -> nodes.Module:
    """The module `encode` gave; `ValueError` on anything that is not exactly such data."""
    if not (isinstance(data, list) and len(data) > 2 and isinstance(data[2], str)):
        raise ValueError("not an encoded module")
    module = _node_decoder((nodes.Module,))(data, data[2])
    assert isinstance(module, nodes.Module)
    return module


def _encode(value: Any, path: str) -> Any:
    if isinstance(value, nodes.Node):
        fields = _fields(type(value))
        return [
            type(value).__name__,
            _encode_span(value.span, path),
            *(_encode(getattr(value, name), path) for name, _ in fields),
        ]
    if isinstance(value, tuple):
        return [_encode(item, path) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, str | bool | int):
        return value
    raise ValueError(f"cannot encode {type(value).__name__}")


def _encode_span(span: Span | None, path: str) -> list[int] | None:
    if span is None:
        return None
    if span.path != path:
        raise ValueError("a span outside its module")
    return [span.line, span.column, span.end_line, span.end_column]


def _fields(cls: type[nodes.Node]) -> tuple[tuple[str, Decoder], ...]:
    """Each field but the span, with the decoder its annotation calls for (built once)."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple(
            (field.name, _decoder(hints[field.name]))
            for field in attrs.fields(cls)
            if field.name != "span"
        )
    return found


_FIELDS: dict[type[nodes.Node], tuple[tuple[str, Decoder], ...]] = {}


def _decoder(hint: Any) -> Decoder:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return _union(typing.get_args(hint))
    if typing.get_origin(hint) is tuple:
        return _tuple(typing.get_args(hint)[0])
    if isinstance(hint, type) and issubclass(hint, nodes.Node):
        return _node_decoder((hint,))
    if hint is str or hint is bool:
        return _scalar(hint)
    if hint is Decimal:
        return _decimal
    if hint is datetime.date:
        return _date
    raise TypeError(f"no decoder for {hint!r}")  # a new field type: extend this function


def _union(options: tuple[Any, ...]) -> Decoder:
    optional = type(None) in options
    rest = tuple(option for option in options if option is not type(None))
    if all(isinstance(option, type) and issubclass(option, nodes.Node) for option in rest):
        inner = _node_decoder(rest)
    elif len(rest) == 1:
        inner = _decoder(rest[0])
    else:
        raise TypeError(f"no decoder for {options!r}")

    def decode_union(value: Any, path: str) -> Any:
        return None if optional and value is None else inner(value, path)

    return decode_union


def _tuple(element: Any) -> Decoder:
    inner = _decoder(element)

    def decode_tuple(value: Any, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError("a list expected")
        return tuple(inner(item, path) for item in value)

    return decode_tuple


def _node_decoder(allowed: tuple[type[nodes.Node], ...]) -> Decoder:
    def decode_node(value: Any, path: str) -> nodes.Node:
        if not (isinstance(value, list) and len(value) >= 2 and isinstance(value[0], str)):
            raise ValueError("a node expected")
        cls = NODE_CLASSES.get(value[0])
        if cls is None or not issubclass(cls, allowed):
            raise ValueError(f"unexpected node {value[0]!r}")
        fields = _fields(cls)
        if len(value) != len(fields) + 2:
            raise ValueError(f"wrong field count for {value[0]}")
        arguments = [
            decode(item, path) for (_, decode), item in zip(fields, value[2:], strict=True)
        ]
        return cls(*arguments, span=_span(value[1], path))

    return decode_node


def _span(value: Any, path: str) -> Span | None:
    if value is None:
        return None
    if type(value) is not list or len(value) != 4:
        raise ValueError("a span expected")
    line, column, end_line, end_column = value
    if not (type(line) is type(column) is type(end_line) is type(end_column) is int):
        raise ValueError("a span expected")
    return Span(path, line, column, end_line, end_column)


def _scalar(expected: type) -> Decoder:
    def decode_scalar(value: Any, path: str) -> Any:
        if type(value) is not expected:
            raise ValueError(f"a {expected.__name__} expected")
        return value

    return decode_scalar


def _decimal(value: Any, path: str) -> Decimal:
    if not isinstance(value, str):
        raise ValueError("a decimal expected")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError("a decimal expected") from None
    if not number.is_finite():
        raise ValueError("a finite decimal expected")
    return number


def _date(value: Any, path: str) -> datetime.date:
    if not isinstance(value, str):
        raise ValueError("a date expected")
    return datetime.date.fromisoformat(value)
