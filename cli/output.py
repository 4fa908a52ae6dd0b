"""How the CLI writes: results on stdout, diagnostics on stderr."""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from ..dsl.diagnostics import render_all
from ..dsl.errors import Diagnostic
from ..engine import Conclusion
from ..engine.compiler.loader import read_source
from ..engine.domain.values import short_date
from ..engine.explain.explanation import gap_text


def print_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    print(render_all(diagnostics, read_source), file=sys.stderr)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_report(
    arguments: Any, data: Callable[[], Any], text: Callable[[], str], markdown: Callable[[], str]
) -> None:
    """A report as its command was asked for it: `--json`, `--markdown`, or text."""
    if arguments.json:
        print_json(data())
    elif arguments.markdown:
        sys.stdout.write(markdown())
    else:
        sys.stdout.write(text())


CHANGES = 1
"""The exit code of a diff that finds a change (as `diff`: 0 when nothing changes)."""


class Report(Protocol):
    """A diff's report: whether something changed, and its JSON."""

    @property
    def changed(self) -> bool: ...

    def to_json(self) -> Any: ...


R = TypeVar("R", bound=Report)


def print_diff(
    arguments: Any, report: R, text: Callable[[R], str], markdown: Callable[[R], str]
) -> int:
    """`report` as asked (`print_report`); the exit code says whether something changed."""
    print_report(arguments, report.to_json, lambda: text(report), lambda: markdown(report))
    return CHANGES if report.changed else 0


def warn_not_covered(conclusions: Iterable[Conclusion], day: datetime.date) -> None:
    """One line on stderr per conclusion the rule base does not cover: a reader of stdout
    (or of the JSON) who misses the status still sees that the answer is not the law's."""
    for conclusion in conclusions:
        if conclusion.status == "non_couvert":
            gap = gap_text(conclusion.gaps[0])
            print(
                f"alinea : attention : {conclusion.name} est non couvert au {short_date(day)} "
                f"— {gap}",
                file=sys.stderr,
            )
