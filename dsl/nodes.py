"""The abstract syntax tree of a rule file.

Nodes are frozen, slotted attrs classes named by bare nouns. Every node carries the span of
the text it came from, ignored by equality, so tests can build expected trees by hand and a
reformatted file compares equal to the original.
"""

from __future__ import annotations

import datetime
import enum
import re
import unicodedata
from decimal import Decimal

import attrs

from .errors import Span


@attrs.frozen
class Node:
    span: Span | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)


# ---------------------------------------------------------------- sources and periods


@attrs.frozen
class Citation(Node):
    """The legal reference a rule, condition or value rests on (`selon "…"`)."""

    text: str


@attrs.frozen
class Period(Node):
    """Days in force, both ends included; `None` is an open end."""

    start: datetime.date | None
    end: datetime.date | None

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# ---------------------------------------------------------------- types


@attrs.frozen
class TypeName(Node):
    name: str


@attrs.frozen
class EnumType(Node):
    values: tuple[str, ...]


@attrs.frozen
class ListType(Node):
    element: TypeExpr


TypeExpr = TypeName | EnumType | ListType


# ---------------------------------------------------------------- expressions


@attrs.frozen
class Number(Node):
    """A bare number; `integral` keeps `3` (entier) apart from `3.0` (décimal)."""

    value: Decimal
    integral: bool


@attrs.frozen
class Quantity(Node):
    """A number with a unit: `50 €`, `60 %`, `3 mois`; the unit is normalised to singular."""

    value: Decimal
    unit: str


@attrs.frozen
class DateLiteral(Node):
    value: datetime.date


@attrs.frozen
class Text(Node):
    value: str


@attrs.frozen
class Boolean(Node):
    value: bool


@attrs.frozen
class Name(Node):
    """A name as written; the names pass turns it into a `Ref`."""

    name: str


@attrs.frozen
class Ref(Node):
    """A resolved name: `kind` is donnée, paramètre, règle or valeur (an enumeration value)."""

    kind: str
    name: str


@attrs.frozen
class Previous(Node):
    """`précédent`: in a yearly parameter value, the parameter's value the day before the
    anniversary being computed (the type checker refuses it anywhere else)."""


@attrs.frozen
class Call(Node):
    function: str
    args: tuple[Expr, ...]


@attrs.frozen
class ListLiteral(Node):
    items: tuple[Expr, ...]


@attrs.frozen
class Negation(Node):
    operand: Expr


@attrs.frozen
class Arithmetic(Node):
    op: str
    left: Expr
    right: Expr


@attrs.frozen
class Comparison(Node):
    op: str
    left: Expr
    right: Expr


@attrs.frozen
class Membership(Node):
    item: Expr
    collection: Expr


@attrs.frozen
class Not(Node):
    operand: Expr


@attrs.frozen
class Logical(Node):
    """`et` / `ou` between two conditions."""

    op: str
    left: Expr
    right: Expr


@attrs.frozen
class Check(Node):
    """One line of a condition list: `- "libellé" : expr si garde selon "…"`.

    A guard makes the line an implication: it holds when the guard does not.
    """

    label: str | None
    expr: Expr
    guard: Expr | None = None
    citation: Citation | None = None


@attrs.frozen
class Group(Node):
    """`toutes` / `une` / `aucune` `de ces conditions`, one `Check` per line."""

    quantifier: str
    items: tuple[Check, ...]


Expr = (
    Number
    | Quantity
    | DateLiteral
    | Text
    | Boolean
    | Name
    | Ref
    | Previous
    | Call
    | ListLiteral
    | Negation
    | Arithmetic
    | Comparison
    | Membership
    | Not
    | Logical
    | Group
)


# ---------------------------------------------------------------- rule bodies


@attrs.frozen
class Value(Node):
    """`= expr`: the value of the rule when no case applies first."""

    value: Expr
    citation: Citation | None = None


@attrs.frozen
class Case(Node):
    """`valeur si condition`: cases are tried in order."""

    value: Expr
    condition: Expr
    citation: Citation | None = None


@attrs.frozen
class Default(Node):
    """`sinon valeur`."""

    value: Expr
    citation: Citation | None = None


@attrs.frozen
class Unless(Node):
    """`sauf valeur si condition`: an exception written inside its base rule."""

    value: Expr
    condition: Expr
    citation: Citation | None = None


@attrs.frozen
class KeyEqual(Node):
    value: Expr


@attrs.frozen
class KeyRange(Node):
    low: Expr
    high: Expr


@attrs.frozen
class KeyAtLeast(Node):
    low: Expr


@attrs.frozen
class KeyBelow(Node):
    high: Expr


@attrs.frozen
class KeyOther(Node):
    pass


RowKey = KeyEqual | KeyRange | KeyAtLeast | KeyBelow | KeyOther


def bounds(key: RowKey) -> list[Expr]:
    """The expressions a barème key compares its value with."""
    match key:
        case KeyEqual(value=value):
            return [value]
        case KeyRange(low=low, high=high):
            return [low, high]
        case KeyAtLeast(low=low):
            return [low]
        case KeyBelow(high=high):
            return [high]
    return []


@attrs.frozen
class Row(Node):
    key: RowKey
    value: Expr
    citation: Citation | None = None


@attrs.frozen
class Table(Node):
    """`suivant clé :` then one row per value or bracket of the key (a barème)."""

    key: Expr
    rows: tuple[Row, ...]


@attrs.frozen
class Element(Node):
    value: Expr
    condition: Expr | None = None
    citation: Citation | None = None


@attrs.frozen
class ListBuild(Node):
    """`liste :` then one element per line, each kept when its condition holds."""

    elements: tuple[Element, ...]


Clause = Value | Case | Default | Unless | Table | ListBuild


# ---------------------------------------------------------------- declarations


class ArticleEvent(enum.Enum):
    """What an article section says of the article's life, in Légifrance's words: its first
    version (« Création … », « Créé par … ») or its end (« Abrogé par … »)."""

    CREATION = "création"
    ABROGATION = "abrogation"


_EVENT_WORDS = re.compile(r"(?P<creation>creation|creee?)\b|(?P<abrogation>abrogation|abrogee?)\b")


def article_event(amendment: str | None) -> ArticleEvent | None:
    """The event an amending text starts with (case and accents ignored), if any."""
    if amendment is None:
        return None
    plain = unicodedata.normalize("NFD", amendment.strip()).casefold()
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    found = _EVENT_WORDS.match(plain)
    if found is None:
        return None
    return ArticleEvent.CREATION if found["creation"] else ArticleEvent.ABROGATION


def _event_of(article: Article) -> ArticleEvent | None:
    return article_event(article.amendment)


@attrs.frozen
class Article(Node):
    """`§ CSS R.162-65 | depuis 2025-05-16 (décret …)` and its quoted lines (`> …`).

    `event` is read from the amending text, which stays verbatim (the formatter prints it
    back as written): `(création : loi …)` opens the article's life, `(abrogé par …)` ends it.
    """

    reference: str
    period: Period | None
    amendment: str | None
    lines: tuple[str, ...]
    event: ArticleEvent | None = attrs.field(
        default=attrs.Factory(_event_of, takes_self=True), kw_only=True
    )


@attrs.frozen
class Bounds(Node):
    low: Expr
    high: Expr


@attrs.frozen
class Fact(Node):
    """`donnée`: an input of the situation."""

    name: str
    type: TypeExpr
    question: str | None = None
    description: str | None = None
    label: str | None = None
    bounds: Bounds | None = None
    citation: Citation | None = None


@attrs.frozen
class ParameterValue(Node):
    """One value of a parameter over a period. A `yearly` value (`… chaque année depuis D`)
    is recomputed on every anniversary of D within the period, in the law in force that day,
    from `précédent` (the value the day before); see `engine/recurrence.py`."""

    value: Expr
    period: Period
    citation: Citation | None = None
    yearly: bool = False


@attrs.frozen
class Parameter(Node):
    """`paramètre`: a figure of the law, one value per period in force."""

    name: str
    type: TypeExpr
    values: tuple[ParameterValue, ...]
    label: str | None = None
    description: str | None = None


@attrs.frozen
class Applicability(Node):
    condition: Expr
    citation: Citation | None = None


@attrs.frozen
class Rule(Node):
    """`règle` (internal) or `conclusion` (public): a value computed from others."""

    name: str
    type: TypeExpr
    public: bool
    clauses: tuple[Clause, ...]
    period: Period | None = None
    citation: Citation | None = None
    label: str | None = None
    description: str | None = None
    applicability: Applicability | None = None


@attrs.frozen
class Derogation(Node):
    """`exception [nom] à règle [prime sur …]`: cases that override a rule when they apply."""

    name: str | None
    target: str
    cases: tuple[Case, ...]
    prevails_over: tuple[str, ...] = ()
    period: Period | None = None
    citation: Citation | None = None
    label: str | None = None
    description: str | None = None


Item = Article | Fact | Parameter | Rule | Derogation


@attrs.frozen
class Comment(Node):
    """A `#` comment; kept apart from the items so the formatter can put it back."""

    text: str


@attrs.frozen
class Module(Node):
    """One parsed rule file."""

    path: str
    items: tuple[Item, ...]
    comments: tuple[Comment, ...] = ()
