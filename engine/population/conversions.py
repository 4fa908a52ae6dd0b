"""How a column as read becomes its fact's column (`engine.sql.layout.fact_type`): for each
fact type and each kind of column read, the converted value and when a given cell does not
fit, as DuckDB expression trees (no SQL text is written: a column is named by its
`ColumnExpression`, a constant is a typed `ConstantExpression`).

Text (a CSV cell, a JSONL string, a Parquet string column) is read as the situations of
`alinea eval` write values: `true`/`false` (or `vrai`/`faux`), `34`, `10339.00` or `10339,5 €`,
`60 %` for a taux, `2026-03-01`. A durée written as text is parsed in `checking` by the
engine's own parser (ISO 8601 or French), once per distinct text.

Every DuckDB type is made when a conversion is built, never at import: the first
`duckdb.sqltype` opens DuckDB's default connection (25 ms, 22 MB), which a population
already in the layout never needs.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs
import duckdb
import pyarrow as pa

from ...dsl.limits import (
    FIRST_DATE,
    LAST_DATE,
    MAX_DECIMALS,
    MAX_DURATION_DAYS,
    MAX_DURATION_YEARS,
    MAX_MAGNITUDE,
)
from ..domain.types import Kind, Type
from ..sql import layout

Expression = duckdb.Expression
F = duckdb.FunctionExpression
K = duckdb.ConstantExpression


class Read(enum.Enum):
    """What a column read from the file holds."""

    TEXT = "texte"
    BOOLEAN = "booléen"
    INTEGER = "entier"
    DECIMAL = "décimal"
    FLOAT = "flottant"
    DATE = "date"
    DURATION = "durée"
    LIST = "liste"
    NULL = "vide"
    OTHER = "autre"


def read_kind(type_: pa.DataType) -> Read:
    """The kind of an Arrow column as DuckDB returned it."""
    if pa.types.is_dictionary(type_):
        return read_kind(type_.value_type)
    checks = (
        (pa.types.is_string, Read.TEXT),
        (pa.types.is_large_string, Read.TEXT),
        (pa.types.is_boolean, Read.BOOLEAN),
        (pa.types.is_integer, Read.INTEGER),
        (pa.types.is_decimal, Read.DECIMAL),
        (pa.types.is_floating, Read.FLOAT),
        (pa.types.is_date, Read.DATE),
        (pa.types.is_null, Read.NULL),
    )
    for check, kind in checks:
        if check(type_):
            return kind
    if type_ == layout.DURATION:
        return Read.DURATION
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        return Read.LIST
    return Read.OTHER


@attrs.frozen
class Conversion:
    """A column's value in the layout (None: the column is already of the layout's type)
    and the conditions under which a given cell is refused (None: never)."""

    value: Expression | None
    invalid: Expression | None = None
    out_of_range: Expression | None = None


ACCEPTED: dict[Kind, frozenset[Read]] = {
    Kind.BOOLEEN: frozenset({Read.BOOLEAN, Read.TEXT}),
    Kind.ENTIER: frozenset({Read.INTEGER, Read.TEXT}),
    Kind.MONTANT: frozenset({Read.INTEGER, Read.DECIMAL, Read.FLOAT, Read.TEXT}),
    Kind.DECIMAL: frozenset({Read.INTEGER, Read.DECIMAL, Read.FLOAT, Read.TEXT}),
    Kind.TAUX: frozenset({Read.INTEGER, Read.DECIMAL, Read.FLOAT, Read.TEXT}),
    Kind.DATE: frozenset({Read.DATE, Read.TEXT}),
    Kind.DUREE: frozenset({Read.DURATION, Read.TEXT}),
    Kind.TEXTE: frozenset({Read.TEXT, Read.INTEGER}),
    Kind.ENUM: frozenset({Read.TEXT}),
    Kind.LISTE: frozenset({Read.LIST}),
}
"""The kinds of columns each fact type is read from (a column of no other kind is refused
whole: P023). A column that is empty everywhere (`Read.NULL`) fits every fact."""

JSON_TYPES: dict[Kind, tuple[str, ...]] = {
    Kind.BOOLEEN: ("BOOLEAN",),
    Kind.ENTIER: ("BIGINT", "UBIGINT", "VARCHAR"),
    Kind.MONTANT: ("BIGINT", "UBIGINT", "DOUBLE", "VARCHAR"),
    Kind.DECIMAL: ("BIGINT", "UBIGINT", "DOUBLE", "VARCHAR"),
    Kind.TAUX: ("BIGINT", "UBIGINT", "DOUBLE", "VARCHAR"),
    Kind.DATE: ("VARCHAR",),
    Kind.DUREE: ("VARCHAR",),
    Kind.TEXTE: ("VARCHAR", "BIGINT", "UBIGINT"),
    Kind.ENUM: ("VARCHAR",),
}
"""The JSON types a JSONL value of each fact type may have: `true` for a booléen, not
`"true"`; a number or a decimal string for a montant, as in a JSON situation."""


def convert(cell: Expression, read: Read, type_: Type) -> Conversion:
    """The conversion of a column of kind `read` (one of `ACCEPTED[type_.kind]`)."""
    kind = type_.kind
    if read is Read.NULL:
        return Conversion(K(None).cast(_sql_type(type_)))
    if kind is Kind.ENUM:
        return Conversion(None, ~cell.isin(*(K(value) for value in type_.values)))
    if kind is Kind.LISTE:
        return _list(cell, type_)
    if read is Read.TEXT:
        return _from_text(cell, type_)
    return _native(cell, read, type_)


def _from_text(cell: Expression, type_: Type) -> Conversion:
    kind = type_.kind
    text = F("trim", cell)
    if kind is Kind.BOOLEEN:
        lower = F("lower", text)
        return Conversion(lower.isin(K("true"), K("vrai")), ~lower.isin(*_BOOLEANS))
    if kind is Kind.ENTIER:
        whole = text.try_cast(duckdb.sqltype("DECIMAL(38,0)"))
        invalid = ~_matches(text, r"[+-]?[0-9]+")
        return Conversion(whole.try_cast(duckdb.sqltype("BIGINT")), invalid, _too_large(whole))
    if kind in layout.FACT_SCALES:
        return _number_text(text, kind)
    if kind is Kind.DATE:
        day = text.try_cast(duckdb.sqltype("DATE"))
        invalid = ~_matches(text, r"[0-9]{4}-[0-9]{2}-[0-9]{2}") | day.isnull()
        return Conversion(day, invalid, _outside_dates(day))
    if kind is Kind.TEXTE:
        return Conversion(cell)
    raise ValueError(f"pas de conversion du texte en {type_}")


_BOOLEANS = (K("true"), K("false"), K("vrai"), K("faux"))


def _number_text(text: Expression, kind: Kind) -> Conversion:
    """`10339`, `10339.5`, `10 339,50 €`; for a taux `0.6` or `60 %`. A montant has at most
    two decimals, as in a situation; other numbers at most `MAX_DECIMALS`."""
    clean = text
    for removed in (" ", "\u202f", "\u00a0", "€"):
        clean = F("replace", clean, K(removed), K(""))
    clean = F("replace", clean, K(","), K("."))
    percent = F("ends_with", clean, K("%")) if kind is Kind.TAUX else K(False)
    number = duckdb.CaseExpression(percent, F("rtrim", clean, K("%"))).otherwise(clean)
    # a montant has at most two decimals, written or not (as `situation.convert`: 1.500 is
    # refused); another number at most `MAX_DECIMALS` besides trailing zeros
    decimals, zeros = (2, "") if kind is Kind.MONTANT else (MAX_DECIMALS, "0*")
    pattern = rf"[+-]?([0-9]+(\.[0-9]{{0,{decimals}}}{zeros})?|\.[0-9]{{1,{decimals}}}{zeros})"
    read = number.try_cast(_decimal(kind))
    if kind is Kind.TAUX:
        hundredth = K(Decimal("0.01")).cast(duckdb.sqltype("DECIMAL(3,2)"))
        percent_read = number.try_cast(duckdb.sqltype(f"DECIMAL(38,{MAX_DECIMALS})"))
        read = duckdb.CaseExpression(percent, percent_read * hundredth).otherwise(read)
    value = read.cast(_decimal(kind))
    return Conversion(value, ~_matches(number, pattern), _too_large(read))


def _native(cell: Expression, read: Read, type_: Type) -> Conversion:
    """A typed column (Parquet): cast to the layout's type, each cell checked to survive."""
    kind = type_.kind
    if kind is Kind.TEXTE:
        return Conversion(cell.cast(duckdb.sqltype("VARCHAR")))
    if read is Read.BOOLEAN:
        return Conversion(None)
    if read is Read.DURATION:
        return Conversion(None, None, _too_long(cell))
    if read is Read.DATE:
        return Conversion(cell.cast(duckdb.sqltype("DATE")), None, _outside_dates(cell))
    if kind is Kind.ENTIER:
        wide = cell.cast(duckdb.sqltype("DECIMAL(38,0)"))
        return Conversion(wide.try_cast(duckdb.sqltype("BIGINT")), None, _too_large(wide))
    if read is Read.INTEGER:
        whole = cell.cast(duckdb.sqltype("DECIMAL(38,0)"))
        return Conversion(whole.cast(_decimal(kind)), None, _too_large(cell))
    value = cell.try_cast(_decimal(kind))
    if read is Read.FLOAT:
        finite = F("isfinite", cell)
        invalid = ~finite | (cell != value.cast(duckdb.sqltype("DOUBLE")))
        return Conversion(value, invalid, finite & _too_large(cell))
    # a decimal with more decimals than the fact's: refused when they are not zeros
    invalid = value.isnull() | (value != cell)
    return Conversion(value, invalid, _too_large(cell))


def _list(cell: Expression, type_: Type) -> Conversion:
    element = type_.element
    if element is not None and element.kind is Kind.ENUM:
        allowed = K(list(element.values)).cast(duckdb.sqltype("VARCHAR[]"))
        return Conversion(None, ~F("list_has_all", allowed, cell))
    return Conversion(None)


def _matches(text: Expression, pattern: str) -> Expression:
    return F("regexp_full_match", text, K(pattern))


def _too_large(number: Expression) -> Expression:
    """Outside the language's numbers (`MAX_MAGNITUDE`), or too long to be read at all."""
    return number.isnull() | (F("abs", number) >= K(MAX_MAGNITUDE))


def _too_long(duration: Expression) -> Expression:
    """Longer than the language's durations (`values.duration_in_range`, in SQL)."""
    field = {name: F("struct_extract", duration, K(name)) for name in layout.DURATION.names}
    months = F("abs", field["years"] * K(12) + field["months"])
    days = F("abs", field["days"]) + F("ceil", F("abs", field["hours"]) / K(24))
    most_months, most_days = MAX_DURATION_YEARS * 12, MAX_DURATION_DAYS
    return months * K(most_days) + days * K(most_months) > K(most_months * most_days)


def _outside_dates(day: Expression) -> Expression:
    first = K(FIRST_DATE.isoformat()).cast(duckdb.sqltype("DATE"))
    last = K(LAST_DATE.isoformat()).cast(duckdb.sqltype("DATE"))
    return (day < first) | (day > last)


def _decimal(kind: Kind) -> duckdb.sqltypes.DuckDBPyType:
    return duckdb.sqltype(f"DECIMAL({layout.PRECISION},{layout.FACT_SCALES[kind]})")


def _sql_type(type_: Type) -> duckdb.sqltypes.DuckDBPyType:
    """The DuckDB type of a fact's column, for a column that is empty everywhere."""
    kind = type_.kind
    if kind in layout.FACT_SCALES:
        return _decimal(kind)
    names = {
        Kind.BOOLEEN: "BOOLEAN",
        Kind.ENTIER: "BIGINT",
        Kind.DATE: "DATE",
        Kind.TEXTE: "VARCHAR",
        Kind.ENUM: "VARCHAR",
        Kind.DUREE: "STRUCT(years BIGINT, months BIGINT, days BIGINT, hours BIGINT)",
    }
    if kind is Kind.LISTE and type_.element is not None:
        return duckdb.sqltype(f"{_sql_type(type_.element)}[]")
    return duckdb.sqltype(names[kind])
