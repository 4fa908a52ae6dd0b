"""Situations: JSON or YAML objects of facts, checked against the declared facts.

Every problem names the fact, the value given and what was expected, with a suggestion when
a name or an enumeration value looks misspelt. An absent fact (or `null`) is unknown.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..dsl.errors import Diagnostic, SituationError, Span
from .program import FactSymbol, Program
from .types import Kind, Type
from .values import parse_duration


def read(path: str | Path) -> tuple[Mapping[str, Any], str]:
    """The raw object of a situation file and its text (to point at errors)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SituationError(
            [Diagnostic("S100", f"lecture impossible de {file} : {exc}")]
        ) from None
    return parse_text(text, str(file), json_only=file.suffix == ".json"), text


def parse_text(text: str, name: str, *, json_only: bool = False) -> Mapping[str, Any]:
    """A situation object from JSON or YAML text (YAML also reads JSON)."""
    try:
        data = json.loads(text) if json_only else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        line, column = _error_position(exc)
        span = Span(name, line, column, line, column + 1)
        format_ = "JSON" if json_only else "YAML"
        raise SituationError(
            [Diagnostic("S100", f"{format_} invalide : {_reason(exc)}", span, None)]
        ) from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise SituationError(
            [
                Diagnostic(
                    "S100",
                    "une situation est un objet { fait: valeur, … }",
                    Span(name, 1, 1, 1, 2),
                    'par exemple : {"age": 34, "modalite_seance": "visio"}',
                )
            ]
        )
    return data


def _error_position(exc: Exception) -> tuple[int, int]:
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno, exc.colno
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_JSON_REASONS = {
    "Expecting property name enclosed in double quotes": "nom de fait entre guillemets attendu",
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Unterminated string starting at": "texte non terminé",
    "Extra data": "texte en trop après l'objet",
    "Invalid control character at": "caractère de contrôle dans un texte",
}


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return _JSON_REASONS.get(exc.msg, exc.msg)
    return f"le lecteur YAML signale « {getattr(exc, 'problem', None) or exc} »"


def check(
    raw: Mapping[str, Any], program: Program, path: str | None = None, text: str | None = None
) -> dict[str, object]:
    """Typed facts from a raw situation; raises `SituationError` listing every bad fact."""
    facts: dict[str, object] = {}
    found: list[Diagnostic] = []
    for name, value in raw.items():
        span = _locate(str(name), path, text)
        symbol = program.facts.get(str(name))
        if symbol is None:
            found.append(_unknown_fact(str(name), value, program, span))
            continue
        if value is None:
            continue
        converted = convert(value, symbol.type)
        if isinstance(converted, Problem):
            found.append(_bad_value(symbol, value, converted, span))
        else:
            facts[symbol.name] = converted
    if found:
        raise SituationError(found)
    return facts


class Problem:
    """Why a value does not fit a type, and a possible correction."""

    def __init__(self, expected: str, suggestion: str | None = None) -> None:
        self.expected = expected
        self.suggestion = suggestion


def convert(value: Any, type_: Type) -> object:
    """A situation value as the engine's value of `type_`, or the `Problem` with it."""
    kind = type_.kind
    if kind is Kind.BOOLEEN:
        return value if isinstance(value, bool) else Problem("vrai ou faux (true / false)")
    if kind is Kind.ENTIER:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)
        return Problem("un nombre entier")
    if kind in {Kind.DECIMAL, Kind.MONTANT, Kind.TAUX}:
        return _number(value, kind)
    if kind is Kind.DATE:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            return Problem("une date AAAA-MM-JJ")
    if kind is Kind.DUREE:
        duration = parse_duration(value) if isinstance(value, str) else None
        return duration or Problem('une durée ISO 8601 ("P4M", "P10D", "P1Y") ou "4 mois"')
    if kind is Kind.TEXTE:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return Problem("un texte")
        return str(value)
    if kind is Kind.ENUM:
        if isinstance(value, str) and value in type_.values:
            return value
        guess = difflib.get_close_matches(str(value), list(type_.values), n=1, cutoff=0.5)
        return Problem("une des valeurs " + ", ".join(type_.values), guess[0] if guess else None)
    if kind is Kind.LISTE:
        if not isinstance(value, list):
            return Problem(f"une liste [{type_.element or '…'}, …]")
        element = type_.element
        items = [convert(v, element) if element else v for v in value]
        bad = next((i for i in items if isinstance(i, Problem)), None)
        return bad if bad is not None else tuple(items)
    return Problem(str(type_))


def _number(value: Any, kind: Kind) -> object:
    expected = {
        Kind.DECIMAL: "un nombre",
        Kind.MONTANT: 'un montant en euros (10339 ou "10339.00")',
        Kind.TAUX: 'un taux (0.6 ou "60 %")',
    }[kind]
    if isinstance(value, bool):
        return Problem(expected)
    text = str(value).strip().replace("\u202f", "").replace(" ", "")
    percent = kind is Kind.TAUX and text.endswith("%")
    text = text.rstrip("%€").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return Problem(expected)
    if not number.is_finite():
        return Problem(expected)
    if percent:
        number /= 100
    exponent = number.as_tuple().exponent
    if kind is Kind.MONTANT and isinstance(exponent, int) and exponent < -2:
        return Problem("un montant au centime près (deux décimales au plus)")
    return number


def _locate(name: str, path: str | None, text: str | None) -> Span | None:
    if path is None:
        return None
    if text is not None:
        pattern = re.compile(rf'(^|[{{,\s])"?({re.escape(name)})"?\s*:', re.MULTILINE)
        match = pattern.search(text)
        if match:
            start = match.start(2) - (1 if text[match.start(2) - 1] == '"' else 0)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            width = len(name) + (2 if text[start] == '"' else 0)
            return Span(path, line, column, line, column + width)
    return Span(path, 1, 1, 1, 1)


def _unknown_fact(name: str, value: Any, program: Program, span: Span | None) -> Diagnostic:
    guess = difflib.get_close_matches(name, list(program.facts), n=1, cutoff=0.6)
    return Diagnostic(
        "S101",
        f"fait inconnu « {name} » (valeur {_shown(value)})",
        span,
        f"vouliez-vous dire « {guess[0]} » ?"
        if guess
        else "les faits possibles sont listés par « alinea doc » et dans VOCABULARY.md",
    )


def _bad_value(symbol: FactSymbol, value: Any, problem: Problem, span: Span | None) -> Diagnostic:
    code = "S103" if symbol.type.kind is Kind.ENUM else "S102"
    hint = f"vouliez-vous dire « {problem.suggestion} » ?" if problem.suggestion else None
    return Diagnostic(
        code,
        f"valeur invalide pour « {symbol.name} » : {_shown(value)} ; attendu : {problem.expected}",
        span,
        hint,
    )


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
