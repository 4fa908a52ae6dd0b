"""How the CLI writes: results on stdout, diagnostics on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from ..dsl.diagnostics import render_all
from ..dsl.errors import Diagnostic
from ..engine.loader import read_source


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    print(render_all(diagnostics, read_source), file=sys.stderr)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
