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
from typing import IO, Any

import attrs

from ...dsl import source
from ...dsl.errors import Diagnostic, FactDiagnostic, SituationError, Span
from ..compiler.loader import remember
from ..compiler.program import FactSymbol, Program
from ..domain import ranges
from ..domain.types import Kind, Type
from ..domain.values import parse_duration
from . import json_input
from . import reading as inputs
from .reading import Codes, Located

CODES: Codes = {
    inputs.Kind.TOO_LARGE: "S104",
    inputs.Kind.UNREADABLE: "S100",
    inputs.Kind.SYNTAX: "S100",
    inputs.Kind.DUPLICATE: "S105",
    inputs.Kind.ALIAS: "S106",
    inputs.Kind.NESTING: "S130",
}
MAX_SHOWN = 50
SHOWN_WIDTH = 80


def read(path: str | Path) -> tuple[Mapping[str, Any], str]:
    """The raw object of a situation file and its text (to point at errors)."""
    file = Path(path)
    text = inputs.read(file, source.SITUATION_LIMIT, CODES, SituationError)
    return parse_text(text, str(file), json_only=file.suffix == ".json"), text


def read_stream(
    stream: IO[bytes] | IO[str], name: str = "<stdin>"
) -> tuple[Mapping[str, Any], str]:
    """Like `read`, for a stream (standard input), read up to the same limit."""
    text = inputs.read_stream(stream, name, source.SITUATION_LIMIT, CODES, SituationError)
    return parse_text(text, name), text


def parse_text(text: str, name: str, *, json_only: bool = False) -> Mapping[str, Any]:
    """A situation object from JSON or YAML text (YAML also reads JSON); a `Located`
    mapping when read as YAML. The text is kept for the excerpts of its errors."""
    text = source.strip_bom(text)
    remember(name, text)
    try:
        data = json_input.load(text) if json_only else _yaml(text)
    except inputs.Problem as problem:
        raise SituationError([problem.diagnostic(CODES, name)]) from None
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


def _yaml(text: str) -> Any:
    """YAML (or JSON read as YAML): PyYAML is imported only for a situation not in `.json`."""
    from . import yaml_input

    return yaml_input.load(text)


def check(
    raw: Mapping[str, Any], program: Program, path: str | None = None, text: str | None = None
) -> dict[str, object]:
    """Typed facts from a raw situation; raises `SituationError` listing the bad facts (the
    first `MAX_SHOWN`, then how many more)."""
    facts: dict[str, object] = {}
    wrong: list[_Wrong] = []
    unknown_after = invalid_after = 0  # past MAX_SHOWN, only counted
    for name, value in raw.items():
        symbol = program.facts.get(str(name))
        problem: Problem | None = None
        if symbol is not None:
            if value is None:
                continue
            converted = convert(value, symbol.type)
            if not isinstance(converted, Problem):
                facts[symbol.name] = converted
                continue
            problem = converted
        if len(wrong) < MAX_SHOWN:
            wrong.append(_Wrong(str(name), value, symbol, problem))
        elif symbol is None:
            unknown_after += 1
        else:
            invalid_after += 1
    if wrong:
        places = _Places(raw, path, text)
        found = [item.diagnostic(program, places.span(item.name)) for item in wrong]
        raise SituationError(found + _more(unknown_after, invalid_after))
    return facts


@attrs.frozen
class _Wrong:
    """A fact of the situation that is not declared, or whose value does not fit."""

    name: str
    value: Any
    symbol: FactSymbol | None = None
    problem: Problem | None = None

    def diagnostic(self, program: Program, span: Span | None) -> Diagnostic:
        if self.symbol is None or self.problem is None:
            return _unknown_fact(self.name, self.value, program, span)
        return _bad_value(self.symbol, self.value, self.problem, span)


class _Places:
    """Where the keys of a situation are: from the YAML reader, else read from the JSON
    text, only as far as the keys to locate."""

    def __init__(self, raw: Mapping[str, Any], path: str | None, text: str | None) -> None:
        self.raw, self.path = raw, path
        self.keys = json_input.TopKeys(text or "")

    def span(self, name: str) -> Span | None:
        if self.path is None:
            return None
        if isinstance(self.raw, Located) and name in self.raw.key_places:
            return inputs.span(self.path, self.raw.place(name))
        place = self.keys.place(name)
        return inputs.span(self.path, place) if place else Span(self.path, 1, 1, 1, 1)


def _more(unknown: int, invalid: int) -> list[Diagnostic]:
    """The count of the errors past the first `MAX_SHOWN`, if any."""
    parts = [
        _count(number, words)
        for number, words in ((unknown, "autre fait inconnu"), (invalid, "autre valeur invalide"))
        if number
    ]
    if not parts:
        return []
    hint = f"seules les {MAX_SHOWN} premières erreurs de la situation sont détaillées"
    return [Diagnostic("S107", f"… et {' et '.join(parts)}", None, hint)]


def _count(number: int, words: str) -> str:
    """`1 autre fait inconnu`, `99 950 autres faits inconnus`."""
    shown = f"{number:,}".replace(",", "\u202f")
    return f"{shown} {' '.join(w + 's' for w in words.split()) if number > 1 else words}"


class Problem:
    """Why a value does not fit a type, and a possible correction; `out_of_range` when the
    value has the right type but lies outside the documented limits."""

    def __init__(
        self, expected: str, suggestion: str | None = None, *, out_of_range: bool = False
    ) -> None:
        self.expected = expected
        self.suggestion = suggestion
        self.out_of_range = out_of_range


def _within(value: object, problem: str | None) -> object:
    return value if problem is None else Problem(problem, out_of_range=True)


def convert(value: Any, type_: Type) -> object:
    """A situation value as the engine's value of `type_`, or the `Problem` with it."""
    kind = type_.kind
    if kind is Kind.BOOLEEN:
        return value if isinstance(value, bool) else Problem("vrai ou faux (true / false)")
    if kind is Kind.ENTIER:
        return _integer(value)
    if kind in {Kind.DECIMAL, Kind.MONTANT, Kind.TAUX}:
        return _number(value, kind)
    if kind is Kind.DATE:
        return _date(value)
    if kind is Kind.DUREE:
        duration = parse_duration(value) if isinstance(value, str) else None
        if duration is None:
            return Problem('une durée ISO 8601 ("P4M", "P10D", "P1Y") ou "4 mois"')
        return _within(duration, ranges.duration_problem(duration))
    if kind is Kind.TEXTE:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return Problem("un texte")
        if isinstance(value, int) and value.bit_length() > 13_000:  # past what `str` converts
            return Problem("un texte")
        return str(value)
    if kind is Kind.ENUM:
        if isinstance(value, str) and value in type_.values:
            return value
        guess = difflib.get_close_matches(_text(value), list(type_.values), n=1, cutoff=0.5)
        return Problem("une des valeurs " + ", ".join(type_.values), guess[0] if guess else None)
    if kind is Kind.LISTE:
        if not isinstance(value, list):
            return Problem(f"une liste [{type_.element or '…'}, …]")
        element = type_.element
        items = [convert(v, element) if element else v for v in value]
        bad = next((i for i in items if isinstance(i, Problem)), None)
        return bad if bad is not None else tuple(items)
    return Problem(str(type_))


def _integer(value: Any) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return _within(value, ranges.number_problem(value, Kind.ENTIER))
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        digits = value.strip().lstrip("-").lstrip("0")
        if len(digits) > ranges.DIGITS:  # before int(): past 4,300 digits it refuses
            return Problem(ranges.NUMBERS[Kind.ENTIER], out_of_range=True)
        return int(value)
    return Problem("un nombre entier")


def _date(value: Any) -> object:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        day = value
    else:
        try:
            day = datetime.date.fromisoformat(str(value))
        except ValueError:
            return Problem("une date AAAA-MM-JJ")
    return _within(day, ranges.date_problem(day))


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
    exponent = number.as_tuple().exponent
    if kind is Kind.MONTANT and isinstance(exponent, int) and exponent < -2:
        return Problem("un montant au centime près (deux décimales au plus)")
    out_of_range = ranges.number_problem(number, kind)
    if out_of_range is not None:  # before dividing: 1e999999999 / 100 overflows Decimal
        return Problem(out_of_range, out_of_range=True)
    return number / 100 if percent else number


def _unknown_fact(name: str, value: Any, program: Program, span: Span | None) -> Diagnostic:
    guess = difflib.get_close_matches(name, list(program.facts), n=1, cutoff=0.6)
    return FactDiagnostic(
        "S101",
        f"fait inconnu « {name} » (valeur {shown(value)})",
        span,
        f"vouliez-vous dire « {guess[0]} » ?"
        if guess
        else "les faits possibles sont listés par « alinea doc » et dans VOCABULARY.md",
        fact=name,
        value=value,
        suggestion=guess[0] if guess else None,
    )


def _bad_value(symbol: FactSymbol, value: Any, problem: Problem, span: Span | None) -> Diagnostic:
    if problem.out_of_range:
        return FactDiagnostic(
            "S131",
            f"valeur hors limites pour « {symbol.name} » : {shown(value)} ; "
            f"attendu : {problem.expected}",
            span,
            "les limites des valeurs sont décrites dans docs/langage.md, « Limites »",
            fact=symbol.name,
            value=value,
            expected=problem.expected,
        )
    code = "S103" if symbol.type.kind is Kind.ENUM else "S102"
    hint = f"vouliez-vous dire « {problem.suggestion} » ?" if problem.suggestion else None
    return FactDiagnostic(
        code,
        f"valeur invalide pour « {symbol.name} » : {shown(value)} ; attendu : {problem.expected}",
        span,
        hint,
        fact=symbol.name,
        value=value,
        expected=problem.expected,
        suggestion=problem.suggestion,
    )


def _text(value: object) -> str:
    """`str(value)`, but an integer of thousands of digits (which `str` refuses) is summed up."""
    if isinstance(value, int) and value.bit_length() > 13_000:
        return f"<nombre d'environ {int(value.bit_length() * 0.30103)} chiffres>"
    return str(value)


def shown(value: Any) -> str:
    """A value as written in JSON, cut to `SHOWN_WIDTH` characters; a number too long to
    convert is shown as written, and an integer too long for `str` summed up."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        text = _text(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=_text)
        except ValueError:  # an integer too long for `str`, inside a list
            text = "<valeur illisible>"
    return text if len(text) <= SHOWN_WIDTH else text[: SHOWN_WIDTH - 1] + "…"
