"""Render diagnostics the way compilers do: location, message, source line, caret, hint.

regles/x.alinea:12:17: error[E201]: nom inconnu « plafond_seance »
   12 |     - seances < plafond_seance
      |                 ^^^^^^^^^^^^^^
   = aide : vouliez-vous dire « plafond_seances » ?
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from .errors import Diagnostic, FactDiagnostic, Span

SourceReader = Callable[[str], str | None]


def render(diagnostic: Diagnostic, read: SourceReader | None = None) -> str:
    """One diagnostic as text; `read` returns the source of a path, or None if unavailable."""
    lines = [str(diagnostic)]
    span = diagnostic.span
    source = read(span.path) if span and read else None
    if span is not None and source is not None:
        lines.extend(_excerpt(span, source))
    if diagnostic.hint:
        lines.append(f"   = aide : {diagnostic.hint}")
    for note in diagnostic.notes:
        where = f" ({note.span})" if note.span else ""
        lines.append(f"   = note : {note.message}{where}")
        if note.span is not None and read is not None:
            note_source = read(note.span.path)
            if note_source is not None:
                lines.extend(_excerpt(note.span, note_source))
    return "\n".join(lines)


def render_all(diagnostics: Iterable[Diagnostic], read: SourceReader | None = None) -> str:
    """Several diagnostics separated by blank lines, followed by a count."""
    diagnostics = list(diagnostics)
    blocks = [render(d, read) for d in diagnostics]
    return "\n\n".join([*blocks, summary(diagnostics)])


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`2 erreurs`, `1 avertissement`, `1 erreur, 3 avertissements`."""
    diagnostics = list(diagnostics)
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    parts = []
    if errors or not warnings:
        parts.append(f"{errors} erreur{'s' if errors > 1 else ''}")
    if warnings:
        parts.append(f"{warnings} avertissement{'s' if warnings > 1 else ''}")
    return ", ".join(parts)


def to_json(diagnostic: Diagnostic, read: SourceReader | None = None) -> dict[str, Any]:
    """A diagnostic as plain JSON data, for programs (the HTTP service's error responses):
    its parts one by one, a situation error's fact, value, expectation and suggestion, and
    `text`, the diagnostic as `render` writes it for a person."""
    data: dict[str, Any] = {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "span": span_json(diagnostic.span),
        "hint": diagnostic.hint,
        "notes": [{"message": n.message, "span": span_json(n.span)} for n in diagnostic.notes],
    }
    if isinstance(diagnostic, FactDiagnostic):
        data["fact"] = diagnostic.fact
        data["value"] = _plain(diagnostic.value)
        data["expected"] = diagnostic.expected
        data["suggestion"] = diagnostic.suggestion
    data["text"] = render(diagnostic, read)
    return data


def span_json(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _plain(value: object, depth: int = 0) -> object:
    """A value read from a situation as JSON can hold it (JSON's NaN is not JSON), cut
    below `PLAIN_DEPTH` levels of nesting."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if depth >= PLAIN_DEPTH:
        return "…"
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    return str(value)


PLAIN_DEPTH = 16
EXCERPT_WIDTH = 160


def _excerpt(span: Span, source: str) -> list[str]:
    """The line of `span` with a caret under it; a line wider than `EXCERPT_WIDTH` is cut
    around the caret (a one-line JSON of a megabyte shows 160 characters)."""
    starts = _line_starts(source)
    count = len(starts) - (1 if source.endswith("\n") or not source else 0)
    if not 1 <= span.line <= count:
        return []
    start = starts[span.line - 1]
    stop = starts[span.line] - 1 if span.line < len(starts) else len(source)
    column = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else stop - start
    if stop - start <= EXCERPT_WIDTH:
        line = source[start:stop].expandtabs(8)
        prefix = suffix = ""
        first = 0
    else:
        first = max(0, min(column - EXCERPT_WIDTH // 3, stop - start - EXCERPT_WIDTH))
        line = source[start + first : start + first + EXCERPT_WIDTH].replace("\t", " ")
        prefix = "…" if first else ""
        suffix = "…" if first + EXCERPT_WIDTH < stop - start else ""
    column -= first
    width = max(1, min(end - first, len(line)) - column)
    caret = " " * (len(prefix) + column) + "^" * width
    gutter = " " * len(str(span.line))
    return [
        f"   {span.line} | {prefix}{line}{suffix}".rstrip(),
        f"   {gutter} | {caret}",
    ]


@functools.lru_cache(maxsize=16)
def _line_starts(source: str) -> list[int]:
    """Where each line of `source` starts, computed once per text however many
    diagnostics point into it."""
    return [0, *(match.end() for match in _NEWLINE.finditer(source))]


_NEWLINE = re.compile("\n")
