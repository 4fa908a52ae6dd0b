"""The columns of a population table, checked against the facts before any work: a column
that is not a fact (with the closest fact), a column whose Arrow type cannot hold the
fact's values exactly (a float for an amount, a string for a number, a date as text).

Values themselves (an enumeration value outside the list, a number out of range) are
checked by whoever reads the file (`alinea batch`), row by row.
"""

from __future__ import annotations

import difflib

import pyarrow as pa

from ...dsl.errors import Diagnostic, UsageError
from ..compiler.program import Program
from ..domain.types import Kind, Type
from . import layout


def check(program: Program, schema: pa.Schema) -> None:
    """Raise `UsageError` (P003, P004) naming every column that does not fit."""
    problems = []
    facts = sorted(program.facts)
    for field in schema:
        if field.name in (layout.ID,):
            continue
        fact = program.facts.get(field.name)
        if fact is None:
            guess = difflib.get_close_matches(field.name, facts, n=1, cutoff=0.6)
            problems.append(
                Diagnostic(
                    "P003",
                    f"la colonne « {field.name} » n'est pas une donnée de la base",
                    None,
                    f"vouliez-vous dire « {guess[0]} » ?"
                    if guess
                    else "les colonnes sont les noms des données (alinea doc), et « id »",
                )
            )
        elif not fits(field.type, fact.type):
            problems.append(
                Diagnostic(
                    "P004",
                    f"la colonne « {field.name} » est de type Arrow {field.type}, qui ne "
                    f"tient pas une donnée de type {fact.type}",
                    None,
                    f"attendu : {layout.fact_type(fact.type)}",
                )
            )
    if problems:
        raise UsageError(problems)


def fits(arrow: pa.DataType, type_: Type) -> bool:
    """Whether a column of type `arrow` holds values of `type_` exactly (null columns fit
    any fact: every row leaves it absent)."""
    return bool(_fits(arrow, type_))


def _fits(arrow: pa.DataType, type_: Type) -> object:
    if pa.types.is_null(arrow):
        return True
    if pa.types.is_dictionary(arrow):
        return fits(arrow.value_type, type_)
    kind = type_.kind
    if kind is Kind.BOOLEEN:
        return pa.types.is_boolean(arrow)
    if kind is Kind.ENTIER:
        return pa.types.is_integer(arrow)
    if kind in layout.FACT_SCALES:
        return pa.types.is_integer(arrow) or pa.types.is_decimal(arrow)
    if kind is Kind.DATE:
        return pa.types.is_date(arrow)
    if kind in {Kind.TEXTE, Kind.ENUM}:
        return pa.types.is_string(arrow) or pa.types.is_large_string(arrow)
    if kind is Kind.DUREE:
        return _duration(arrow)
    if kind is Kind.LISTE and type_.element is not None:
        is_list = pa.types.is_list(arrow) or pa.types.is_large_list(arrow)
        return is_list and fits(arrow.value_type, type_.element)
    return False


def _duration(arrow: pa.DataType) -> bool:
    if not pa.types.is_struct(arrow):
        return False
    fields = {arrow.field(i).name: arrow.field(i).type for i in range(arrow.num_fields)}
    units = ("years", "months", "days", "hours")
    return set(fields) == set(units) and all(pa.types.is_integer(t) for t in fields.values())
