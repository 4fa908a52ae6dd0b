"""Document symbols (the outline: sections, and what each declares) and workspace symbols."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from .session import Client, document, open_file

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_the_outline_lists_sections_and_their_declarations(
    client: Client, base: Path
) -> None:
    target = open_file(client, base / "revalorisation.alinea")
    found = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document(target))
    )
    assert found is not None
    assert [(s.name, s.kind, s.detail) for s in found] == [
        ("§ CSS L.161-25", types.SymbolKind.Namespace, "depuis le 01/01/2016")
    ]
    section = found[0]
    assert isinstance(section, types.DocumentSymbol) and section.children
    assert [(c.name, c.kind, c.detail) for c in section.children] == [
        ("revalorisation.coefficient", types.SymbolKind.Constant, "paramètre")
    ]
    name = section.children[0].selection_range
    assert (name.start.line, name.start.character, name.end.character) == (31, 10, 36)
    assert section.range.end.line == 52


async def test_workspace_symbols_match_the_letters_of_the_query(client: Client, base: Path) -> None:
    open_file(client, base / "css.alinea")
    await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document(open_file(client, base / "css.alinea")))
    )
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="plfprsnsl"))
    assert found is not None
    names = {(s.name, s.kind, Path(s.location.uri).name) for s in found}  # type: ignore[union-attr]
    assert names == {("css.plafond_personne_seule", types.SymbolKind.Constant, "css.alinea")}
    declared = (
        (base / "css.alinea")
        .read_text(encoding="utf-8")
        .count("\nparamètre css.plafond_personne_seule ")
    )
    assert len(found) == declared == 1
