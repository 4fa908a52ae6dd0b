"""Semantic tokens: words classed by the grammar, names by what they designate."""

from __future__ import annotations

import pytest
from lsprotocol import types

from alinea.lsp.tokens import MODIFIERS, TYPES

from .conftest import FIXTURES
from .session import Client, document, open_file

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_tokens_follow_the_grammar_and_the_rule_base(client: Client) -> None:
    path = FIXTURES / "renommage" / "regles" / "aide.alinea"
    text = path.read_text(encoding="utf-8")
    target = open_file(client, path)
    found = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=document(target))
    )
    assert found is not None
    lines = text.split("\n")
    decoded: dict[str, tuple[str, set[str]]] = {}
    line = start = 0
    data = found.data
    for index in range(0, len(data), 5):
        delta, offset, length, kind, modifiers = data[index : index + 5]
        line, start = (line + delta, offset) if delta else (line, start + offset)
        word = lines[line][start : start + length]
        flags = {m for bit, m in enumerate(MODIFIERS) if modifiers >> bit & 1}
        decoded.setdefault(word, (TYPES[kind], flags))
    assert decoded["règle"] == ("keyword", set())
    assert decoded["montant"] == ("type", set())
    assert decoded["Loi 1"] == ("namespace", {"declaration"})
    assert decoded["2020-01-01"] == ("number", set())
    assert decoded["> Article un."] == ("string", {"documentation"})
    assert decoded["revenu"] == ("variable", {"declaration"})
    assert decoded["aide.plafond"] == ("property", {"readonly", "declaration"})
    assert decoded["plafond"] == ("property", {"readonly"})
    assert decoded["aide.sous_plafond"] == ("function", {"declaration"})
    assert decoded['"revenu du foyer"'] == ("string", set())
    (comment,) = [word for word in decoded if word.startswith("# Une aide imaginaire")]
    assert decoded[comment] == ("comment", set())
    assert decoded["1000"] == ("number", set())
    assert decoded["€"] == ("type", set())
    assert decoded["faux"] == ("keyword", set())
