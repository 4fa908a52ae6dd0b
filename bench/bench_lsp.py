"""Benchmark of the language server (issue 13 targets), run by `make bench`.

The real server (`alinea lsp`) is started over stdio, as an editor starts it, with the
whole bundled base open:

1. diagnostics: an edit of one value in the largest rule file (`didChange`, incremental, as
   editors send it), timed until the server publishes that version's diagnostics (the
   edited block re-parsed, the whole base compiled again, every file's diagnostics);
2. hover: on a parameter of that file, until the answer;
3. memory: the server's resident memory once the whole base is open and checked, hovered
   and tokenised (its index built), and its peak.

Targets: diagnostics ≤ 50 ms and hover ≤ 10 ms (medians).

    .venv/bin/python bench/bench_lsp.py
    .venv/bin/python bench/bench_lsp.py --contre /tmp/main/.venv/bin/python --tours 2

With `--contre PYTHON` the server of another installation (its interpreter) runs too, in
turn with this one (A B A B … for `--tours` rounds), and the medians of each are printed
side by side, with the server CPU time per edit: on a shared machine the wall time says
as much about the neighbours as about alinea. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-12-01"
EDITS = 40
HOVERS = 200
WAIT = 120.0


class Client(LanguageClient):
    """A client that wakes whoever waits for a document's diagnostics."""

    def __init__(self) -> None:
        super().__init__("bench-lsp", "1")
        self.versions: dict[str, int | None] = {}
        self.arrived = asyncio.Event()

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.versions[params.uri] = params.version
            self.arrived.set()

    async def until(self, uri: str, version: int | None = None) -> None:
        """Wait for diagnostics of `uri` (of this version, when given)."""

        async def wait() -> None:
            while uri not in self.versions or (
                version is not None and self.versions[uri] != version
            ):
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(wait(), WAIT)


def uri(path: Path) -> str:
    found = from_fs_path(str(path))
    assert found is not None
    return found


def memory(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of a process, in MiB (Linux)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cpu(pid: int) -> float:
    """CPU time a process has used, in seconds (Linux): on a shared machine, what a quiet
    one would take, about."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def largest(base: Path) -> Path:
    return max(base.glob("*.alinea"), key=lambda path: path.stat().st_size)


def value_edit(text: str) -> tuple[int, int]:
    """The place (0-based line, column) of the first digit of the first value line of a
    parameter: the edit changes that digit, as typing an amount does."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        if line.startswith("  ") and stripped[:1].isdigit() and "€" in line:
            return number, len(line) - len(stripped)
    raise SystemExit("aucune ligne de valeur dans le fichier le plus grand")


def hover_place(text: str) -> types.Position:
    """A use of a parameter in the file (the first name after `= arrondi`)."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        found = line.find("css.plafond_personne_seule *")
        if found >= 0:
            return types.Position(line=number, character=found + 4)
    raise SystemExit("css.plafond_personne_seule n'est pas lu dans css.alinea")


def ms(values: list[float]) -> str:
    values = sorted(values)
    p90 = values[int(len(values) * 0.9) - 1]
    return f"median {statistics.median(values) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms"


Figures = dict[str, list[float]]


async def run(base: Path, python: str, figures: Figures) -> None:
    """One session of the server of `python`: its figures added to `figures`."""
    client = Client()
    command = [python, "-m", "alinea.cli", "lsp", "--date", DATE]
    await client.start_io(*command)
    assert client._server is not None
    pid = client._server.pid
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=uri(base.parent),
            initialization_options={"delai": 0},
        )
    )
    client.initialized(types.InitializedParams())
    files = sorted(base.glob("*.alinea"))
    start = time.perf_counter()
    for path in files:
        item = types.TextDocumentItem(
            uri=uri(path), language_id="alinea", version=1, text=path.read_text(encoding="utf-8")
        )
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    for path in files:
        await client.until(uri(path), 1)
    opened = time.perf_counter() - start
    figures.setdefault("open", []).append(opened)
    print(f"  open the whole base ({len(files)} files, first check): {opened * 1000:.0f} ms")

    target = largest(base)
    text = target.read_text(encoding="utf-8")
    document = types.TextDocumentIdentifier(uri=uri(target))
    line, column = value_edit(text)
    original = text.split("\n")[line][column]
    where = types.Range(
        start=types.Position(line=line, character=column),
        end=types.Position(line=line, character=column + 1),
    )
    changes: list[float] = []
    used = cpu(pid)
    for version in range(2, EDITS + 2):
        digit = original if version % 2 else str((int(original) + 1) % 10)
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document.uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=digit)],
        )
        start = time.perf_counter()
        client.text_document_did_change(params)
        await client.until(document.uri, version)
        changes.append(time.perf_counter() - start)
    used = (cpu(pid) - used) / EDITS
    figures.setdefault("change", []).append(statistics.median(changes))
    figures.setdefault("change cpu", []).append(used)
    print(
        f"  didChange -> publishDiagnostics, {target.name} ({len(text.encode()) // 1024} KB), "
        f"{EDITS} edits: {ms(changes)}, server CPU {used * 1000:.1f} ms per edit "
        "(target <= 50 ms)"
    )

    at = hover_place(text)
    hovers: list[float] = []
    used = cpu(pid)
    for _ in range(HOVERS):
        start = time.perf_counter()
        found = await client.text_document_hover_async(
            types.HoverParams(text_document=document, position=at)
        )
        hovers.append(time.perf_counter() - start)
        assert found is not None
    used = (cpu(pid) - used) / HOVERS
    figures.setdefault("hover", []).append(statistics.median(hovers))
    figures.setdefault("hover cpu", []).append(used)
    print(
        f"  hover, {HOVERS} requests: {ms(hovers)}, server CPU {used * 1000:.1f} ms per hover "
        "(target <= 10 ms)"
    )

    await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=document)
    )
    resident, peak = memory(pid)
    figures.setdefault("memory", []).append(resident)
    print(f"  server memory, whole base open: {resident:.0f} MiB resident, {peak:.0f} MiB peak")

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--contre", help="l'interpréteur Python d'une autre installation")
    options.add_argument("--tours", type=int, default=1, help="sessions de chaque serveur")
    arguments = options.parse_args()
    servers = {"A (ici)": sys.executable}
    if arguments.contre:
        servers["B (contre)"] = arguments.contre
    figures: dict[str, Figures] = {name: {} for name in servers}
    print(f"load average: {load()}")
    with tempfile.TemporaryDirectory() as where:
        base = Path(where) / "regles"
        shutil.copytree(ROOT / "regles", base)
        for _ in range(arguments.tours):
            for number, (name, python) in enumerate(servers.items()):
                os.environ["ALINEA_CACHE_DIR"] = str(Path(where) / f"cache-{number}")
                print(f"{name}: {python}")
                asyncio.run(run(base, python, figures[name]))
    if len(servers) > 1 or arguments.tours > 1:
        print("medians of the sessions:")
        for name, found in figures.items():
            shown = ", ".join(
                f"{what} {statistics.median(values) * (1 if what == 'memory' else 1000):.1f}"
                for what, values in found.items()
            )
            print(f"  {name}: {shown} (ms; memory MiB)")
    print(f"load average: {load()}")


if __name__ == "__main__":
    main()
