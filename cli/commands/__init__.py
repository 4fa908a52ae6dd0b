"""One module per sub-command; each exposes `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from . import ask, check, diff, doc, evaluate, explain, fmt, graph, lsp, serve, test, veille

COMMANDS: tuple[ModuleType, ...] = (
    check,
    evaluate,
    explain,
    ask,
    test,
    fmt,
    diff,
    graph,
    doc,
    veille,
    serve,
    lsp,
)
