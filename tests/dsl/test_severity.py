"""Warnings are rendered and counted apart from errors."""

from __future__ import annotations

import pytest

from alinea.dsl.diagnostics import render, summary
from alinea.dsl.errors import Diagnostic, Severity, Span

ERROR = Diagnostic("E201", "nom inconnu « x »")
WARNING = Diagnostic(
    "W701", "couverture courte", Span("a.alinea", 3, 1, 3, 5), None, (), Severity.WARNING
)


def test_a_warning_is_labelled_as_such() -> None:
    assert render(WARNING) == "a.alinea:3:1: warning[W701]: couverture courte"
    assert not WARNING.is_error
    assert ERROR.is_error


@pytest.mark.parametrize(
    ("diagnostics", "expected"),
    [
        ([], "0 erreur"),
        ([ERROR], "1 erreur"),
        ([ERROR, ERROR], "2 erreurs"),
        ([WARNING], "1 avertissement"),
        ([ERROR, WARNING, WARNING], "1 erreur, 2 avertissements"),
    ],
)
def test_the_summary_counts_errors_and_warnings(
    diagnostics: list[Diagnostic], expected: str
) -> None:
    assert summary(diagnostics) == expected
