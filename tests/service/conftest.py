"""Fixtures of the service tests: the bundled rule base served in-process, at a fixed today."""

from __future__ import annotations

import contextlib
import datetime
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.testclient import TestClient

from alinea.engine import RuleBase
from alinea.service import Service, create_app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = datetime.date(2026, 3, 1)
VISIO = ROOT / "examples" / "premiere-seance-visio.json"


def situation(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rule file names in answers are relative to the working directory: make it the repo."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def client(rules: RuleBase) -> Iterator[TestClient]:
    """The bundled base behind the whole application; a server error fails the test."""
    with TestClient(create_app(Service(rules, today=lambda: TODAY))) as found:
        yield found


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port, in a thread: its base URL."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            assert time.monotonic() < deadline, "le serveur n'a pas démarré en 10 s"
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        listening.close()
