"""The SQL type of a value: what the language's type becomes in a column.

Numbers with a fraction are `DECIMAL(38, scale)` with a scale known at compile time (the
decimals the exact result keeps: `1234,56 × 12,5 %` has 5), so that no calculation goes
through binary floating point; every value that enters a `CASE` or a list is cast to the
shape of the whole, since SQL engines otherwise unify decimals by cutting digits.
A durée is a struct of its four calendar units; texts and enumeration values are strings.
"""

from __future__ import annotations

import enum
import functools

import attrs
import pyarrow as pa
from sqlglot import exp

from ..domain.types import Kind, Type
from . import layout

PRECISION = layout.PRECISION
MAX_SCALE = 20
"""The most decimals an expression keeps: with numbers below 10^15 (the documented limit),
38 digits hold 20 decimals and 3 digits of headroom."""


class Form(enum.Enum):
    BOOLEAN = "booléen"
    INTEGER = "entier"
    DECIMAL = "décimal"
    DATE = "date"
    DURATION = "durée"
    TEXT = "texte"
    LIST = "liste"


_FORMS = {
    Kind.BOOLEEN: Form.BOOLEAN,
    Kind.ENTIER: Form.INTEGER,
    Kind.DECIMAL: Form.DECIMAL,
    Kind.MONTANT: Form.DECIMAL,
    Kind.TAUX: Form.DECIMAL,
    Kind.DATE: Form.DATE,
    Kind.DUREE: Form.DURATION,
    Kind.TEXTE: Form.TEXT,
    Kind.ENUM: Form.TEXT,
    Kind.VALUE: Form.TEXT,
    Kind.LISTE: Form.LIST,
}

UNITS = ("years", "months", "days", "hours")


@attrs.frozen
class Shape:
    form: Form
    scale: int = 0
    element: Shape | None = None

    def sql(self) -> exp.DataType:
        return _built(self).copy()

    def arrow(self) -> pa.DataType:
        match self.form:
            case Form.DECIMAL:
                return pa.decimal128(PRECISION, self.scale)
            case Form.LIST:
                assert self.element is not None
                return pa.list_(self.element.arrow())
        return _ARROW[self.form]

    def widened(self, other: Shape) -> Shape:
        """The shape holding both (a decimal keeps the larger scale; an integer joins a
        decimal as one of scale 0)."""
        if self.form is Form.LIST and other.form is Form.LIST:
            if self.element is None:
                return other
            if other.element is None:
                return self
            return Shape(Form.LIST, element=self.element.widened(other.element))
        numbers = {Form.INTEGER, Form.DECIMAL}
        if self.form in numbers and other.form in numbers and self.form is not other.form:
            return Shape(Form.DECIMAL, max(self.scale, other.scale))
        if self.form is Form.DECIMAL and other.form is Form.DECIMAL:
            return Shape(Form.DECIMAL, max(self.scale, other.scale))
        return self


@functools.cache
def _built(shape: Shape) -> exp.DataType:
    """The SQL type of `shape`, parsed once: sqlglot parses a type's text each time it
    builds one, a tenth of the translation of the bundled base; callers get a copy."""
    match shape.form:
        case Form.BOOLEAN:
            return exp.DataType.build("BOOLEAN")
        case Form.INTEGER:
            return exp.DataType.build("BIGINT")
        case Form.DECIMAL:
            return exp.DataType.build(f"DECIMAL({PRECISION}, {shape.scale})")
        case Form.DATE:
            return exp.DataType.build("DATE")
        case Form.DURATION:
            fields = ", ".join(f"{unit} BIGINT" for unit in UNITS)
            return exp.DataType.build(f"STRUCT({fields})", dialect="duckdb")
        case Form.TEXT:
            return exp.DataType.build("VARCHAR")
    assert shape.element is not None
    inner = shape.element.sql()
    return exp.DataType(this=exp.DataType.Type.ARRAY, expressions=[inner], nested=True)


_ARROW: dict[Form, pa.DataType] = {
    Form.BOOLEAN: pa.bool_(),
    Form.INTEGER: pa.int64(),
    Form.DATE: pa.date32(),
    Form.DURATION: layout.DURATION,
    Form.TEXT: pa.string(),
}


def of_type(type_: Type, scale: int = 0) -> Shape:
    """The shape of a value of `type_` (`scale` for a decimal one)."""
    form = _FORMS.get(type_.kind)
    if form is None:
        return Shape(Form.TEXT)
    if form is Form.LIST:
        element = of_type(type_.element, scale) if type_.element is not None else None
        return Shape(Form.LIST, element=element)
    return Shape(form, scale if form is Form.DECIMAL else 0)


def fact_shape(type_: Type) -> Shape:
    """The shape of a fact column (`layout.fact_type`)."""
    if type_.kind is Kind.LISTE and type_.element is not None:
        return Shape(Form.LIST, element=fact_shape(type_.element))
    return of_type(type_, layout.FACT_SCALES.get(type_.kind, 0))


def cast(expression: exp.Expr, shape: Shape) -> exp.Expr:
    return exp.Cast(this=expression, to=shape.sql())
