"""Diagnostics as JSON data: every part apart, a fact error's parts too, and the text."""

from __future__ import annotations

import json

from alinea.dsl.diagnostics import to_json
from alinea.dsl.errors import Diagnostic, FactDiagnostic, Note, Severity, Span


def test_every_part_of_a_diagnostic_and_its_rendered_text() -> None:
    diagnostic = Diagnostic(
        "E201",
        "nom inconnu « plafond_seance »",
        Span("x.alinea", 2, 5, 2, 19),
        "vouliez-vous dire « plafond_seances » ?",
        (Note("déclaré ici", Span("y.alinea", 1, 1, 1, 4)),),
        Severity.WARNING,
    )
    data = to_json(diagnostic, {"x.alinea": "a\n    plafond_seance\n"}.get)
    assert data == {
        "code": "E201",
        "severity": "warning",
        "message": "nom inconnu « plafond_seance »",
        "span": {"path": "x.alinea", "line": 2, "column": 5, "end_line": 2, "end_column": 19},
        "hint": "vouliez-vous dire « plafond_seances » ?",
        "notes": [
            {
                "message": "déclaré ici",
                "span": {
                    "path": "y.alinea",
                    "line": 1,
                    "column": 1,
                    "end_line": 1,
                    "end_column": 4,
                },
            }
        ],
        "text": "x.alinea:2:5: warning[E201]: nom inconnu « plafond_seance »\n"
        "   2 |     plafond_seance\n"
        "     |     ^^^^^^^^^^^^^^\n"
        "   = aide : vouliez-vous dire « plafond_seances » ?\n"
        "   = note : déclaré ici (y.alinea:1:1)",
    }


def test_a_fact_error_adds_its_fact_value_expectation_and_suggestion() -> None:
    diagnostic = FactDiagnostic(
        "S103",
        "m",
        None,
        None,
        fact="modalite_seance",
        value="video",
        expected="…",
        suggestion="visio",
    )
    data = to_json(diagnostic)
    assert (data["fact"], data["value"], data["expected"], data["suggestion"]) == (
        "modalite_seance",
        "video",
        "…",
        "visio",
    )
    assert data["span"] is None


def test_a_value_json_cannot_hold_is_written_as_text_and_deep_values_are_cut() -> None:
    deep: object = 1
    for _ in range(40):
        deep = [deep]
    diagnostic = FactDiagnostic("S102", "m", fact="x", value={"a": float("nan"), "b": deep})
    text = json.dumps(to_json(diagnostic)["value"], allow_nan=False, ensure_ascii=False)
    assert text.startswith('{"a": "nan", "b": [[[[')
    assert text.count("[") == 15 and '"…"' in text  # 16 levels, the object's included
