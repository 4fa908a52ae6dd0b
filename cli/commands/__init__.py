"""One module per sub-command; each exposes `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from . import check, evaluate, explain, fmt, test

COMMANDS: tuple[ModuleType, ...] = (check, evaluate, explain, test, fmt)
