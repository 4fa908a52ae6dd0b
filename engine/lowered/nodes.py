"""The nodes of the lowered program: expressions and rule bodies with everything explicit.

An AST node says what was written; a lowered node says what it means. Each expression has
its type (with its unit: a `montant` is not a `décimal`, a `taux` is a fraction), each
operation names the exact operator it performs (`date + durée` is not `+` on numbers, a
comparison of durations lays both back from the evaluation date), rounding is a node of its
own, the connectives are Kleene's, and a rule body is one of four explicit structures.
A back end translates these nodes one by one and never looks at types, units or the AST to
decide what an operation does.

Every node also keeps what an explanation shows: `text` (the expression as people write it,
`≥ ≤ ≠ ×`), `span` (where it was written), and for the lines of the law their label and
citation. Nodes are frozen and slotted; spans are ignored by equality, as in the AST.

Values of constants are the runtime's: `int` (entier), `Decimal` (décimal, montant, and
taux as a fraction: `60 %` is `Decimal("0.6")`), `datetime.date`, `values.Duration`, `str`
(texte and enumeration values), `bool`.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from ...dsl import nodes
from ...dsl.errors import Span
from ..domain.types import Type

# ---------------------------------------------------------------- expressions


@attrs.frozen
class Expr:
    """An expression: its type, its text for people, where it was written."""

    type: Type = attrs.field(kw_only=True)
    text: str = attrs.field(kw_only=True)
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


@attrs.frozen
class Constant(Expr):
    """A literal, already converted: `60 %` is 0.6, `3 mois` a `Duration(months=3)`."""

    value: object


@attrs.frozen
class FactRef(Expr):
    """A fact of the situation; absent, it is unknown (never false). `text` is how an
    explanation names it (its label, else its name)."""

    name: str


@attrs.frozen
class ParameterRef(Expr):
    """A parameter: its value in force on the evaluation date (`Lowered.parameter`)."""

    name: str


@attrs.frozen
class RuleRef(Expr):
    """A rule: its value on the same situation and date (`Lowered.rule`)."""

    name: str


@attrs.frozen
class Previous(Expr):
    """`précédent`: in a yearly revaluation, the parameter's value the day before the
    anniversary being computed (`Revaluation.previous_day`)."""


class Operator(enum.Enum):
    """What an arithmetic node computes; the operand types say nothing more."""

    ADD = "+"  # entier, décimal, montant or taux of the same unit
    SUBTRACT = "-"
    MULTIPLY = "*"  # numbers, montant × scalar, taux × scalar: an exact product
    DIVIDE = "/"  # a Decimal quotient to 28 significant digits; a zero divisor: V001
    DATE_PLUS_DURATION = "date + durée"  # calendar: 31 janvier + 1 mois = fin février
    DURATION_PLUS_DATE = "durée + date"
    DATE_MINUS_DURATION = "date - durée"
    DATE_MINUS_DATE = "date - date"  # a duration in days
    DURATION_PLUS_DURATION = "durée + durée"  # unit by unit, calendar units kept
    DURATION_MINUS_DURATION = "durée - durée"
    DURATION_TIMES_INTEGER = "durée * entier"  # whichever side the duration is on


@attrs.frozen
class Arithmetic(Expr):
    """`left op right` with its explicit operator. `source` is the AST node, for the
    messages of an evaluation error (V001 division by zero, V002 calendar, V003 too large):
    every arithmetic result is checked against the documented limits."""

    operator: Operator
    left: Expr
    right: Expr
    source: nodes.Arithmetic = attrs.field(eq=False, repr=False)

    @property
    def written(self) -> str:
        """The operator as written: `+ - * /`."""
        return self.source.op


@attrs.frozen
class Negate(Expr):
    """`-x` on a number, montant, taux or durée."""

    operand: Expr


class Rounding(enum.Enum):
    """Half-up rounding (0,005 → 0,01; 0,50 → 1), the way French texts round."""

    CENT = "arrondi_centime"
    EURO = "arrondi_euro"

    @property
    def quantum(self) -> Decimal:
        return Decimal("0.01") if self is Rounding.CENT else Decimal("1")


@attrs.frozen
class Round(Expr):
    """An explicit rounding; the result is a Decimal (a montant when the operand is one)."""

    rounding: Rounding
    operand: Expr


class Extreme(enum.Enum):
    MINIMUM = "minimum"
    MAXIMUM = "maximum"


@attrs.frozen
class Extremum(Expr):
    """The least or greatest of values of one ordered type."""

    extreme: Extreme
    args: tuple[Expr, ...]


@attrs.frozen
class Count(Expr):
    """`nombre(liste)`: how many elements."""

    operand: Expr


@attrs.frozen
class ListOf(Expr):
    """`[a, b]`: every item is needed."""

    items: tuple[Expr, ...]


class Comparator(enum.Enum):
    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="


class Ordering(enum.Enum):
    """How the two sides of a comparison are ordered."""

    VALUES = "valeurs"  # numbers, montants, taux, dates, and equality of anything
    DURATIONS = "durées"  # both laid back from the evaluation date, compared in hours


@attrs.frozen
class Compare(Expr):
    """A comparison; `source` is the AST node, for the message of an evaluation error (a
    duration laid back before the year 1, V002)."""

    comparator: Comparator
    ordering: Ordering
    left: Expr
    right: Expr
    source: nodes.Comparison = attrs.field(eq=False, repr=False)


@attrs.frozen
class Member(Expr):
    """`item dans liste`."""

    item: Expr
    collection: Expr


@attrs.frozen
class Not(Expr):
    """Kleene negation: unknown stays unknown."""

    operand: Expr


class Connective(enum.Enum):
    AND = "et"
    OR = "ou"


@attrs.frozen
class Logical(Expr):
    """Kleene `et` / `ou`, read left to right: `faux et inconnu` is `faux`, `vrai ou non
    couvert` is `vrai`; the right operand is not read once the left one decides."""

    connective: Connective
    left: Expr
    right: Expr


class Quantifier(enum.Enum):
    ALL = "toutes"
    ANY = "une"
    NONE = "aucune"


@attrs.frozen
class Group(Expr):
    """`toutes` (Kleene conjunction), `une` (disjunction) or `aucune` (negated disjunction)
    `de ces conditions`; every line is read."""

    quantifier: Quantifier
    items: tuple[Expr, ...]


@attrs.frozen
class Line(Expr):
    """A line of a condition list with a label or a citation: the condition itself, shown
    as one line of the law (`text` is its label, else its expression; `span` the line's)."""

    condition: Expr
    label: str | None
    citation: str | None


@attrs.frozen
class Implication(Expr):
    """A guarded line, `- A si B`: true when the guard B is false, else the value of A; the
    condition is read only when the guard is not false."""

    condition: Expr
    guard: Expr
    label: str | None
    citation: str | None


# ---------------------------------------------------------------- rule bodies


@attrs.frozen
class Case:
    """`valeur si condition`; `text` is `valeur si condition` (the head of a condition
    list for a group)."""

    condition: Expr
    value: Expr
    text: str
    citation: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Formula:
    """`= expr` (or the value of `sinon`): the value, with its own citation when it has
    one; `text` is the expression as written."""

    value: Expr
    text: str
    citation: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Otherwise:
    """What the cases give when none applies: `sinon valeur`, or without one *non
    applicable* (`value` None). `text` is `sinon …` or `aucun cas ne s'applique`."""

    value: Formula | None
    text: str
    span: Span | None = attrs.field(eq=False, repr=False)

    @property
    def citation(self) -> str | None:
        return self.value.citation if self.value is not None else None


@attrs.frozen
class Cases:
    """Cases tried in order. A case whose condition is undecided does not stop the search:
    the value found after it stands only if that case would give the same value."""

    cases: tuple[Case, ...]
    otherwise: Otherwise


@attrs.frozen
class KeyEqual:
    value: Expr


@attrs.frozen
class KeyRange:
    """`de A à B`: both ends included."""

    low: Expr
    high: Expr


@attrs.frozen
class KeyAtLeast:
    low: Expr


@attrs.frozen
class KeyBelow:
    """`moins de B`: B excluded."""

    high: Expr


@attrs.frozen
class KeyOther:
    pass


RowKey = KeyEqual | KeyRange | KeyAtLeast | KeyBelow | KeyOther


def key_bounds(key: RowKey) -> tuple[Expr, ...]:
    """The expressions a row's key compares the barème's key with."""
    match key:
        case KeyEqual(value=value):
            return (value,)
        case KeyRange(low=low, high=high):
            return (low, high)
        case KeyAtLeast(low=low):
            return (low,)
        case KeyBelow(high=high):
            return (high,)
    return ()


@attrs.frozen
class Row:
    key: RowKey
    value: Expr
    text: str
    citation: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Table:
    """A barème: the first row whose key matches gives the value; none matching, the rule
    is not applicable; an undecided key or bound leaves it undecided."""

    key: Expr
    rows: tuple[Row, ...]
    text: str
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Element:
    """A list element, kept when its condition (if any) holds."""

    value: Expr
    condition: Expr | None
    text: str
    citation: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class ListBuild:
    """`liste :`: the elements kept, in order; undecided while any condition or kept
    element is."""

    elements: tuple[Element, ...]
    span: Span | None = attrs.field(eq=False, repr=False)


Body = Formula | Cases | Table | ListBuild
