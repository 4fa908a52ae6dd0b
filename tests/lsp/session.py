"""A test client for `alinea lsp`: the real server, started over stdio, and the few
requests the tests make, each waiting for its answer."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

DATE = "2026-12-01"
SERVER = [sys.executable, "-m", "alinea.cli", "lsp", "--date", DATE]
WAIT = 60.0


class Client(LanguageClient):
    """pytest-lsp's client, keeping every diagnostics notification with its version."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.arrived = asyncio.Condition()


async def _published(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    async with client.arrived:
        client.arrived.notify_all()


def _factory() -> Client:
    from pytest_lsp.client import default_converter

    client = Client(converter_factory=default_converter)
    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _published}
    register_lsp_features(client, features)
    return client


def config(*arguments: str) -> ClientServerConfig:
    """The server started with these arguments more, in the environment of the tests."""
    return ClientServerConfig(server_command=[*SERVER, *arguments], client_factory=_factory)


async def start(client: Client, root: Path, options: dict[str, Any] | None = None) -> None:
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=from_fs_path(str(root)),
        initialization_options=options,
    )
    await client.initialize_session(params)


def uri(path: Path) -> str:
    found = from_fs_path(str(path.resolve()))
    assert found is not None
    return found


def document(target: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=target)


def open_file(client: Client, path: Path, text: str | None = None) -> str:
    target = uri(path)
    item = types.TextDocumentItem(
        uri=target,
        language_id="alinea",
        version=1,
        text=path.read_text(encoding="utf-8") if text is None else text,
    )
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    return target


def change(client: Client, target: str, text: str, version: int) -> None:
    """Send the whole new text (what the fuzzing and most tests need)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=target, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def edit(
    client: Client, target: str, version: int, line: int, start: int, end: int, text: str
) -> None:
    """Replace characters [start, end) of a 0-based line (an incremental change)."""
    where = types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=end),
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=target, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=text)],
        )
    )


async def diagnostics(
    client: Client, target: str, version: int | None = None, *, since: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics of a document once published for `version` (or at all), in one of
    the notifications after the first `since`."""

    def found() -> list[types.Diagnostic] | None:
        for params in reversed(client.published[since:]):
            if params.uri == target and (version is None or params.version == version):
                return list(params.diagnostics)
        return None

    async def wait() -> list[types.Diagnostic]:
        async with client.arrived:
            while (result := found()) is None:
                await client.arrived.wait()
            return result

    return await asyncio.wait_for(wait(), WAIT)


def position(text: str, needle: str, offset: int = 0, occurrence: int = 0) -> types.Position:
    """The position of the `occurrence`-th `needle` in `text`, `offset` characters in."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return types.Position(line=line, character=column)


async def hover(client: Client, target: str, at: types.Position) -> str | None:
    found = await client.text_document_hover_async(
        types.HoverParams(text_document=document(target), position=at)
    )
    if found is None:
        return None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


async def published(
    client: Client, target: str, wanted: Callable[[list[types.Diagnostic]], bool]
) -> list[types.Diagnostic]:
    """The diagnostics of a file once a notification gives what `wanted` accepts (for a
    file the tests do not edit, whose notifications carry no version)."""

    async def wait() -> list[types.Diagnostic]:
        async with client.arrived:
            while True:
                last = [p for p in client.published if p.uri == target]
                if last and wanted(list(last[-1].diagnostics)):
                    return list(last[-1].diagnostics)
                await client.arrived.wait()

    return await asyncio.wait_for(wait(), WAIT)
