"""One module per sub-command; each exposes `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from . import check, doc, evaluate, explain, graph

COMMANDS: tuple[ModuleType, ...] = (check, evaluate, explain, graph, doc)
