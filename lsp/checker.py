"""When the bases are checked: after each change, coalesced, never two at once.

A check runs in a worker thread, so the server answers hovers and completions while a
large file is parsed. Changes that arrive while a base is being checked are coalesced: when
the check ends, one more runs on the latest texts — so a burst of keystrokes costs at most
two checks, and the diagnostics published are those of the last text. An optional delay
(`delai` in the client's initialization options, in milliseconds) waits for the typing to
pause before checking.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs

from . import engine
from .workspace import Base, Snapshot

log = logging.getLogger(__name__)

Opened = Callable[[Base], Mapping[Path, tuple[str, int | None]]]
"""The open documents of a base: text and version of each."""
Publish = Callable[[Snapshot, Mapping[Path, int | None]], None]
"""Publish the diagnostics of a check, made on these versions of the open documents."""


@attrs.define
class _State:
    base: Base
    snapshot: Snapshot | None = None
    dirty: bool = False
    task: asyncio.Task[None] | None = None


class Checker:
    """The bases of the open documents, each with its latest check."""

    def __init__(
        self, day: datetime.date, opened: Opened, publish: Publish, delay: float = 0.0
    ) -> None:
        self.day = day
        self.delay = delay
        self._opened = opened
        self._publish = publish
        self._states: dict[Path, _State] = {}
        self._keys: dict[Path, Path] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alinea-check")

    def base_of(self, path: Path) -> Base:
        return self._state(path).base

    def _state(self, path: Path) -> _State:
        key = self._keys.get(path)
        if key is None:
            root = engine.base_root(path)
            key = self._keys[path] = (root or path).resolve()
            if key not in self._states:
                self._states[key] = _State(Base(root, None if root else path))
        return self._states[key]

    def moved(self) -> None:
        """Documents were opened or closed, or files changed on disk: find each file's base
        again (looking for a base walks up the folders, too slow to do on every keystroke,
        and a file's base changes only when folders do)."""
        self._keys.clear()
        for state in self._states.values():
            state.base.moved()

    def changed(self, path: Path) -> None:
        """A document of this base was opened, edited, saved or closed: check it again."""
        state = self._state(path)
        state.dirty = True
        if state.task is None or state.task.done():
            state.task = asyncio.get_running_loop().create_task(self._run(state))

    def latest(self, path: Path) -> Snapshot | None:
        """The last check of the base of `path`, as it is (a check may be under way)."""
        return self._state(path).snapshot

    async def current(self, path: Path) -> Snapshot | None:
        """The check of the base of `path` once the one pending is done (None if the
        check failed)."""
        state = self._state(path)
        if state.snapshot is None and (state.task is None or state.task.done()):
            self.changed(path)
        while state.task is not None and not state.task.done():
            await asyncio.shield(state.task)
        return state.snapshot

    async def _run(self, state: _State) -> None:
        loop = asyncio.get_running_loop()
        while state.dirty:
            if self.delay:
                await asyncio.sleep(self.delay)
            state.dirty = False
            opened = dict(self._opened(state.base))
            texts = {path: text for path, (text, _) in opened.items()}
            try:
                snapshot = await loop.run_in_executor(
                    self._worker, state.base.check, texts, self.day
                )
            except Exception:  # a defect of alinea: say it, keep serving
                log.error("vérification impossible (défaut d'alinea) :\n%s", traceback.format_exc())
                continue
            state.snapshot = snapshot
            self._publish(snapshot, {path: version for path, (_, version) in opened.items()})

    def snapshots(self) -> list[Snapshot]:
        """The last check of every base."""
        return [state.snapshot for state in self._states.values() if state.snapshot is not None]

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
