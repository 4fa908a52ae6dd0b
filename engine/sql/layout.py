"""The layout of a population, in and out: the contract between the SQL back end and whoever
reads or writes the tables (`alinea batch`, the population diff, a Spark job).

In: one row per situation, one column per fact, named exactly as the fact (`age`,
`ressources_annuelles_foyer`), of the Arrow type `fact_type` gives; a null cell is an absent
fact, i.e. unknown, never false. A fact without a column is absent on every row. An `id`
column, of any type, is carried to the output, first.

Out, after `id`, for each requested conclusion `N` in the order asked (by default
`RuleBase.conclusions`, sorted by name), three columns:

- `N`: its value, of the type `value_type` gives; null unless the status is `valeur`;
- `N.statut`: one of `Status` (`valeur`, `inconnu`, `non_applicable`, `non_couvert`,
  `conflit`, `erreur`);
- `N.source`: what decided it, `source_text` of the clause (`css.alinea:281`: the file and
  line of the case, barème row, exception, formula or `sinon` that gave the value or the
  non-applicability); two clauses joined by `SOURCES_JOINED` for a conflict; the code of the
  evaluation error (`V001`) for an error; null when unknown or not covered.

A conflict (two exceptions apply, neither prevails, their values differ) and an evaluation
error (a division by zero, a result out of the documented limits) are statuses of the rows
they happen on, not failures of the batch: `RuleBase.evaluate` raises on those rows.

The DuckDB runner returns `N.statut` and `N.source` as dictionary-encoded strings (one byte
or two a row, the dictionary shared); the SQL text for another dialect gives plain strings.

A conclusion unknown only for facts with a finite domain, that every value of them decides
the same way, has that value (`runtime/completion.py`): `runner.run` completes the main
query's output with the plan of `completion` (a few more queries over the rows concerned).
The SQL text alone (`Query.sql`) leaves such conclusions unknown; on another engine, run the
plan's steps (`completion.Plan.run` with an `Engine` of that engine).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import pyarrow as pa

from ...dsl.errors import Span
from ..domain.types import Kind, Type
from ..domain.values import Duration

ID = "id"
"""The optional input column carried to the output, first."""

ROW = "_row"
"""The row number the runner adds to the input (0 for the first row), which the completion
plan joins on; not a fact, so no population has such a column (P003)."""

TABLE = "situations"
"""The name the query reads its input table under (`Query.sql(table=…)` changes it)."""

SOURCES_JOINED = " & "
"""Between the two sources of a conflict."""

STATUS_SUFFIX = ".statut"
SOURCE_SUFFIX = ".source"


class Status(enum.Enum):
    """The status of a conclusion on a row; its value is the text of `N.statut`."""

    VALUE = "valeur"
    NOT_APPLICABLE = "non_applicable"
    UNKNOWN = "inconnu"
    NOT_COVERED = "non_couvert"
    ERROR = "erreur"
    CONFLICT = "conflit"


STATUSES: tuple[str, ...] = tuple(status.value for status in Status)
"""The dictionary of `N.statut`, in the order of the codes the query computes."""


def status_column(name: str) -> str:
    return name + STATUS_SUFFIX


def source_column(name: str) -> str:
    return name + SOURCE_SUFFIX


def output_columns(names: Iterable[str], with_id: bool) -> list[str]:
    """The columns of the output, in order."""
    columns = [ID] if with_id else []
    for name in names:
        columns += [name, status_column(name), source_column(name)]
    return columns


def source_text(span: Span | None) -> str:
    """How `N.source` names a clause: its file (without folders) and line."""
    if span is None:
        return "?"
    return f"{PurePath(span.path).name}:{span.line}"


# ---------------------------------------------------------------- Arrow types

DURATION = pa.struct(
    [
        pa.field("years", pa.int64()),
        pa.field("months", pa.int64()),
        pa.field("days", pa.int64()),
        pa.field("hours", pa.int64()),
    ]
)
"""A durée keeps its calendar units (3 mois is not 90 jours, 1 an is not 12 mois)."""

FACT_SCALES = {Kind.MONTANT: 2, Kind.DECIMAL: 12, Kind.TAUX: 14}
"""Decimals of a fact column: a montant to the cent, a décimal to the 12 decimals a
situation may write (`MAX_DECIMALS`), a taux as a fraction (12 decimals of a percentage)."""

PRECISION = 38


def fact_type(type_: Type) -> pa.DataType:
    """The Arrow type of a fact column."""
    kind = type_.kind
    if kind in FACT_SCALES:
        return pa.decimal128(PRECISION, FACT_SCALES[kind])
    if kind is Kind.LISTE:
        assert type_.element is not None
        return pa.list_(fact_type(type_.element))
    return _SIMPLE[kind]


def value_type(type_: Type, scale: int) -> pa.DataType:
    """The Arrow type of a conclusion's value column; `scale` is the decimals its
    calculation keeps (exact: 2 for a montant rounded to the cent, more for a product)."""
    kind = type_.kind
    if kind in FACT_SCALES:
        return pa.decimal128(PRECISION, scale)
    if kind is Kind.LISTE:
        assert type_.element is not None
        return pa.list_(value_type(type_.element, scale))
    return _SIMPLE[kind]


_SIMPLE: dict[Kind, pa.DataType] = {
    Kind.BOOLEEN: pa.bool_(),
    Kind.ENTIER: pa.int64(),
    Kind.DATE: pa.date32(),
    Kind.DUREE: DURATION,
    Kind.TEXTE: pa.string(),
    Kind.ENUM: pa.string(),
    Kind.VALUE: pa.string(),
}


# ---------------------------------------------------------------- values, both ways


def to_arrow(values: Sequence[object], type_: Type) -> pa.Array:
    """A fact column from engine values (`facts_from`'s), None for an absent fact."""
    return pa.array([_python(value) for value in values], type=fact_type(type_))


def _python(value: object) -> object:
    if isinstance(value, Duration):
        return {
            "years": value.years,
            "months": value.months,
            "days": value.days,
            "hours": value.hours,
        }
    if isinstance(value, tuple):
        return [_python(item) for item in value]
    return value


def from_arrow(value: Any, type_: Type) -> object:
    """An engine value from a cell's Python value (`pa.Array.to_pylist`): a Duration from
    its struct, a tuple from a list, a Decimal kept exact; None stays None."""
    if value is None:
        return None
    kind = type_.kind
    if kind is Kind.DUREE:
        return Duration(value["years"], value["months"], value["days"], value["hours"])
    if kind is Kind.LISTE:
        assert type_.element is not None
        return tuple(from_arrow(item, type_.element) for item in value)
    if kind in FACT_SCALES:
        return Decimal(value)
    if kind is Kind.DATE:
        assert isinstance(value, datetime.date)
    return value
