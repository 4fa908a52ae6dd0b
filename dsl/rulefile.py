"""A rule file's text as the parser expects it, read without Lark.

Reading and normalising come before any parse, and a load from the parse cache does only
that: so they live apart from `parser`, which imports Lark (`parser` re-exports them).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import IO

from . import source
from .errors import Diagnostic, RuleSyntaxError, Span

GRAMMAR = Path(__file__).with_name("grammar.lark")


def normalise(text: str) -> str:
    """NFC, no byte-order mark, `\\n` line ends and a final newline: what the grammar
    expects."""
    text = source.strip_bom(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def read_file(path: str | Path, name: str | None = None) -> str:
    """The text of a rule file of at most `source.RULE_FILE_LIMIT` bytes; a `RuleSyntaxError`
    (E000, or E020 when too large) otherwise. `name` is how diagnostics call the file."""
    shown = name or str(path)
    try:
        return source.read_bounded(path, source.RULE_FILE_LIMIT)
    except (OSError, source.TooLarge, source.NotUtf8) as error:
        raise RuleSyntaxError([_unreadable(error, shown)]) from None


def read_stream(stream: IO[bytes] | IO[str], name: str) -> str:
    """Like `read_file`, for standard input."""
    try:
        return source.read_stream(stream, source.RULE_FILE_LIMIT)
    except (OSError, source.TooLarge, source.NotUtf8) as error:
        raise RuleSyntaxError([_unreadable(error, name)]) from None


def _unreadable(error: OSError | source.TooLarge | source.NotUtf8, name: str) -> Diagnostic:
    if isinstance(error, source.TooLarge):
        limit = source.size(error.limit)
        return Diagnostic(
            "E020",
            f"fichier de règles trop volumineux (plus de {limit})",
            Span(name, error.line, 1, error.line, 1),
            f"un fichier de règles fait au plus {limit} : répartissez les règles en plusieurs",
        )
    return Diagnostic("E000", f"lecture impossible de {name} : {source.reason(error)}")
