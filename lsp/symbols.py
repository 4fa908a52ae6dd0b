"""The outline of a file (its article sections, and the facts, parameters, rules and
exceptions under each) and the symbols of every open base, by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from ..dsl import nodes
from ..dsl.errors import Span
from . import engine
from .index import Index, Occurrence, Role
from .workspace import Snapshot

if TYPE_CHECKING:
    from .server import Server

Kind = types.SymbolKind


def outline(snapshot: Snapshot, name: str) -> list[tuple[nodes.Item, Span, list[nodes.Item]]]:
    """Each article section with the declarations under it; declarations before the first
    section stand alone. With the span each entry covers."""
    parsed = snapshot.parsed.get(name)
    if parsed is None:
        return []
    found: list[tuple[nodes.Item, Span, list[nodes.Item]]] = []
    for item in parsed.partial.items:
        if item.span is None:
            continue
        if (
            found
            and isinstance(found[-1][0], nodes.Article)
            and not isinstance(item, nodes.Article)
        ):
            article, span, children = found[-1]
            children.append(item)
            found[-1] = (article, _union(span, item.span), children)
            continue
        found.append((item, item.span, []))
    return found


def _union(first: Span, second: Span) -> Span:
    return Span(first.path, first.line, first.column, second.end_line, second.end_column)


def describe(item: nodes.Item) -> tuple[str, Kind, str]:
    """A declaration's name, kind of symbol and detail, as the outline shows them."""
    match item:
        case nodes.Article():
            return f"§ {item.reference}", Kind.Namespace, engine.period_text(item.period)
        case nodes.Fact():
            return item.name, Kind.Variable, "donnée"
        case nodes.Parameter():
            return item.name, Kind.Constant, "paramètre"
        case nodes.Rule():
            return item.name, Kind.Function, "conclusion" if item.public else "règle"
        case nodes.Derogation():
            label = (
                f"exception {item.name} à {item.target}"
                if item.name
                else f"exception à {item.target}"
            )
            return label, Kind.Event, "exception"
    raise AssertionError(item)


def _selection(index: Index, item: nodes.Item, span: Span) -> Span:
    """The name of a declaration, or its first line."""
    for occurrence in index.by_file.get(span.path, []):
        if (
            occurrence.declaration
            and occurrence.span.line == span.line
            and occurrence.role is not Role.VALUE
        ):
            return occurrence.span
    return Span(span.path, span.line, span.column, span.line, span.column)


def document_symbols(server: Server, snapshot: Snapshot, name: str) -> list[types.DocumentSymbol]:
    lines = (snapshot.text(name) or "").split("\n")
    units = server.units
    index = snapshot.index

    def symbol(item: nodes.Item, span: Span, children: list[nodes.Item]) -> types.DocumentSymbol:
        label, kind, detail = describe(item)
        assert item.span is not None
        return types.DocumentSymbol(
            name=label,
            kind=kind,
            detail=detail,
            range=units.range(lines, _whole(span, lines)),
            selection_range=units.range(lines, _selection(index, item, item.span)),
            children=[symbol(c, c.span, []) for c in children if c.span is not None] or None,
        )

    return [symbol(item, span, children) for item, span, children in outline(snapshot, name)]


def _whole(span: Span, lines: list[str]) -> Span:
    """A declaration's span, to the end of its last line."""
    end = min(span.end_line, len(lines))
    if span.end_column == 1 and end > span.line:
        end -= 1
    return Span(span.path, span.line, 1, end, len(lines[end - 1]) + 1 if lines else 1)


def matches(query: str, name: str) -> bool:
    """Whether the letters of `query` appear in `name` in order (case ignored)."""
    letters = iter(name.casefold())
    return all(letter in letters for letter in query.casefold())


def workspace_symbols(
    server: Server, snapshots: list[Snapshot], query: str
) -> list[types.WorkspaceSymbol]:
    found = []
    for snapshot in snapshots:
        for occurrences in snapshot.index.by_file.values():
            for occurrence in occurrences:
                if (
                    occurrence.declaration
                    and occurrence.role in _KINDS
                    and matches(query, occurrence.target)
                ):
                    location = server.location(snapshot, occurrence.span.path, occurrence.span)
                    if location is not None:
                        found.append(_symbol(snapshot, occurrence, location))
    return found


_KINDS = {
    Role.FACT: Kind.Variable,
    Role.PARAMETER: Kind.Constant,
    Role.RULE: Kind.Function,
    Role.ARTICLE: Kind.Namespace,
    Role.EXCEPTION: Kind.Event,
}


def _symbol(
    snapshot: Snapshot, occurrence: Occurrence, location: types.Location
) -> types.WorkspaceSymbol:
    name = occurrence.target
    if occurrence.role is Role.EXCEPTION:
        name = name.split(":", 1)[1]
    return types.WorkspaceSymbol(
        name=name if occurrence.role is not Role.ARTICLE else f"§ {name}",
        kind=_KINDS[occurrence.role],
        location=location,
        container_name=occurrence.span.path,
    )


def register(server: Server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def on_document(params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        found = await server.snapshot(params.text_document.uri)
        if found is None:
            return []
        return document_symbols(server, *found)

    @server.feature(types.WORKSPACE_SYMBOL)
    async def on_workspace(params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol]:
        return workspace_symbols(server, server.checker.snapshots(), params.query)
