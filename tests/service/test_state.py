"""`--reload`: the rule files are read again when they change, the requests in flight finish
with the rules they started with, and rules that no longer compile leave the old ones."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from starlette.testclient import TestClient

from alinea.service import Service, create_app, state
from tests.service.conftest import FIXTURES, TODAY, serving

RELOAD = FIXTURES / "recharge"
REQUEST = {"date": "2026-03-01", "situation": {"revenus": 1100}}


def rules_in(folder: Path, fixture: str) -> None:
    """Write the fixture as the folder's one rule file, with a later modification time, in
    one step (a copy then a new time would be two changes to a watch that looks between)."""
    target = folder / "aide.alinea"
    before = target.stat().st_mtime_ns if target.exists() else 0
    written = folder.parent / "aide.alinea.nouveau"
    shutil.copyfile(RELOAD / fixture, written)
    later = max(time.time_ns(), before + 1_000_000_000)
    os.utime(written, ns=(later, later))
    os.replace(written, target)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    found = tmp_path / "regles"
    found.mkdir()
    rules_in(found, "aide-1000.alinea")
    return found


def watched(folder: Path) -> Service:
    paths = [str(folder)]
    return Service(state.load(paths), today=lambda: TODAY, paths=paths, reload=True)


def droit(response: Any) -> object:
    assert response.status_code == 200
    return response.json()["conclusions"]["aide.droit"]["value"]


def test_a_changed_file_is_a_new_base_and_a_broken_one_keeps_the_old(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service = watched(folder)
    client = TestClient(create_app(service))  # no lifespan: no watch, the test reloads
    assert droit(client.post("/v1/evaluate", json=REQUEST)) is False
    assert anyio.run(service.reload_if_changed) is False  # nothing changed
    rules_in(folder, "aide-1200.alinea")
    assert anyio.run(service.reload_if_changed) is True
    assert droit(client.post("/v1/evaluate", json=REQUEST)) is True
    rules_in(folder, "erreur.alinea")
    assert anyio.run(service.reload_if_changed) is False
    assert droit(client.post("/v1/evaluate", json=REQUEST)) is True
    health = client.get("/health").json()
    assert health["generation"] == 2
    said = capsys.readouterr().err
    assert said.startswith(
        "alinea : règles rechargées (1 fichier)\n"
        "alinea : rechargement refusé, les règles précédentes restent en vigueur :\n"
    )
    assert "error[E201]: nom inconnu « revenu »" in said
    (error,) = health["reload_errors"]
    assert error["code"] == "E201"
    assert error["hint"] == "vouliez-vous dire « revenus » ?"


def test_the_watch_reloads_while_requests_are_served(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "RELOAD_INTERVAL", 0.05)
    service = watched(folder)
    answers: list[object] = []
    failures: list[str] = []
    stop = threading.Event()

    def ask(url: str) -> None:
        with httpx.Client(base_url=url, timeout=10) as client:
            while not stop.is_set():
                try:
                    answers.append(droit(client.post("/v1/evaluate", json=REQUEST)))
                except (AssertionError, httpx.HTTPError) as error:
                    failures.append(repr(error))

    with serving(create_app(service)) as url:
        callers = [threading.Thread(target=ask, args=(url,)) for _ in range(4)]
        for caller in callers:
            caller.start()
        deadline = time.monotonic() + 20
        while not answers and time.monotonic() < deadline:
            time.sleep(0.02)
        rules_in(folder, "aide-1200.alinea")
        while service.generation == 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        served = len(answers)
        while len(answers) < served + 8 and time.monotonic() < deadline:
            time.sleep(0.02)
        stop.set()
        for caller in callers:
            caller.join(10)
    assert service.generation == 2
    assert failures == []
    assert answers[0] is False and answers[-1] is True
