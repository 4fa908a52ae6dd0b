"""Coverage of a rule base by golden cases, read from the evaluation traces."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from alinea.engine import RuleBase, load
from alinea.engine.compiler.loader import display
from alinea.engine.testing import golden
from alinea.engine.testing.coverage import Coverage

AIDE = Path(__file__).parents[2] / "fixtures" / "aide"


@pytest.fixture(scope="module")
def aide() -> RuleBase:
    return load(AIDE / "regles", cache=False)


def record(base: RuleBase, coverage: Coverage, name: str) -> None:
    for case in golden.load(AIDE / "golden" / name):
        outcome = golden.run(base, case)
        assert outcome.passed
        coverage.record(c.trace for c in outcome.conclusions)


def missed(coverage: Coverage) -> list[tuple[int, str]]:
    return [(t.span.line, t.problem()) for t in coverage.report().missed()]


def test_before_any_case_only_the_outermost_targets_are_listed(aide: RuleBase) -> None:
    coverage = Coverage(aide.program)
    assert not any(t.covered for t in coverage.targets)
    assert missed(coverage) == [
        (21, "règle jamais évaluée : aide.eligible"),
        (
            42,
            "valeur de paramètre jamais utilisée : "
            "aide.plafond_base = 10000 € du 2020-01-01 au 2022-12-31",
        ),
        (43, "valeur de paramètre jamais utilisée : aide.plafond_base = 12000 € depuis 2023-01-01"),
        (45, "règle jamais évaluée : aide.coefficient"),
        (55, "règle jamais évaluée : aide.montant"),
        (66, "règle jamais évaluée : aide.pieces"),
    ]


def test_cases_rows_exceptions_and_conditions_are_read_from_the_traces(aide: RuleBase) -> None:
    coverage = Coverage(aide.program)
    record(aide, coverage, "reussis.yaml")
    assert missed(coverage) == [
        (23, "condition jamais fausse : « majeur »"),
        (24, "condition jamais fausse : « resident »"),
        (25, "cas jamais retenu : sinon faux"),
        (34, "condition jamais vraie : « boursier »"),
        (35, "condition jamais fausse : « resident »"),
        (
            42,
            "valeur de paramètre jamais utilisée : "
            "aide.plafond_base = 10000 € du 2020-01-01 au 2022-12-31",
        ),
        (48, "ligne de barème jamais retenue : de 2 à 4 : 1.5"),
        (49, "ligne de barème jamais retenue : 5 ou plus : 2"),
        (58, "cas jamais retenu : sinon 500 €"),
        (59, "exception jamais appliquée : sauf 800 € si boursier"),
        (64, "cas jamais retenu : 900 € si taille_foyer = 5"),
        (66, "règle jamais évaluée : aide.pieces"),
    ]
    report = coverage.report()
    assert sum(t.covered for t in report.targets) == 16
    assert len(report.targets) == 30


def test_a_rule_asked_for_when_no_version_is_in_force_is_not_exercised(aide: RuleBase) -> None:
    coverage = Coverage(aide.program)
    result = aide.evaluate_facts({}, date=datetime.date(2019, 1, 1), only=["aide.eligible"])
    assert result["aide.eligible"].status == "non_couvert"
    coverage.record([result["aide.eligible"].trace])
    assert not any(t.covered for t in coverage.targets)


def test_the_text_gives_a_total_a_share_per_kind_and_the_located_gaps(aide: RuleBase) -> None:
    coverage = Coverage(aide.program)
    record(aide, coverage, "reussis.yaml")
    lines = coverage.report().text().splitlines()
    shown = display(AIDE / "regles" / "aide.alinea")  # as the loader names it in spans
    assert lines[:4] == [
        "Couverture : 16 sur 30 (53,3 %)",
        "  règles 3/4, versions 2/2, valeurs de paramètre 1/2, cas 5/8, lignes de barème 1/3, "
        "éléments de liste 0/2, exceptions 1/2, conditions 3/7",
        "",
        f"{shown} : 16 sur 30 (53,3 %)",
    ]
    assert lines[4] == f"  {shown}:23: condition jamais fausse : « majeur »"
