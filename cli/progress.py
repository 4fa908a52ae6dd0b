"""A progress bar on standard error for the long commands (`alinea batch`), drawn by rich
only when standard error is a terminal: a script or a test reading the output sees none (and
does not import rich).
It names the step under way (reading, computing, writing), pulses until the number of rows
is known, then counts the rows written; it is erased when the command ends."""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress as Bar

FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE")
"""The variables by which rich draws on what is not a terminal."""


class Progress:
    """`with Progress("lecture") as progress: progress.rows(n); progress.step("calcul");
    progress.advance(rows)`."""

    def __init__(self, label: str) -> None:
        self.bar: Bar | None = None
        if sys.stderr.isatty() or any(os.environ.get(name) for name in FORCING):
            self._draw(label)

    def _draw(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        console = Console(file=sys.stderr)
        if console.is_terminal:
            self.bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("reste"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self.task = self.bar.add_task(label, total=None)

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def rows(self, total: int) -> None:
        """The number of rows is known: the bar counts them from now on."""
        if self.bar is not None:
            self.bar.update(self.task, total=total)

    def step(self, label: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=label)

    def advance(self, rows: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, rows)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()
