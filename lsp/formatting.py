"""Formatting with `alinea fmt`'s layout (`dsl.formatter`), of a whole document or of the
lines of a range; never a result that says less than the original (the formatter's own
check, as `alinea fmt` makes it)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from lsprotocol import types

from ..dsl import parser, source
from ..dsl.errors import RuleError
from ..dsl.formatter import format_text, same_content

if TYPE_CHECKING:
    from .server import Server

Edit = tuple[int, int, list[str]]
"""Replace lines [first, last) (0-based) with these lines."""


def formatted(text: str, name: str) -> str | None:
    """The text in the canonical layout; None when it does not parse (or would lose
    something, which `alinea fmt` refuses too; or is past the size limit, which every
    command refuses)."""
    if len(text.encode(errors="surrogatepass")) > source.RULE_FILE_LIMIT:
        return None
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
    for first, last, new in _changes(before, after):
        if lines is None or _touches(lines, first, last):
            found.append((first, last, new))
    return found


_DIFFED = 4000
"""Past this many changed lines, one edit replaces them all (difflib is quadratic on
repeated lines, and a file that long is reformatted wholesale anyway)."""


def _changes(before: list[str], after: list[str]) -> list[Edit]:
    """The changed lines, as few edits as difflib finds within the part that differs."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(before), len(after)) - head
        and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]
    ):
        tail += 1
    old, new = before[head : len(before) - tail], after[head : len(after) - tail]
    if not old and not new:
        return []
    if max(len(old), len(new)) > _DIFFED:
        return [(head, head + len(old), new)]
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (head + first, head + last, new[start:end])
        for tag, first, last, start, end in matcher.get_opcodes()
        if tag != "equal"
    ]


def _touches(lines: range, first: int, last: int) -> bool:
    return first <= lines.stop - 1 and max(last, first + 1) > lines.start


def text_edits(found: list[Edit]) -> list[types.TextEdit]:
    """Whole lines replaced: columns 0 are the same in every position encoding."""
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
        return None if found is None else text_edits(found)

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
        return None if found is None else text_edits(found)
