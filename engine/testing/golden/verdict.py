"""Running a golden case and comparing what the engine gives with what the analyst wrote."""

from __future__ import annotations

import attrs

from ....dsl.errors import (
    AlineaError,
    Diagnostic,
    EvaluationError,
    SituationError,
    UsageError,
)
from ...domain.outcomes import GapSide
from ...domain.types import Type
from ...domain.values import short_date
from ...explain.explanation import show
from ...inputs import reading as inputs
from ...inputs import situation as situations
from ...result import Conclusion
from ...rulebase import RuleBase
from .cases import Expectation, GoldenCase


@attrs.frozen
class Mismatch:
    name: str
    expected: str
    actual: str
    conclusion: Conclusion | None


@attrs.frozen
class Verdict:
    """A case run: the conclusions that differ from what the analyst expected, or the errors
    that kept it from running; `conclusions` keeps every evaluated conclusion (for coverage)."""

    case: GoldenCase
    mismatches: tuple[Mismatch, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    conclusions: tuple[Conclusion, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.mismatches and not self.errors


def run(base: RuleBase, case: GoldenCase) -> Verdict:
    """Evaluate a case and compare every expected conclusion; errors become part of the
    outcome, located at the fact or conclusion of the golden file they come from."""
    facts: dict[str, object] = {}
    errors: list[Diagnostic] = []
    for name, value in case.facts.items():
        try:
            facts.update(base.facts_from({name: value}))
        except SituationError as error:
            errors.extend(_located(error, case, name))
    for name in case.expected:
        try:
            base.resolve([name])
        except UsageError as error:
            errors.extend(_located(error, case, name))
    if errors:
        return Verdict(case, errors=tuple(errors))
    try:
        result = base.evaluate_facts(facts, date=case.date, only=list(case.expected))
        conclusions = tuple(result[name] for name in case.expected)
    except EvaluationError as error:
        return Verdict(case, errors=error.diagnostics)
    mismatches = []
    for conclusion in conclusions:
        problem = _compare(case.expected[conclusion.name], conclusion)
        if problem is not None:
            mismatches.append(Mismatch(conclusion.name, problem[0], problem[1], conclusion))
    return Verdict(case, tuple(mismatches), conclusions=conclusions)


def _located(error: AlineaError, case: GoldenCase, key: str) -> list[Diagnostic]:
    here = inputs.span(case.path, case.places.get(key, (case.line, 1, 1)))
    return [attrs.evolve(d, span=d.span or here) for d in error.diagnostics]


def _compare(expected: Expectation, conclusion: Conclusion) -> tuple[str, str] | None:
    actual = _describe(conclusion)
    if expected.status != conclusion.status:
        return _expected_text(expected, conclusion.type), actual
    if expected.status in {"inconnu", "non_couvert"}:
        if expected.missing is not None and set(expected.missing) != set(conclusion.missing):
            return _expected_text(expected, conclusion.type), actual
        if expected.edge is not None:
            first = conclusion.gaps[0]
            if (first.side, first.edge) != expected.edge:
                return _expected_text(expected, conclusion.type), actual
        return None
    if expected.status == "valeur" and conclusion.type is not None:
        wanted = situations.convert(expected.value, conclusion.type)
        if isinstance(wanted, situations.Problem) or wanted != conclusion.value:
            return _expected_text(expected, conclusion.type), actual
    return None


def _describe(conclusion: Conclusion) -> str:
    shown = show(conclusion.trace.value, conclusion.type)
    if conclusion.missing:
        words = "pourrait être décidé par" if conclusion.status == "non_couvert" else "il manque"
        shown += f" ({words} : {', '.join(conclusion.missing)})"
    return shown


_EDGE_TEXT = {GapSide.AFTER: "couvert jusqu'au", GapSide.BEFORE: "couvert depuis le"}


def _expected_text(expected: Expectation, type_: Type | None) -> str:
    if expected.status == "inconnu":
        missing = f" (il manque : {', '.join(expected.missing)})" if expected.missing else ""
        return "inconnu" + missing
    if expected.status == "non_applicable":
        return "non applicable"
    if expected.status == "non_couvert":
        details = []
        if expected.edge is not None:
            side, day = expected.edge
            details.append(f"{_EDGE_TEXT[side]} {short_date(day)}")
        if expected.missing:
            details.append(f"pourrait être décidé par : {', '.join(expected.missing)}")
        return "non couvert" + (f" ({' ; '.join(details)})" if details else "")
    converted = situations.convert(expected.value, type_) if type_ else expected.value
    if isinstance(converted, situations.Problem):
        return f"{expected.value!r} (valeur illisible : {converted.expected} attendu)"
    return show(converted, type_)
