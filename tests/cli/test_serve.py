"""`alinea serve`: refusals said before anything listens, and a real start with two workers."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.cli.cli_runner import Alinea
from tests.conftest import LOCAL_RULES, ROOT

ALINEA = Path(sys.executable).parent / "alinea"


def test_a_bad_number_of_workers_or_port_is_a_usage_error(alinea: Alinea) -> None:
    done = alinea("serve", "--workers", "0")
    assert (done.code, done.out) == (2, "")
    assert done.err == "error[U070]: --workers : au moins 1 processus, pas 0\n\n1 erreur\n"
    done = alinea("serve", "--port", "70000")
    assert done.err == "error[U071]: --port : un port de 0 à 65535, pas 70000\n\n1 erreur\n"


def test_a_port_in_use_is_said_before_serving(alinea: Alinea) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        done = alinea("serve", "--rules", str(ROOT / "regles"), "--port", str(port))
    finally:
        taken.close()
    assert done.code == 2
    assert done.err.endswith(
        f"error[U072]: impossible d'écouter sur 127.0.0.1:{port} : adresse déjà utilisée\n"
        "   = aide : choisissez un autre --port (0 : un port libre), ou arrêtez l'autre service\n"
        "\n1 erreur\n"
    )


def test_rules_with_errors_are_reported_and_nothing_is_served(alinea: Alinea) -> None:
    broken = ROOT / "tests" / "service" / "fixtures" / "recharge" / "erreur.alinea"
    done = alinea("serve", "--rules", str(broken), "--port", "0")
    assert done.code == 1
    assert "error[E201]: nom inconnu « revenu »" in done.err
    assert "service sur" not in done.err


def test_two_workers_start_answer_and_stop_on_a_signal(tmp_path: Path) -> None:
    started = time.monotonic()
    server = subprocess.Popen(
        [str(ALINEA), "serve", "--port", "0", "--workers", "2"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "ALINEA_CACHE_DIR": str(tmp_path / "cache")},
    )
    try:
        assert server.stderr is not None
        assert server.stderr.readline() == LOCAL_RULES
        line = server.stderr.readline()
        found = re.match(r"alinea : service sur http://127\.0\.0\.1:(\d+)/ — questionnaire /", line)
        assert found, line
        assert line.endswith("; 2 processus ; Ctrl+C pour arrêter\n")
        url = f"http://127.0.0.1:{found.group(1)}"
        health = None
        while health is None and time.monotonic() < started + 60:
            try:
                health = httpx.get(f"{url}/health", timeout=5).json()
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None and health["status"] == "ok"
        body = {
            "date": "2026-03-01",
            "situation": {"age": 2},
            "conclusions": ["mon_soutien_psy.eligible"],
        }
        for _ in range(4):
            answer = httpx.post(f"{url}/v1/evaluate", json=body, timeout=5).json()
            assert answer["conclusions"]["mon_soutien_psy.eligible"]["value"] is False
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(30)
        rest = server.stderr.read() if server.stderr else ""
        if server.stderr:
            server.stderr.close()
    assert (code, rest) == (0, "")
