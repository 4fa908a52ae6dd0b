"""Definition, references and rename, across the files of a base."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from alinea.engine.compiler.loader import program_from_texts

from .conftest import FIXTURES
from .session import Client, document, open_file, position, uri

pytestmark = pytest.mark.asyncio(loop_scope="module")

RENAMING = FIXTURES / "renommage" / "regles"


def _place(location: types.Location) -> tuple[str, int, int, int]:
    start, end = location.range.start, location.range.end
    assert start.line == end.line
    return (Path(location.uri).name, start.line, start.character, end.character)


async def test_definition_goes_to_the_declaration_in_another_file(
    client: Client, base: Path
) -> None:
    text = (base / "css.alinea").read_text(encoding="utf-8")
    target = open_file(client, base / "css.alinea")
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=document(target), position=position(text, "puma.droit", 2)
        )
    )
    assert isinstance(found, list)
    declared = position(
        (base / "puma.alinea").read_text(encoding="utf-8"), "conclusion puma.droit", 11
    )
    assert [(f.uri, f.range.start) for f in found] == [(uri(base / "puma.alinea"), declared)]
    assert found[0].range.end.character - found[0].range.start.character == len("puma.droit")


async def test_references_are_found_in_every_file(client: Client) -> None:
    text = (RENAMING / "montant.alinea").read_text(encoding="utf-8")
    target = open_file(client, RENAMING / "montant.alinea")
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=document(target),
            position=position(text, "aide.sous_plafond", 6),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert found is not None
    assert sorted(map(_place, found)) == [
        ("aide.alinea", 13, 6, 23),  # règle aide.sous_plafond
        ("aide.alinea", 19, 10, 22),  # vrai si sous_plafond (relative)
        ("montant.alinea", 5, 11, 28),
    ]


async def _rename(client: Client, path: Path, needle: str, new: str) -> types.WorkspaceEdit:
    text = path.read_text(encoding="utf-8")
    found = await client.text_document_rename_async(
        types.RenameParams(
            text_document=document(open_file(client, path)),
            position=position(text, needle, 1),
            new_name=new,
        )
    )
    assert found is not None and found.changes is not None
    return found


def _applied(edit: types.WorkspaceEdit) -> dict[str, str]:
    """The fixture base's texts with the edits applied, as the editor would apply them."""
    assert edit.changes is not None
    texts = {}
    for path in sorted(RENAMING.glob("*.alinea")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for change in sorted(
            edit.changes.get(uri(path), []), key=lambda e: e.range.start.character, reverse=True
        ):
            start, end = change.range.start, change.range.end
            line = lines[start.line]
            lines[start.line] = line[: start.character] + change.new_text + line[end.character :]
        texts[path.name] = "\n".join(lines)
    return texts


async def test_rename_rewrites_every_file_keeping_relative_names_relative(client: Client) -> None:
    edit = await _rename(client, RENAMING / "montant.alinea", "aide.sous_plafond", "aide.eligible")
    texts = _applied(edit)
    assert "règle aide.eligible : booléen" in texts["aide.alinea"]
    assert "  vrai si eligible\n" in texts["aide.alinea"]
    assert "  100 € si aide.eligible\n" in texts["montant.alinea"]
    program = program_from_texts(texts, cache=False)
    assert "aide.eligible" in program.rules and "aide.sous_plafond" not in program.rules


async def test_rename_out_of_the_prefix_writes_names_in_full(client: Client) -> None:
    """The renamed rule's own relative names are read from its new prefix: in full too."""
    edit = await _rename(client, RENAMING / "aide.alinea", "aide.sous_plafond", "autre.test")
    texts = _applied(edit)
    assert "  vrai si autre.test\n" in texts["aide.alinea"]
    assert "  = revenu < aide.plafond\n" in texts["aide.alinea"]  # was relative to aide.
    assert "autre.test" in program_from_texts(texts, cache=False).rules


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("aide.plafond", "U083 : « aide.plafond » est déjà déclaré comme paramètre"),
        ("si", "U082 : « si » n'est pas un nom"),
        ("2x", "U082 : « 2x » n'est pas un nom"),
        ("plafond", "U084 : avec le nom « plafond », un autre nom de"),
    ],
)
async def test_rename_refuses_a_name_that_collides(client: Client, new: str, message: str) -> None:
    """`plafond` is free, but `revenu < plafond` would then read the renamed fact."""
    needle = "donnée revenu" if new == "plafond" else "règle aide.sous_plafond"
    path = RENAMING / "aide.alinea"
    text = path.read_text(encoding="utf-8")
    at = position(text, needle, len(needle.split()[0]) + 2)
    with pytest.raises(JsonRpcException) as refused:
        await client.text_document_rename_async(
            types.RenameParams(
                text_document=document(open_file(client, path)), position=at, new_name=new
            )
        )
    assert message in str(refused.value)
