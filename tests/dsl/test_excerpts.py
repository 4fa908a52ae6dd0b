"""Excerpts stay readable and cheap: a long line is cut around the caret."""

from __future__ import annotations

import time

from alinea.dsl.diagnostics import EXCERPT_WIDTH, render, render_all
from alinea.dsl.errors import Diagnostic, Span


def excerpt(source: str, line: int, column: int, end: int) -> list[str]:
    diagnostic = Diagnostic("S101", "m", Span("s.json", line, column, line, end))
    return render(diagnostic, lambda _: source).splitlines()[1:]


def test_a_short_line_is_shown_whole() -> None:
    assert excerpt('{"age": 3}\n', 1, 2, 7) == ['   1 | {"age": 3}', "     |  ^^^^^"]


def test_a_long_line_is_cut_around_the_caret() -> None:
    source = "a" * 5000 + "ERREUR" + "b" * 5000 + "\n"
    shown, caret = excerpt(source, 1, 5001, 5007)
    assert shown.startswith("   1 | …a") and shown.endswith("b…")
    assert len(shown) == len("   1 | ") + EXCERPT_WIDTH + 2
    assert caret.index("^") == shown.index("ERREUR")
    assert caret.count("^") == 6


def test_the_start_and_the_end_of_a_long_line_are_cut_on_one_side() -> None:
    source = "ERREUR" + "b" * 500 + "FIN\n"
    start, caret = excerpt(source, 1, 1, 7)
    assert start.startswith("   1 | ERREUR") and start.endswith("b…")
    assert caret == "     | ^^^^^^"
    end, caret = excerpt(source, 1, 507, 510)
    assert end.startswith("   1 | …b") and end.endswith("bFIN")
    assert caret.index("^") == end.index("FIN")


def test_many_diagnostics_in_one_large_text_render_in_linear_time() -> None:
    source = "".join(f"ligne {i}\n" for i in range(200_000))
    diagnostics = [
        Diagnostic("E201", "m", Span("a", i * 40 + 1, 1, i * 40 + 1, 6)) for i in range(5000)
    ]
    start = time.perf_counter()
    text = render_all(diagnostics, lambda _: source)
    assert time.perf_counter() - start < 10  # sanity bound: lines are indexed once per text
    assert "   39961 | ligne 39960" in text
