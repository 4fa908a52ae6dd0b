"""One module per sub-command; each exposes `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from . import check, evaluate, explain, fmt

COMMANDS: tuple[ModuleType, ...] = (check, evaluate, explain, fmt)
