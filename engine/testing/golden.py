"""Golden cases: situations with the conclusions the law gives them, written by analysts.

A file holds one case or a list under `cas:`:

    description: Plafond de séances autour du décret n° 2025-424
    source: CSS R.162-65 ; décret n° 2025-424, art. 1er
    cas:
      - nom: veille du décret, huit séances
        date: 2025-05-15
        faits: {age: 30}
        attendu:
          mon_soutien_psy.plafond_seances: 8
          mon_soutien_psy.eligible: {statut: inconnu, manque: [affiliation_assurance_maladie]}
          mon_soutien_psy.tarif_seance: {statut: non_applicable}

An expected value is written as in a situation (30, "20.00", "60 %", "P1Y", [a, b]). A
conclusion the rule base does not cover at the date is `{statut: non_couvert}`, optionally
with the date the rule base stops (`couvert_jusqu_au: 2026-03-31`) or starts
(`couvert_depuis: 2016-01-01`), and `manque` for the facts that could still decide it.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ...dsl import source
from ...dsl.diagnostics import SourceReader, render
from ...dsl.errors import (
    AlineaError,
    Diagnostic,
    EvaluationError,
    GoldenError,
    SituationError,
    UsageError,
)
from ..compiler.loader import remember
from ..domain.outcomes import GapSide
from ..domain.types import Type
from ..domain.values import short_date
from ..explain.explanation import show
from ..files import Entry, entry
from ..inputs import reading as inputs
from ..inputs import situation as situations
from ..inputs import yaml_input
from ..inputs.reading import Codes, Kind, Located, Place
from ..result import Conclusion
from ..rulebase import RuleBase, parse_date

STATUSES = ("valeur", "inconnu", "non_applicable", "non_couvert")
EDGES = {"couvert_jusqu_au": GapSide.AFTER, "couvert_depuis": GapSide.BEFORE}
CASE_KEYS = ("nom", "date", "faits", "attendu", "description", "source")
FILE_KEYS = ("description", "source", "faits_communs", "cas")


@attrs.frozen
class Expectation:
    status: str
    value: Any = None
    missing: tuple[str, ...] | None = None
    edge: tuple[GapSide, datetime.date] | None = None


@attrs.frozen
class Case:
    path: str
    line: int
    name: str
    date: datetime.date
    facts: Mapping[str, Any]
    expected: Mapping[str, Expectation]
    description: str | None = None
    source: str | None = None
    places: Mapping[str, tuple[int, int, int]] = attrs.Factory(dict)

    @property
    def id(self) -> str:
        return f"{self.path}::{self.name}"


@attrs.frozen
class Mismatch:
    name: str
    expected: str
    actual: str
    conclusion: Conclusion | None


@attrs.frozen
class Outcome:
    """A case run: the conclusions that differ from what the analyst expected, or the errors
    that kept it from running; `conclusions` keeps every evaluated conclusion (for coverage)."""

    case: Case
    mismatches: tuple[Mismatch, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    conclusions: tuple[Conclusion, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.mismatches and not self.errors


def files(paths: Sequence[str | Path]) -> list[Path]:
    """The golden files under `paths` (files or folders), sorted; a usage error if none."""
    found: list[Path] = []
    for path in map(Path, paths):
        kind = entry(path)
        if kind is Entry.FOLDER:
            found.extend(sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")]))
        elif kind is Entry.FILE:
            found.append(path)
        else:
            raise UsageError([Diagnostic("G001", f"aucun fichier ni dossier « {path} »")])
    if not found:
        shown = ", ".join(str(p) for p in paths)
        raise UsageError([Diagnostic("G001", f"aucun fichier de cas (.yaml) sous {shown}")])
    return found


CODES: Codes = {
    Kind.TOO_LARGE: "G003",
    Kind.UNREADABLE: "G002",
    Kind.SYNTAX: "G002",
    Kind.DUPLICATE: "G004",
    Kind.ALIAS: "G005",
    Kind.NESTING: "S130",
}


def load(path: Path) -> list[Case]:
    """The cases of one golden file; a `GoldenError` locates any malformed case."""
    text = inputs.read(path, source.GOLDEN_LIMIT, CODES, GoldenError)
    remember(str(path), text)
    try:
        data = yaml_input.load(text)
    except inputs.Problem as unreadable:
        raise GoldenError([unreadable.diagnostic(CODES, str(path))]) from None
    if not isinstance(data, Located):
        raise GoldenError([_bad(path, (1, 1, 1), "un fichier de cas est un objet YAML")])
    if "cas" not in data:
        return [_case(path, data, Located(), CASE_KEYS)]
    _check_keys(path, data, FILE_KEYS, "du fichier")
    raw_cases = data["cas"]
    if not isinstance(raw_cases, list) or not raw_cases:
        problem = _bad(path, data.place("cas"), "« cas » doit être une liste de cas")
        raise GoldenError([problem])
    return [_case(path, raw, data, CASE_KEYS) for raw in raw_cases]


def _bad(path: Path, place: Place, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic("G002", message, inputs.span(str(path), place), hint)


def _check_keys(path: Path, raw: Located, allowed: Sequence[str], where: str) -> None:
    for key in raw:
        if key not in allowed:
            guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            message = f"clé inconnue « {key} » {where} ; clés possibles : {', '.join(allowed)}"
            hint = f"vouliez-vous dire « {guess[0]} » ?" if guess else None
            raise GoldenError([_bad(path, raw.place(key), message, hint)])


def _case(path: Path, raw: Any, file: Located, allowed: Sequence[str]) -> Case:
    if not isinstance(raw, Located):
        raise GoldenError([_bad(path, file.place("cas"), "un cas est un objet YAML")])
    line = raw.line
    _check_keys(path, raw, allowed, "dans un cas")
    for key in ("date", "attendu"):
        if key not in raw:
            raise GoldenError([_bad(path, raw.start, f"le cas n'a pas de « {key} »")])
    facts = _mapping(path, raw, "faits", required=False)
    expected = _mapping(path, raw, "attendu", required=True)
    try:
        day = parse_date(raw["date"])
    except UsageError as error:
        if error.diagnostics[0].code == "U020":
            found = error.diagnostics[0]
            span = inputs.span(str(path), raw.place("date"))
            raise GoldenError([attrs.evolve(found, code="S132", span=span)]) from None
        hint = "écrivez AAAA-MM-JJ"
        problem = _bad(path, raw.place("date"), f"date invalide « {raw['date']} »", hint)
        raise GoldenError([problem]) from None
    return Case(
        str(path),
        line,
        str(raw.get("nom") or f"ligne {line}"),
        day,
        dict(facts),
        {str(k): _expectation(v, path, expected.place(k)) for k, v in expected.items()},
        raw.get("description") or file.get("description"),
        raw.get("source") or file.get("source"),
        {str(k): facts.place(k) for k in facts} | {str(k): expected.place(k) for k in expected},
    )


def _mapping(path: Path, raw: Located, key: str, *, required: bool) -> Located:
    value = raw.get(key)
    if value is None and not required:
        return Located()
    if not isinstance(value, Located) or (required and not value):
        shown = " non vide" if required else ""
        message = f"« {key} » doit être un objet {{ nom: valeur, … }}{shown}"
        raise GoldenError([_bad(path, raw.place(key), message)])
    return value


def _expectation(value: Any, path: Path, place: Place) -> Expectation:
    if isinstance(value, dict) and "statut" in value:
        status = value["statut"]
        if status not in STATUSES:
            raise GoldenError(
                [
                    _bad(
                        path,
                        place,
                        f"statut « {status} » inconnu ; attendu : {', '.join(STATUSES)}",
                    )
                ]
            )
        missing = value.get("manque")
        if missing is not None and not isinstance(missing, list):
            raise GoldenError([_bad(path, place, "« manque » doit être une liste de faits")])
        edge = _edge(value, status, path, place)
        return Expectation(
            status, value.get("valeur"), None if missing is None else tuple(missing), edge
        )
    return Expectation("valeur", value)


def _edge(
    value: dict[str, Any], status: str, path: Path, place: Place
) -> tuple[GapSide, datetime.date] | None:
    """`couvert_jusqu_au` or `couvert_depuis` of a non-covered expectation, checked."""
    given = [key for key in EDGES if key in value]
    if not given:
        return None
    if status != "non_couvert" or len(given) > 1:
        message = f"« {given[0]} » ne va qu'avec « statut: non_couvert », et seul"
        hint = "écrivez {statut: non_couvert, couvert_jusqu_au: AAAA-MM-JJ}"
        raise GoldenError([Diagnostic("G020", message, inputs.span(str(path), place), hint)])
    raw = value[given[0]]
    try:
        day = parse_date(raw)
    except UsageError:
        message = f"date invalide « {raw} » pour « {given[0]} »"
        problem = Diagnostic("G021", message, inputs.span(str(path), place), "écrivez AAAA-MM-JJ")
        raise GoldenError([problem]) from None
    return EDGES[given[0]], day


def run(base: RuleBase, case: Case) -> Outcome:
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
        return Outcome(case, errors=tuple(errors))
    try:
        result = base.evaluate_facts(facts, date=case.date, only=list(case.expected))
        conclusions = tuple(result[name] for name in case.expected)
    except EvaluationError as error:
        return Outcome(case, errors=error.diagnostics)
    mismatches = []
    for conclusion in conclusions:
        problem = _compare(case.expected[conclusion.name], conclusion)
        if problem is not None:
            mismatches.append(Mismatch(conclusion.name, problem[0], problem[1], conclusion))
    return Outcome(case, tuple(mismatches), conclusions=conclusions)


def _located(error: AlineaError, case: Case, key: str) -> list[Diagnostic]:
    here = inputs.span(case.path, case.places.get(key, (case.line, 1, 1)))
    return [attrs.evolve(d, span=d.span or here) for d in error.diagnostics]


def report(outcome: Outcome, read: SourceReader | None = None) -> str:
    """A failed case as an analyst reads it: where, when, what was expected, what came out
    and why (the explanation of each wrong conclusion)."""
    case = outcome.case
    lines = [f"{case.path}:{case.line}: cas « {case.name} » au {case.date.isoformat()}"]
    if case.description:
        lines.append(f"  {case.description}")
    if case.source:
        lines.append(f"  source : {case.source}")
    for diagnostic in outcome.errors:
        lines.extend("  " + row for row in render(diagnostic, read).splitlines())
    for mismatch in outcome.mismatches:
        lines.append(f"  {mismatch.name} : attendu {mismatch.expected}, obtenu {mismatch.actual}")
        if mismatch.conclusion is not None:
            explanation = mismatch.conclusion.explain().splitlines()[1:]  # the date is above
            lines.extend("    " + row for row in explanation)
    return "\n".join(lines)


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


def load_all(paths: Iterable[str | Path]) -> list[Case]:
    return [case for file in files(list(paths)) for case in load(file)]
