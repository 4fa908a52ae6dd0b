"""Between alinea's places (1-based lines and columns counted in characters) and the
protocol's (0-based, columns in the code units the client chose: UTF-16 by default), and
alinea's diagnostics as the protocol's."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from ..dsl.errors import Diagnostic, Severity, Span

Lines = Sequence[str]
Locate = Callable[[str], tuple[str, Lines] | None]
"""A file name as diagnostics give it -> its URI and lines (None when unknown)."""


class Units:
    """Column conversions in the position encoding agreed with the client."""

    def __init__(self, codec: PositionCodec) -> None:
        self.codec = codec

    def position(self, lines: Lines, line: int, column: int) -> types.Position:
        """The protocol position of a 1-based place."""
        if not 0 < line <= len(lines):  # a file alinea could not read: as counted there
            return types.Position(line=max(0, line - 1), character=max(0, column - 1))
        text = lines[line - 1]
        return types.Position(
            line=line - 1, character=self.codec.client_num_units(text[: column - 1])
        )

    def range(self, lines: Lines, span: Span | None) -> types.Range:
        if span is None:
            start = types.Position(line=0, character=0)
            return types.Range(start=start, end=start)
        return types.Range(
            start=self.position(lines, span.line, span.column),
            end=self.position(lines, span.end_line, span.end_column),
        )

    def place(self, lines: Lines, position: types.Position) -> tuple[int, int]:
        """The 1-based line and column (in characters) of a protocol position."""
        if not 0 <= position.line < len(lines):
            return (position.line + 1, 1)
        text = lines[position.line]
        units = 0
        for index, character in enumerate(text):
            if units >= position.character:
                return (position.line + 1, index + 1)
            units += self.codec.client_num_units(character)
        return (position.line + 1, len(text) + 1)


SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


def diagnostic(found: Diagnostic, lines: Lines, units: Units, locate: Locate) -> types.Diagnostic:
    """A diagnostic as the protocol carries it: the message with its hint as `alinea check`
    prints them (`aide : …`), the notes with a place as related information."""
    message = found.message
    if found.hint:
        message += f"\naide : {found.hint}"
    related = []
    for note in found.notes:
        where = locate(note.span.path) if note.span is not None else None
        if where is None:
            message += f"\nnote : {note.message}" + (f" ({note.span})" if note.span else "")
            continue
        uri, note_lines = where
        location = types.Location(uri=uri, range=units.range(note_lines, note.span))
        related.append(types.DiagnosticRelatedInformation(location=location, message=note.message))
    return types.Diagnostic(
        range=units.range(lines, found.span),
        message=message,
        severity=SEVERITIES[found.severity],
        code=found.code,
        source="alinea",
        related_information=related or None,
        data={"hint": found.hint} if found.hint else None,
    )
