"""Formatting with `alinea fmt`'s layout (`dsl.formatter`), of a whole document or of the
lines of a range; never a result that says less than the original (the formatter's own
check, as `alinea fmt` makes it)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from lsprotocol import types

from ..dsl import parser
from ..dsl.errors import RuleError
from ..dsl.formatter import format_text, same_content

if TYPE_CHECKING:
    from .server import Server

Edit = tuple[int, int, list[str]]
"""Replace lines [first, last) (0-based) with these lines."""


def formatted(text: str, name: str) -> str | None:
    """The text in the canonical layout; None when it does not parse (or would lose
    something, which `alinea fmt` refuses too)."""
    try:
        result = format_text(text, name)
        if not same_content(parser.parse(text, name), parser.parse(result, name)):
            return None
    except RuleError:
        return None
    return result


def edits(text: str, name: str, lines: range | None = None) -> list[Edit] | None:
    """The line edits that format the document (those touching `lines` only, when given);
    None when it cannot be formatted."""
    result = formatted(text, name)
    if result is None:
        return None
    before = parser.normalise(text).split("\n")
    after = result.split("\n")
    found: list[Edit] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, first, last, start, end in matcher.get_opcodes():
        if tag == "equal":
            continue
        if lines is not None and not _touches(lines, first, last):
            continue
        found.append((first, last, after[start:end]))
    return found


def _touches(lines: range, first: int, last: int) -> bool:
    return first <= lines.stop - 1 and max(last, first + 1) > lines.start


def text_edits(found: list[Edit], units_lines: list[str], server: Server) -> list[types.TextEdit]:
    result = []
    for first, last, new in found:
        start = types.Position(line=first, character=0)
        end = types.Position(line=last, character=0)
        text = "".join(line + "\n" for line in new)
        result.append(types.TextEdit(range=types.Range(start=start, end=end), new_text=text))
    return result


def register(server: Server) -> None:
    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def on_format(params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        document = server.workspace.get_text_document(params.text_document.uri)
        found = edits(document.source, document.uri)
        return None if found is None else text_edits(found, list(document.lines), server)

    @server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    def on_range(params: types.DocumentRangeFormattingParams) -> list[types.TextEdit] | None:
        document = server.workspace.get_text_document(params.text_document.uri)
        span = params.range
        last = (
            span.end.line
            if span.end.character or span.end.line == span.start.line
            else span.end.line - 1
        )
        found = edits(document.source, document.uri, range(span.start.line, last + 1))
        return None if found is None else text_edits(found, list(document.lines), server)
