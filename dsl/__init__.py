"""The rule language: grammar, parser, AST, diagnostics. Knows nothing of evaluation."""

from .diagnostics import render as render
from .diagnostics import render_all as render_all
from .errors import AlineaError as AlineaError
from .errors import Diagnostic as Diagnostic
from .errors import RuleError as RuleError
from .errors import Span as Span
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
