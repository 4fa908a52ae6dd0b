"""Semantic tokens: every word of a file classed by the grammar's lexer, and every name by
what it designates (a fact, a parameter, a rule, an enumeration value), so the colours
follow the language and the rule base rather than a second grammar's guesses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types

from ..dsl import parser
from . import lexicon
from .convert import Units
from .index import Index, Role

if TYPE_CHECKING:
    from .server import Server

TYPES = [
    "namespace",
    "keyword",
    "type",
    "string",
    "number",
    "comment",
    "operator",
    "variable",
    "property",
    "function",
    "enumMember",
    "event",
]
MODIFIERS = ["declaration", "readonly", "defaultLibrary", "documentation"]
LEGEND = types.SemanticTokensLegend(token_types=TYPES, token_modifiers=MODIFIERS)

_LEXICAL = {
    lexicon.Kind.KEYWORD: "keyword",
    lexicon.Kind.LITERAL: "keyword",
    lexicon.Kind.TYPE: "type",
    lexicon.Kind.UNIT: "type",
    lexicon.Kind.NUMBER: "number",
    lexicon.Kind.DATE: "number",
    lexicon.Kind.STRING: "string",
    lexicon.Kind.QUOTE: "string",
    lexicon.Kind.COMMENT: "comment",
    lexicon.Kind.OPERATOR: "operator",
    lexicon.Kind.NAME: "variable",
}
_ROLES = {
    Role.FACT: ("variable", ()),
    Role.PARAMETER: ("property", ("readonly",)),
    Role.RULE: ("function", ()),
    Role.VALUE: ("enumMember", ()),
    Role.EXCEPTION: ("event", ()),
    Role.FUNCTION: ("function", ("defaultLibrary",)),
}
_HEADER = re.compile(r"§\s*(?P<reference>[^|]*?)\s*(?:\||$)")

Token = tuple[int, int, int, str, tuple[str, ...]]
"""0-based line, start and end columns (characters), type, modifiers."""


def classify(text: str, index: Index | None, name: str, values: set[str]) -> list[Token]:
    """The tokens of a text; names are classed by the index when it reads this very text,
    else enumeration values apart, names as variables."""
    found: list[Token] = []
    for word in lexicon.words(text):
        if word.kind is lexicon.Kind.HEADER:
            found.extend(_header(word))
            continue
        kind = _LEXICAL.get(word.kind)
        if kind is None:
            continue
        modifiers: tuple[str, ...] = ("documentation",) if word.kind is lexicon.Kind.QUOTE else ()
        if word.kind is lexicon.Kind.NAME:
            occurrence = index.at(name, word.line + 1, word.column + 1) if index else None
            if occurrence is not None and occurrence.role in _ROLES:
                kind, modifiers = _ROLES[occurrence.role]
                if occurrence.declaration:
                    modifiers = (*modifiers, "declaration")
            elif word.text in values:
                kind = "enumMember"
        found.append((word.line, word.column, word.end, kind, modifiers))
    return found


def _header(word: lexicon.Word) -> list[Token]:
    """`§ CSS R.162-65 | depuis 2025-05-16 (décret …)`: the reference, then the period's
    words, then the amending text."""
    line, text = word.line, word.text
    found: list[Token] = [(line, word.column, word.column + 1, "keyword", ())]
    match = _HEADER.match(text)
    if match is None or not match["reference"]:
        return found
    start = word.column + match.start("reference")
    found.append((line, start, start + len(match["reference"]), "namespace", ("declaration",)))
    rest = text[match.end() :]
    offset = word.column + match.end()
    amendment = rest.find("(")
    period = rest if amendment < 0 else rest[:amendment]
    for part in lexicon.words(period):
        kind = _LEXICAL.get(part.kind)
        if kind in {"keyword", "number"}:
            found.append((line, offset + part.column, offset + part.end, kind, ()))
    if amendment >= 0:
        found.append((line, offset + amendment, word.column + len(text), "string", ()))
    return found


def encode(found: list[Token], lines: list[str], units: Units) -> list[int]:
    """The protocol's relative encoding, columns in the client's units."""
    data: list[int] = []
    previous_line = previous_start = 0
    for line, start, end, kind, modifiers in sorted(found):
        text = lines[line] if line < len(lines) else ""
        first = units.codec.client_num_units(text[:start])
        length = units.codec.client_num_units(text[start:end])
        delta = line - previous_line
        data += [delta, first - (previous_start if delta == 0 else 0), length, TYPES.index(kind)]
        data.append(sum(1 << MODIFIERS.index(m) for m in modifiers))
        previous_line, previous_start = line, first
    return data


def register(server: Server) -> None:
    @server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
    async def full(params: types.SemanticTokensParams) -> types.SemanticTokens:
        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        text = parser.normalise(document.source)
        found = await server.snapshot(uri)
        index = None
        name = ""
        values: set[str] = set()
        if found is not None:
            snapshot, name = found
            values = snapshot.index.values
            if snapshot.text(name) == text:
                index = snapshot.index
        tokens = classify(text, index, name, values)
        return types.SemanticTokens(data=encode(tokens, text.split("\n"), server.units))
