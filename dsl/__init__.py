"""The rule language: grammar, parser, AST, diagnostics. Knows nothing of evaluation.

`parse` and `parse_file` are imported on first use: importing the errors or the AST does not
load Lark, which only a parse needs (a load from the parse cache does not parse)."""

from typing import TYPE_CHECKING, Any

from .diagnostics import render as render
from .diagnostics import render_all as render_all
from .errors import AlineaError as AlineaError
from .errors import Diagnostic as Diagnostic
from .errors import RuleError as RuleError
from .errors import Span as Span

if TYPE_CHECKING:
    from .parser import parse as parse
    from .parser import parse_file as parse_file

__all__ = [
    "AlineaError",
    "Diagnostic",
    "RuleError",
    "Span",
    "parse",
    "parse_file",
    "render",
    "render_all",
]

_LAZY = frozenset({"parse", "parse_file"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import parser

        return getattr(parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
