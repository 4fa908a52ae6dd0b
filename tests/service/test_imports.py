"""`alinea serve` starts without what only some requests need: the documentation site and the
explanation page (Jinja2, the drawings, the highlighter and its parser) and networkx are
imported on their first use. Checked in a fresh interpreter, on a warm parse cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

START = Path(__file__).parent / "fixtures" / "imports" / "start.py"
NOT_AT_START_UP = (
    "lark",
    "networkx",
    "jinja2",
    "yaml",
    "alinea.dsl.parser",
    "alinea.visualize.site",
    "alinea.visualize.decision",
    "alinea.diff",
)


def imported(cache: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, str(START)],
        cwd=ROOT,
        env={**os.environ, "ALINEA_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(done.stdout))


def test_the_service_starts_without_the_site_the_parser_or_networkx(tmp_path: Path) -> None:
    assert "lark" in imported(tmp_path)  # the first start parses the rules
    modules = imported(tmp_path)
    assert {"alinea.service.app", "starlette"} <= modules
    assert sorted(name for name in NOT_AT_START_UP if name in modules) == []
