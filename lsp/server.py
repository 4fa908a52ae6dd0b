"""`alinea lsp`: the language server of rule files, over standard input and output.

Diagnostics as `alinea check` gives them for each file of a base, as the analyst types;
hover, definition, references, rename, completion, symbols, formatting, code actions and
semantic tokens, all read from the last check of the file's base (`checker`, `workspace`).
The date of the law shown (versions in force, values) is the one the command was given:
the server never reads the clock.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ..dsl.errors import Diagnostic
from . import actions, completion, convert, formatting, hover, navigation, symbols, tokens
from .checker import Checker
from .index import Occurrence
from .workspace import Base, Snapshot

log = logging.getLogger(__name__)


class Server(LanguageServer):
    """The pygls server, with what the features share: the checker and the position units."""

    def __init__(self, day: datetime.date) -> None:
        super().__init__(
            "alinea", _version(), text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.day = day
        self.checker = Checker(day, self.opened, self.publish)
        self._published: dict[str, tuple[Shown, list[types.Diagnostic], int | None]] = {}

    # ------------------------------------------------------------ documents

    @property
    def units(self) -> convert.Units:
        """Columns in the encoding agreed at initialisation (UTF-16 unless the client
        offered another)."""
        return convert.Units(self.workspace.position_codec)

    def opened(self, base: Base) -> Mapping[Path, tuple[str, int | None]]:
        found: dict[Path, tuple[str, int | None]] = {}
        for uri, document in self.workspace.text_documents.items():
            path = path_of(uri)
            if path is not None and self.checker.base_of(path) is base:
                found[resolved(path)] = (document.source, document.version)
        return found

    def publish(self, snapshot: Snapshot, versions: Mapping[Path, int | None]) -> None:
        """Send the diagnostics of every file of the checked base whose diagnostics or
        document version changed since the last time (a file whose errors went away gets an
        empty list). A file's diagnostics are converted again only when they, or the texts
        they point into, changed: after a keystroke, most files of a base have neither."""
        units = self.units
        for name, found in snapshot.diagnostics.items():
            path = snapshot.path(name)
            if path is None:
                continue
            path = resolved(path)
            uri = uri_of(path)
            version = versions.get(path)
            shown = _shown(snapshot, name, found)
            last = self._published.get(uri)
            if last is not None and last[0] == shown:
                sent = last[1]  # the same diagnostics on the same texts: converted alike
            else:
                lines = lines_of(snapshot, name)
                sent = [convert.diagnostic(d, lines, units, _locate(snapshot)) for d in found]
            unchanged = last is not None and last[1:] == (sent, version)
            self._published[uri] = (shown, sent, version)
            if unchanged:
                continue
            params = types.PublishDiagnosticsParams(uri=uri, diagnostics=sent, version=version)
            self.text_document_publish_diagnostics(params)

    async def snapshot(self, uri: str, *, fresh: bool = True) -> tuple[Snapshot, str] | None:
        """The check of a document's base (waiting for the pending one when `fresh`), and the
        document's name in it."""
        path = path_of(uri)
        if path is None:
            return None
        found = await self.checker.current(path) if fresh else self.checker.latest(path)
        if found is None and not fresh:
            found = await self.checker.current(path)
        if found is None:
            return None
        return found, _name(found, path)

    async def occurrence(
        self, uri: str, position: types.Position, *, fresh: bool = True
    ) -> tuple[Snapshot, Occurrence | None] | None:
        """The check of a document's base and the name written at `position` in the
        document (None when there is none there)."""
        found = await self.snapshot(uri, fresh=fresh)
        if found is None:
            return None
        snapshot, name = found
        line, column = self.units.place(lines_of(snapshot, name), position)
        return snapshot, snapshot.index.at(name, line, column)

    async def named(
        self, uri: str, position: types.Position, *, fresh: bool = True
    ) -> tuple[Snapshot, Occurrence] | None:
        """`occurrence`, for the features that have nothing to say where no name is written."""
        found = await self.occurrence(uri, position, fresh=fresh)
        if found is None or found[1] is None:
            return None
        return found[0], found[1]

    def location(self, snapshot: Snapshot, name: str, span: Any) -> types.Location | None:
        path = snapshot.path(name)
        if path is None:
            return None
        return types.Location(
            uri=uri_of(path), range=self.units.range(lines_of(snapshot, name), span)
        )


Shown = tuple[tuple[Diagnostic, ...], tuple[str | None, ...]]
"""What a file's published diagnostics are made from: alinea's diagnostics, and the texts
of the files their places are in (the protocol counts columns in the client's units)."""


def _shown(snapshot: Snapshot, name: str, found: list[Diagnostic]) -> Shown:
    files = dict.fromkeys(
        [name]
        + [d.span.path for d in found if d.span is not None]
        + [n.span.path for d in found for n in d.notes if n.span is not None]
    )
    return tuple(found), tuple(snapshot.text(file) for file in files)


def _version() -> str:
    try:
        return metadata.version("alinea")
    except metadata.PackageNotFoundError:
        return "dev"


def path_of(uri: str) -> Path | None:
    found = to_fs_path(uri)
    return Path(found) if found else None


@functools.lru_cache(maxsize=4096)
def resolved(path: Path) -> Path:
    """`path.resolve()`, remembered: the server resolves every file of a base on each
    keystroke, and a path resolves elsewhere only when folders move (`moved`)."""
    return path.resolve()


def uri_of(path: Path) -> str:
    return from_fs_path(str(resolved(path))) or str(path)


def _name(snapshot: Snapshot, path: Path) -> str:
    resolved = path.resolve()
    for name, text in snapshot.texts.items():
        if text.path is not None and text.path.resolve() == resolved:
            return name
    return str(path)


def lines_of(snapshot: Snapshot, name: str) -> list[str]:
    text = snapshot.text(name)
    return text.split("\n") if text is not None else []


def _locate(snapshot: Snapshot) -> convert.Locate:
    def locate(name: str) -> tuple[str, convert.Lines] | None:
        path = snapshot.path(name)
        return (uri_of(path), lines_of(snapshot, name)) if path is not None else None

    return locate


def build(day: datetime.date) -> Server:
    """The server, its features registered."""
    server = Server(day)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("delai"), int | float):
            server.checker.delay = max(0.0, min(float(options["delai"]), 5000.0)) / 1000

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        _moved(server)
        _changed(server, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        _changed(server, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        _changed(server, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        _moved(server)
        _changed(server, params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(params: types.DidChangeWatchedFilesParams) -> None:
        _moved(server)
        for change in params.changes:
            _changed(server, change.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(params: types.HoverParams) -> types.Hover | None:
        found = await server.named(params.text_document.uri, params.position, fresh=False)
        if found is None:
            return None
        snapshot, occurrence = found
        text = hover.hover(snapshot, occurrence)
        if text is None:
            return None
        content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
        lines = lines_of(snapshot, occurrence.span.path)
        return types.Hover(contents=content, range=server.units.range(lines, occurrence.span))

    navigation.register(server)
    completion.register(server)
    symbols.register(server)
    formatting.register(server)
    actions.register(server)
    tokens.register(server)
    return server


def _moved(server: Server) -> None:
    """Files were opened, closed, or changed on disk: places are looked up again."""
    resolved.cache_clear()
    server.checker.moved()


def _changed(server: Server, uri: str) -> None:
    path = path_of(uri)
    if path is not None and path.suffix == ".alinea":
        server.checker.changed(path)


def serve(day: datetime.date) -> None:
    """Serve over standard input and output until the client says `exit`."""
    logging.basicConfig(level=logging.WARNING)
    server = build(day)
    try:
        server.start_io()
    finally:
        server.checker.shutdown()
