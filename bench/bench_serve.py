"""Load test of `alinea serve` on loopback, bounded in count and time (issue 12 targets).

Starts `alinea serve --port 0 --workers N` for each N asked, waits for `/health`, then sends
`/v1/evaluate` requests over keep-alive HTTP/1.1 connections from one asyncio process:
first one connection at a time (the latency of one request, to compare with the evaluation
itself, measured in this process on the same body), then `--concurrency` connections at
once until `--requests` have been answered or `--seconds` have passed. Prints requests/s,
p50 and p99 latency and the errors (any answer but 200) of each run, and the load average
of the machine before and after: on a shared machine the figures say as much about the
neighbours as about the server.

    .venv/bin/python bench/bench_serve.py                       # 20,000 at 50, 1 and 2 workers
    .venv/bin/python bench/bench_serve.py --requests 2000 --toutes   # every conclusion
    .venv/bin/python bench/bench_serve.py --demarrage 15 [--contre AUTRE/bin/alinea]

`--demarrage N` measures only the start-up (issue 12: under a second), from launching
`alinea serve` to the first `/health` answer, N times after one start that writes the parse
cache; with `--contre` another installation's `alinea` starts in turn with this one, A B A B …,
and the ratio is taken pair by pair; `--sans-bytecode` removes the bytecode of alinea's modules
first and forbids writing it (see `bench_cli.py`).

Target: the server adds at most 1 ms over the evaluation itself at p50 (one connection).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench_cli import environment, forget_bytecode

ROOT = Path(__file__).resolve().parent.parent
ALINEA = Path(sys.executable).parent / "alinea"
SITUATION = ROOT / "examples" / "premiere-seance-visio.json"
DATE = "2026-03-01"
BYTECODE = environment(no_bytecode=False)
"""The server writes its bytecode, as an installed alinea has it (`bench_cli.py` says why)."""
PSY = [
    "mon_soutien_psy.eligible",
    "mon_soutien_psy.seance_prise_en_charge",
    "mon_soutien_psy.plafond_seances",
    "mon_soutien_psy.seances_restantes",
    "mon_soutien_psy.tarif_seance",
    "mon_soutien_psy.part_assurance_maladie",
    "mon_soutien_psy.reste_a_charge",
]


def body(every: bool) -> bytes:
    data: dict[str, Any] = {"date": DATE, "situation": json.loads(SITUATION.read_text())}
    if not every:
        data["conclusions"] = PSY
    return json.dumps(data).encode()


def evaluation_alone(payload: bytes, count: int) -> float:
    """Median seconds of what `/v1/evaluate` does besides HTTP: parse and check the body,
    evaluate, write the JSON answer."""
    from alinea.engine import load
    from alinea.service.api import EVALUATE
    from alinea.service.bodies import Reader, parse

    base = load()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        value, text = parse(payload)
        reader = Reader(base, value, text, EVALUATE)
        day, facts, only = reader.date(), reader.situation(), reader.names("conclusions")
        reader.done()
        assert day is not None
        result = base.evaluate_facts(facts, date=day, only=only)
        json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":"))
        times.append(time.perf_counter() - start)
    return statistics.median(times[count // 10 :])


class Server:
    def __init__(self, workers: int, alinea: Path = ALINEA) -> None:
        self.start = time.monotonic()
        self.process = subprocess.Popen(
            [str(alinea), "serve", "--port", "0", "--workers", str(workers)],
            cwd=ROOT,
            env=BYTECODE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stderr is not None
        for _ in range(5):
            line = self.process.stderr.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
                return
        raise SystemExit(f"le service n'a pas démarré : {line}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        if self.process.stderr:
            self.process.stderr.close()


def request(port: int, payload: bytes, path: str = "/v1/evaluate") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode() + payload


async def ready(port: int, start: float, seconds: float = 60) -> float:
    """Seconds from `start` until `/health` answers."""
    while time.monotonic() < start + seconds:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            head = await reader.read(12)
            writer.close()
            if head.startswith(b"HTTP/1.1 200"):
                return time.monotonic() - start
        except OSError:
            pass
        await asyncio.sleep(0.01)
    raise SystemExit("le service ne répond pas à /health")


async def load(
    port: int, raw: bytes, total: int, connections: int, seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.monotonic() + seconds

    async def connection() -> None:
        nonlocal sent, errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while sent < total and time.monotonic() < deadline:
                sent += 1
                start = time.perf_counter()
                writer.write(raw)
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length: (\d+)", head).group(1))  # type: ignore[union-attr]
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                if not head.startswith(b"HTTP/1.1 200"):
                    errors += 1
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000,
    }


def show(label: str, found: dict[str, Any]) -> None:
    print(
        f"  {label:<26} {found['requests']:>6} requêtes, {found['errors']} erreur(s), "
        f"{found['rps']:>7.0f} req/s, p50 {found['p50']:.2f} ms, p99 {found['p99']:.2f} ms",
        flush=True,
    )


def start_up(alinea: Path) -> float:
    """Seconds from launching `alinea serve` (one worker) to its first `/health` answer."""
    server = Server(1, alinea)
    try:
        return asyncio.run(ready(server.port, server.start))
    finally:
        server.stop()


def start_ups(count: int, other: Path | None) -> None:
    executables = [ALINEA, *([other] if other else [])]
    found: dict[Path, list[float]] = {alinea: [] for alinea in executables}
    for alinea in executables:
        start_up(alinea)  # writes the parse cache, as the first start of a rule base does
    for _ in range(count):
        for alinea in executables:
            found[alinea].append(start_up(alinea))
    for alinea, times in found.items():
        print(
            f"{'A' if alinea == ALINEA else 'B'} {alinea} : démarrage jusqu'à /health, médiane "
            f"{statistics.median(times):.3f} s (de {min(times):.3f} à {max(times):.3f})"
        )
    if other:
        ratios = [a / b for a, b in zip(found[ALINEA], found[other], strict=True)]
        low, high = min(ratios), max(ratios)
        print(f"A/B : médiane {statistics.median(ratios):.2f} (de {low:.2f} à {high:.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sequential", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=60, help="au plus, par mesure")
    parser.add_argument("--toutes", action="store_true", help="toutes les conclusions")
    parser.add_argument("--demarrage", type=int, metavar="N", help="mesurer N démarrages, seuls")
    parser.add_argument("--contre", type=Path, help="avec --demarrage : un autre alinea, comparé")
    parser.add_argument("--sans-bytecode", action="store_true", help="voir bench_cli.py")
    options = parser.parse_args()
    if options.sans_bytecode:
        BYTECODE.update(environment(no_bytecode=True))
        for alinea in [ALINEA, *([options.contre] if options.contre else [])]:
            forget_bytecode(alinea)
    if options.demarrage:
        print(f"charge de la machine : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        start_ups(options.demarrage, options.contre)
        print(f"charge de la machine : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0
    payload = body(options.toutes)
    print(f"charge de la machine : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    alone = evaluation_alone(payload, 2_000)
    what = "toutes les conclusions" if options.toutes else f"{len(PSY)} conclusions Mon soutien psy"
    print(f"évaluation seule ({what}, même corps) : médiane {alone * 1000:.2f} ms")
    for workers in options.workers:
        server = Server(workers)
        try:
            started = asyncio.run(ready(server.port, server.start))
            print(f"{workers} processus (répond {started:.2f} s après le lancement) :")
            raw = request(server.port, payload)
            one = asyncio.run(load(server.port, raw, options.sequential, 1, options.seconds))
            show("une connexion", one)
            print(f"  {'surcoût du serveur à p50':<26} {one['p50'] - alone * 1000:.2f} ms")
            many = asyncio.run(
                load(server.port, raw, options.requests, options.concurrency, options.seconds)
            )
            show(f"{options.concurrency} connexions", many)
        finally:
            server.stop()
    print(f"charge de la machine : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
