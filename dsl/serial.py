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
import enum
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from . import nodes
from .errors import Span
from .walk import annotation_type

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
    module = _MODULE(data, data[2])
    assert isinstance(module, nodes.Module)
    return module


def _encode(value: Any, path: str) -> Any:
    if isinstance(value, nodes.Node):
        return [
            type(value).__name__,
            _encode_span(value.span, path),
            *(_encode(getattr(value, name), path) for name in _names(type(value))),
        ]
    if isinstance(value, tuple):
        return [_encode(item, path) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
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


def _fields(cls: type[nodes.Node]) -> tuple[Decoder, ...]:
    """The decoder of each field but the span, as its annotation calls for (built once)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            _decoder(annotation_type(f.type)) for f in attrs.fields(cls) if not f.kw_only
        )
    return found


_FIELDS: dict[type[nodes.Node], tuple[Decoder, ...]] = {}


def _names(cls: type[nodes.Node]) -> tuple[str, ...]:
    """The fields written in an entry: the positional ones. Keyword-only fields are the span
    (written apart) and values derived from the others (`Article.event`), rebuilt on decoding."""
    return tuple(field.name for field in attrs.fields(cls) if not field.kw_only)


def _decoder(hint: Any) -> Decoder:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return _union(typing.get_args(hint))
    if typing.get_origin(hint) is tuple:
        return _tuple(typing.get_args(hint)[0])
    if isinstance(hint, type) and issubclass(hint, nodes.Node):
        return _node_decoder((hint,))
    if hint is str or hint is bool:
        return _scalar(hint, optional=False)
    if hint is Decimal:
        return _decimal
    if hint is datetime.date:
        return _date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _member(hint)
    raise TypeError(f"no decoder for {hint!r}")  # a new field type: extend this function


def _union(options: tuple[Any, ...]) -> Decoder:
    optional = type(None) in options
    rest = tuple(option for option in options if option is not type(None))
    if all(isinstance(option, type) and issubclass(option, nodes.Node) for option in rest):
        return _node_decoder(rest, optional=optional)
    if len(rest) == 1 and rest[0] is str:
        return _scalar(str, optional=optional)
    if len(rest) == 1 and optional:
        inner = _decoder(rest[0])
        return lambda value, path: None if value is None else inner(value, path)
    raise TypeError(f"no decoder for {options!r}")


def _tuple(element: Any) -> Decoder:
    inner = _decoder(element)

    def decode_tuple(value: Any, path: str) -> tuple[Any, ...]:
        if type(value) is not list:
            raise ValueError("a list expected")
        return tuple([inner(item, path) for item in value])

    return decode_tuple


def _node_decoder(allowed: tuple[type[nodes.Node], ...], *, optional: bool = False) -> Decoder:
    names = frozenset(name for name, cls in NODE_CLASSES.items() if issubclass(cls, allowed))

    def decode_node(value: Any, path: str) -> nodes.Node | None:
        if value is None and optional:
            return None
        if type(value) is not list or len(value) < 2 or value[0] not in names:
            raise ValueError(_unexpected(value))
        cls = NODE_CLASSES[value[0]]
        fields = _FIELDS.get(cls) or _fields(cls)
        if len(value) != len(fields) + 2:
            raise ValueError(f"wrong field count for {value[0]}")
        arguments = [decode(value[index], path) for index, decode in enumerate(fields, 2)]
        return cls(*arguments, span=_span(value[1], path))

    return decode_node


def _unexpected(value: Any) -> str:
    if type(value) is list and value and isinstance(value[0], str):
        return f"unexpected node {value[0]!r}"
    return "a node expected"


def _span(value: Any, path: str) -> Span | None:
    if value is None:
        return None
    if type(value) is not list or len(value) != 4:
        raise ValueError("a span expected")
    line, column, end_line, end_column = value
    if not (type(line) is type(column) is type(end_line) is type(end_column) is int):
        raise ValueError("a span expected")
    return Span(path, line, column, end_line, end_column)


def _scalar(expected: type, *, optional: bool) -> Decoder:
    def decode_scalar(value: Any, path: str) -> Any:
        if type(value) is not expected and not (optional and value is None):
            raise ValueError(f"a {expected.__name__} expected")
        return value

    return decode_scalar


def _member(cls: type[enum.Enum]) -> Decoder:
    """A member of an enumeration from its value; nothing else is one."""
    members = {member.value: member for member in cls}

    def decode_member(value: Any, path: str) -> enum.Enum:
        if not isinstance(value, str) or value not in members:
            raise ValueError(f"a {cls.__name__} expected")
        return members[value]

    return decode_member


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


_MODULE = _node_decoder((nodes.Module,))
