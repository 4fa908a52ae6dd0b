"""Render diagnostics the way compilers do: location, message, source line, caret, hint.

regles/x.alinea:12:17: error[E201]: nom inconnu « plafond_seance »
   12 |     - seances < plafond_seance
      |                 ^^^^^^^^^^^^^^
   = aide : vouliez-vous dire « plafond_seances » ?
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .errors import Diagnostic, Span

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


def _excerpt(span: Span, source: str) -> list[str]:
    text_lines = source.splitlines()
    if not 1 <= span.line <= len(text_lines):
        return []
    line = text_lines[span.line - 1].expandtabs(8)
    gutter = " " * len(str(span.line))
    end = span.end_column if span.end_line == span.line else len(line) + 1
    width = max(1, min(end, len(line) + 1) - span.column)
    caret = " " * (span.column - 1) + "^" * width
    return [
        f"   {span.line} | {line}".rstrip(),
        f"   {gutter} | {caret}",
    ]
