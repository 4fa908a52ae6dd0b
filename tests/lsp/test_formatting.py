"""Formatting: `alinea fmt`'s layout for the whole document, or the lines of a range."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from alinea.dsl import source
from alinea.dsl.formatter import format_text
from alinea.lsp.formatting import edits, text_edits

from .conftest import FIXTURES
from .session import Client, document, open_file

pytestmark = pytest.mark.asyncio(loop_scope="module")

SOURCE = FIXTURES / "mal_forme.alinea"
OPTIONS = types.FormattingOptions(tab_size=2, insert_spaces=True)


def _applied(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: e.range.start.line, reverse=True):
        assert edit.range.start.character == edit.range.end.character == 0
        new = edit.new_text.split("\n")[:-1]
        lines[edit.range.start.line : edit.range.end.line] = new
    return "\n".join(lines)


async def test_the_document_is_formatted_as_alinea_fmt_does(client: Client, tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    target = open_file(client, tmp_path / "exemple.alinea", text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=document(target), options=OPTIONS)
    )
    assert edits
    assert _applied(text, edits) == format_text(text)


async def test_a_range_formats_only_its_lines(client: Client, tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    target = open_file(client, tmp_path / "exemple.alinea", text)
    first_fact = types.Range(
        start=types.Position(line=2, character=0), end=types.Position(line=3, character=5)
    )
    edits = await client.text_document_range_formatting_async(
        types.DocumentRangeFormattingParams(
            text_document=document(target), range=first_fact, options=OPTIONS
        )
    )
    assert edits
    result = _applied(text, edits)
    assert '  libellé "revenu du foyer"' in result
    assert "      1000 €    depuis 2020-01-01" in result  # outside the range: as it was
    assert "   vrai si revenu <   aide.plafond   # sous le plafond" in result


async def test_a_file_that_does_not_parse_is_left_alone(client: Client, tmp_path: Path) -> None:
    target = open_file(client, tmp_path / "casse.alinea", "règle x : entier\n  = (1 +\n")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=document(target), options=OPTIONS)
    )
    assert edits is None


@pytest.mark.asyncio(loop_scope="function")
async def test_a_long_file_is_diffed_only_where_it_changed() -> None:
    comments = "# même ligne\n" * 20_000
    text = comments + SOURCE.read_text(encoding="utf-8") + comments
    found = edits(text, "long.alinea")
    assert found is not None
    assert all(20_000 <= first <= last <= 20_009 for first, last, _ in found)
    assert _applied(text, text_edits(found)) == format_text(text)


@pytest.mark.asyncio(loop_scope="function")
async def test_a_text_past_the_size_limit_is_not_formatted() -> None:
    assert edits("#\n" * (source.RULE_FILE_LIMIT // 2 + 1), "enorme.alinea") is None
