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

An expected value is written as in a situation (30, "20.00", "60 %", "P1Y", [a, b]).
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from ..dsl.errors import Diagnostic, SituationError, Span
from . import situation as situations
from .explanation import show
from .result import Conclusion
from .rulebase import RuleBase, parse_date
from .types import Type

STATUSES = {"valeur", "inconnu", "non_applicable"}
CASE_KEYS = {"nom", "date", "faits", "attendu", "description", "source", "__line__"}


@attrs.frozen
class Expectation:
    status: str
    value: Any = None
    missing: tuple[str, ...] | None = None


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
    case: Case
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        return not self.mismatches


def files(paths: Sequence[str | Path]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")]))
        elif path.is_file():
            found.append(path)
        else:
            raise SituationError([Diagnostic("G001", f"aucun fichier ni dossier « {path} »")])
    return found


class _LineLoader(yaml.SafeLoader):
    """Records the line of each case so a failure points at it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    return data  # type: ignore[return-value]


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load(path: Path) -> list[Case]:
    """The cases of one golden file; a `SituationError` locates any malformed case."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise SituationError(
            [Diagnostic("G002", f"YAML invalide : {exc}", Span(str(path), line, 1, line, 2))]
        ) from None
    if not isinstance(data, dict):
        raise SituationError([_bad(path, 1, "un fichier de cas est un objet YAML")])
    raw_cases = data.get("cas", [data])
    if not isinstance(raw_cases, list):
        raise SituationError([_bad(path, data["__line__"], "« cas » doit être une liste")])
    return [_case(path, raw, data) for raw in raw_cases]


def _bad(path: Path, line: int, message: str) -> Diagnostic:
    return Diagnostic("G002", message, Span(str(path), line, 1, line, 2), None)


def _case(path: Path, raw: Any, file: Mapping[str, Any]) -> Case:
    if not isinstance(raw, dict):
        raise SituationError([_bad(path, file.get("__line__", 1), "un cas est un objet")])
    line = raw.get("__line__", 1)
    unknown = sorted(set(raw) - CASE_KEYS)
    if unknown:
        guess = difflib.get_close_matches(unknown[0], sorted(CASE_KEYS - {"__line__"}), n=1)
        hint = f"vouliez-vous dire « {guess[0]} » ?" if guess else None
        raise SituationError(
            [
                Diagnostic(
                    "G003",
                    f"clé inconnue « {unknown[0]} » dans le cas",
                    Span(str(path), line, 1, line, 2),
                    hint,
                )
            ]
        )
    for key in ("date", "attendu"):
        if key not in raw:
            raise SituationError([_bad(path, line, f"le cas n'a pas de « {key} »")])
    facts = {k: v for k, v in (raw.get("faits") or {}).items() if k != "__line__"}
    expected = {
        name: _expectation(value, path, line)
        for name, value in raw["attendu"].items()
        if name != "__line__"
    }
    return Case(
        str(path),
        line,
        str(raw.get("nom") or f"ligne {line}"),
        parse_date(raw["date"]),
        facts,
        expected,
        raw.get("description") or file.get("description"),
        raw.get("source") or file.get("source"),
    )


def _expectation(value: Any, path: Path, line: int) -> Expectation:
    if isinstance(value, dict) and "statut" in value:
        status = value["statut"]
        if status not in STATUSES:
            raise SituationError(
                [_bad(path, line, f"statut « {status} » inconnu ; attendu : {', '.join(STATUSES)}")]
            )
        missing = value.get("manque")
        return Expectation(status, value.get("valeur"), tuple(missing) if missing else None)
    return Expectation("valeur", value)


def run(base: RuleBase, case: Case) -> Outcome:
    """Evaluate a case and compare every expected conclusion."""
    facts = base.facts_from(case.facts, case.path)
    result = base.evaluate_facts(facts, date=case.date, only=list(case.expected))
    mismatches = []
    for name, expected in case.expected.items():
        conclusion = result[name]
        problem = _compare(expected, conclusion)
        if problem is not None:
            mismatches.append(Mismatch(name, problem[0], problem[1], conclusion))
    return Outcome(case, tuple(mismatches))


def _compare(expected: Expectation, conclusion: Conclusion) -> tuple[str, str] | None:
    actual = _describe(conclusion)
    if expected.status != conclusion.status:
        return _expected_text(expected, conclusion.type), actual
    if expected.status == "inconnu":
        if expected.missing is not None and set(expected.missing) != set(conclusion.missing):
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
        shown += f" (il manque : {', '.join(conclusion.missing)})"
    return shown


def _expected_text(expected: Expectation, type_: Type | None) -> str:
    if expected.status == "inconnu":
        missing = f" (il manque : {', '.join(expected.missing)})" if expected.missing else ""
        return "inconnu" + missing
    if expected.status == "non_applicable":
        return "non applicable"
    converted = situations.convert(expected.value, type_) if type_ else expected.value
    if isinstance(converted, situations.Problem):
        return f"{expected.value!r} (valeur illisible : {converted.expected} attendu)"
    return show(converted, type_)


def load_all(paths: Iterable[str | Path]) -> list[Case]:
    return [case for file in files(list(paths)) for case in load(file)]
