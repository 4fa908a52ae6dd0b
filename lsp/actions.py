"""Code actions for the hints that name their fix: `vouliez-vous dire « age » ?` replaces
the misspelt word, `écrivez « 50 € »` the bare number."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types

from ..dsl import parser
from .convert import Units

if TYPE_CHECKING:
    from .server import Server

_GUESS = re.compile(r"^vouliez-vous dire « (?P<fix>[^»]+) » \?$")
_WRITE = re.compile(r"^écrivez « (?P<fix>[^»]+) » : un nombre seul")
_QUOTED = re.compile(r"« (?P<word>[^»]+) »")

Replacement = tuple[int, int, int, str]
"""Replace, on one 0-based line, the characters [start, end) with this text."""


def fix(message: str, hint: str | None, line: str, start: int, end: int) -> Replacement | None:
    """What replaces what for a diagnostic on `line` (its span [start, end), 0-based, one
    line), following its hint; None when the hint names no replacement."""
    if hint is None:
        return None
    guess = _GUESS.match(hint)
    if guess:
        wrong = _QUOTED.search(message)
        if wrong is None:
            return None
        word = wrong["word"]
        found = line.find(word, start)
        if found < 0 or (end > start and found >= end):
            return None
        stop = found + len(word)
        replacement = guess["fix"]
        following = line[stop:].lstrip()
        tail = replacement.split()[-1]
        if len(replacement.split()) > len(word.split()) and following.startswith(tail):
            stop = len(line) - len(following) + len(tail)
        return (0, found, stop, replacement)
    write = _WRITE.match(hint)
    if write and end > start:
        return (0, start, end, write["fix"])
    return None


def actions(
    uri: str, text: str, diagnostics: list[types.Diagnostic], units: Units
) -> list[types.CodeAction]:
    lines = parser.normalise(text).split("\n")
    found = []
    for diagnostic in diagnostics:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        hint = data.get("hint")
        span = diagnostic.range
        if not isinstance(hint, str) or not 0 <= span.start.line < len(lines):
            continue
        line = lines[span.start.line]
        start = units.place(lines, span.start)[1] - 1
        end = units.place(lines, span.end)[1] - 1 if span.end.line == span.start.line else len(line)
        first_line = diagnostic.message.split("\n", 1)[0]
        replacement = fix(first_line, hint, line, start, end)
        if replacement is None:
            continue
        _, first, stop, new = replacement
        number = span.start.line + 1
        where = types.Range(
            start=units.position(lines, number, first + 1),
            end=units.position(lines, number, stop + 1),
        )
        edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=where, new_text=new)]})
        found.append(
            types.CodeAction(
                title=f"remplacer par « {new} »",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=edit,
                is_preferred=True,
            )
        )
    return found


def register(server: Server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def on_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        document = server.workspace.get_text_document(params.text_document.uri)
        return actions(
            document.uri, document.source, list(params.context.diagnostics), server.units
        )
