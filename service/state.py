"""What the service keeps between requests: the rule base in force, its documentation site,
and, with `--reload`, the watch over its files.

A request reads `Service.base` once, at its start, and uses that object to its end; a reload
compiles the new files in a worker thread and replaces the attribute whole, so the requests in
flight finish with the rules they started with and none is dropped. Rules that no longer
compile leave the old base in force, and `/health` says why.
"""

from __future__ import annotations

import datetime
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

from ..dsl.diagnostics import render_all
from ..dsl.errors import AlineaError, Diagnostic
from ..engine import RuleBase
from . import adapter

RELOAD_INTERVAL = 1.0
"""Seconds between two looks at the rule files, with `--reload`."""

Fingerprint = tuple[tuple[str, int, int], ...]


class Service:
    """The state shared by the requests of one worker process."""

    def __init__(
        self,
        base: RuleBase,
        *,
        today: Callable[[], datetime.date],
        paths: Sequence[str] | None = None,
        reload: bool = False,
    ) -> None:
        self.base = base
        self.today = today
        self.paths = list(paths) if paths else None
        self.reload = reload
        self.generation = 1
        self.reload_problems: tuple[Diagnostic, ...] = ()
        self.doc = DocSite()
        self.schema: tuple[int, dict[str, Any]] | None = None
        """The OpenAPI document of `generation`, written on the first request for it."""
        self._seen = fingerprint(self.paths) if reload else ()

    async def watch(self) -> None:
        """Reload the rules whenever their files change (until cancelled)."""
        while True:
            await anyio.sleep(RELOAD_INTERVAL)
            await self.reload_if_changed()

    async def reload_if_changed(self) -> bool:
        """Compile the rule files again if they changed since the last look; True when a
        new base is in force."""
        try:
            seen = fingerprint(self.paths)
        except AlineaError as error:  # the folder is gone: keep what is in force
            self._refused(error.diagnostics)
            return False
        if seen == self._seen:
            return False
        self._seen = seen
        try:
            base = await anyio.to_thread.run_sync(load, self.paths)
        except AlineaError as error:
            self._refused(error.diagnostics)
            return False
        self.base = base
        self.generation += 1
        self.reload_problems = ()
        self.doc.forget()
        count = len(base.program.modules)
        files = f"{count} fichier{'s' if count > 1 else ''}"
        print(f"alinea : règles rechargées ({files})", file=sys.stderr, flush=True)
        return True

    def _refused(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.reload_problems = tuple(diagnostics)
        print(
            "alinea : rechargement refusé, les règles précédentes restent en vigueur :\n"
            + render_all(diagnostics, adapter.read_source),
            file=sys.stderr,
            flush=True,
        )

    def close(self) -> None:
        self.doc.forget()


def load(paths: Sequence[str] | None) -> RuleBase:
    """The rule base of `paths` as every command chooses it (`engine.bases.select`)."""
    return RuleBase(adapter.load_files(adapter.select(paths).files))


def fingerprint(paths: Sequence[str] | None) -> Fingerprint:
    """The rule files of `paths` with their modification time and size: a file added,
    removed or written changes it."""
    found = []
    for path in adapter.select(paths).files:
        try:
            status = path.stat()
        except OSError:
            found.append((str(path), -1, -1))
            continue
        found.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(found)


class DocSite:
    """The site of `alinea doc`, drawn on the first request under `/doc/` (Graphviz takes
    seconds, a start-up must not) into a temporary folder, and again after a reload."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._site: Path | None = None
        self._lock = anyio.Lock()

    async def folder(self, program: adapter.Program, day: datetime.date) -> Path:
        async with self._lock:
            if self._site is None:
                folder = Path(tempfile.mkdtemp(prefix="alinea-doc-"))
                site = folder / "site"
                try:
                    await anyio.to_thread.run_sync(adapter.build_site, program, site, day)
                except BaseException:
                    shutil.rmtree(folder, ignore_errors=True)
                    raise
                self._folder, self._site = folder, site
            return self._site

    def forget(self) -> None:
        """Remove the site drawn so far; the next request draws the new rules'."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = self._site = None
