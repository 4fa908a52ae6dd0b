"""How values are written for people (`30,00 €`, `60 %`, `16/05/2025`) and in JSON (montants as
exact decimal strings), shared by explanations, calculations and every rendering."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from .outcomes import NA, UNDECIDED, Gap, GapSide, NotCovered, Unknown
from .types import Kind, Type
from .values import CENT, Duration, french_number, short_date


def show(value: object, type_: Type | None = None) -> str:
    """A value as a French reader expects it: 30,00 €, 60 %, 16/05/2025, 3 mois."""
    if type(value) is Unknown:
        return "inconnu"
    if type(value) is NotCovered:
        return "non couvert — " + gap_text(value.first)
    if value is NA:
        return "non applicable"
    if value is True:
        return "vrai"
    if value is False:
        return "faux"
    kind = type_.kind if type_ else None
    if isinstance(value, Decimal):
        if kind is Kind.MONTANT:
            return french_number(_cents(value)) + " €"
        if kind is Kind.TAUX:
            return french_number((value * 100).normalize()) + " %"
        return french_number(value.normalize())
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, Duration):
        return value.french()
    if isinstance(value, tuple):
        element = type_.element if type_ else None
        return "[" + ", ".join(show(v, element) for v in value) + "]"
    return str(value)


def brief(value: object, type_: Type | None = None) -> str:
    """`show`, with « non couvert » alone for a value not covered (its gap is told once)."""
    return "non couvert" if type(value) is NotCovered else show(value, type_)


def gap_text(gap: Gap) -> str:
    """`la base de règles s'arrête au 31/03/2026 (CSS L.861-1 al. 4)`."""
    if gap.side is GapSide.AFTER:
        text = f"la base de règles s'arrête au {short_date(gap.edge)}"
    else:
        text = f"la base de règles ne commence qu'au {short_date(gap.edge)}"
    return f"{text} ({gap.article})" if gap.article else text


def gap_json(gap: Gap) -> dict[str, Any]:
    return {
        "nom": gap.symbol,
        "article": gap.article,
        "position": gap.side.value,
        "couvert_depuis": gap.covered_from.isoformat() if gap.covered_from else None,
        "couvert_jusqu_au": gap.covered_until.isoformat() if gap.covered_until else None,
    }


def coverage_json(value: object) -> dict[str, Any]:
    """For a non-covered value: the date the rule base stops (or starts), the article and
    every gap; `{}` otherwise."""
    if type(value) is not NotCovered:
        return {}
    first = value.first
    edge = "couvert_jusqu_au" if first.side is GapSide.AFTER else "couvert_depuis"
    return {
        edge: first.edge.isoformat(),
        "article": first.article,
        "lacunes": [gap_json(g) for g in value.ordered()],
    }


def _cents(value: Decimal) -> Decimal:
    """At least two decimals (30 -> 30.00); more are kept, never silently rounded."""
    exponent = value.as_tuple().exponent
    return value.quantize(CENT) if isinstance(exponent, int) and exponent > -2 else value


def to_json_value(value: object, type_: Type | None = None) -> Any:
    """A value as VOCABULARY.md writes it in JSON: montants as exact decimal strings."""
    if type(value) in UNDECIDED or value is NA:
        return None
    kind = type_.kind if type_ else None
    if isinstance(value, Decimal):
        if kind is Kind.MONTANT:
            return f"{_cents(value):f}"
        if kind is Kind.TAUX:
            return float(value)
        return f"{value.normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return value.iso()
    if isinstance(value, tuple):
        element = type_.element if type_ else None
        return [to_json_value(v, element) for v in value]
    return value
