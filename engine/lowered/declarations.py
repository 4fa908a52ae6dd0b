"""What the law says of each rule and parameter on one day, lowered: the version in force
with its exceptions, the parameter's value or its yearly revaluation, or why there is none.

A `Version` or a parameter value is lowered once and shared by every day it is in force; a
`Rule` or a `Revaluation` pairs it with what depends on the day (the exceptions in force, the
anniversary of the revaluation). Each carries what the explanation shows: the label (`text`),
the span, the citation of its source and the article it is written under (`article`, which
the explanation resolves to the article's version in force that day).
"""

from __future__ import annotations

import datetime
import enum

import attrs

from ...dsl import nodes
from ...dsl.errors import Span
from ..domain.outcomes import Gap
from ..domain.types import Type
from .nodes import Body, Case, Expr


@attrs.frozen
class Derogation:
    """An exception to a rule: its cases are tried in order, the first that applies gives
    its value. `overrides` holds the keys of the exceptions it prevails over (`prime sur`,
    transitively): one that applies silences them. Two applying exceptions that neither
    prevails over the other and give different values are a conflict (C001), never a
    choice. `inline` is a `sauf … si …` written in the rule itself (one case)."""

    key: str
    overrides: frozenset[str]
    cases: tuple[Case, ...]
    inline: bool
    type: Type
    text: str
    citation: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Version:
    """One version of a rule, lowered: *non applicable* unless `applicability` holds, then
    its exceptions (default logic), else its body. `index` is its rank among the rule's
    versions (a key for the caches of a back end)."""

    name: str
    index: int
    type: Type
    public: bool
    applicability: Expr | None
    body: Body
    unless: tuple[Derogation, ...]
    text: str
    citation: str | None
    period: nodes.Period | None
    article: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Rule:
    """A rule in force on the day: its version and the exceptions declared elsewhere that
    are in force too (in declaration order, after the version's own `sauf`)."""

    version: Version
    derogations: tuple[Derogation, ...]

    @property
    def name(self) -> str:
        return self.version.name

    @property
    def type(self) -> Type:
        return self.version.type

    @property
    def exceptions(self) -> tuple[Derogation, ...]:
        """Every exception in force, in the order they are tried."""
        return self.version.unless + self.derogations


@attrs.frozen
class Parameter:
    """A fixed value of a parameter (`value` reads only other parameters and constants)."""

    name: str
    index: int
    type: Type
    value: Expr
    text: str
    citation: str | None
    period: nodes.Period | None
    article: str | None
    span: Span | None = attrs.field(eq=False, repr=False)


@attrs.frozen
class Yearly:
    """A yearly value, `formula chaque année depuis D`: on each anniversary of `start`
    within `period`, `formula` is computed in the law of that day, `Previous` reading the
    parameter's value the day before. Once an anniversary gives no value (unknown, not
    covered…) the parameter keeps that outcome for the rest of the period."""

    name: str
    index: int
    type: Type
    formula: Expr
    text: str
    citation: str | None
    period: nodes.Period
    article: str | None
    span: Span | None = attrs.field(eq=False, repr=False)

    @property
    def start(self) -> datetime.date:
        assert self.period.start is not None  # E412
        return self.period.start


@attrs.frozen
class Revaluation:
    """A yearly value on a day: the revaluation of `anniversary` (the latest on or before
    the day) is the one that holds."""

    yearly: Yearly
    anniversary: datetime.date

    @property
    def name(self) -> str:
        return self.yearly.name

    @property
    def type(self) -> Type:
        return self.yearly.type

    @property
    def previous_day(self) -> datetime.date:
        """The day `Previous` reads the parameter on."""
        return self.anniversary - datetime.timedelta(days=1)


@attrs.frozen
class Fact:
    """A fact of the situation: its type and, when declared (`entre … et …`), the values a
    situation may give (`low`, `high`: a number, montant, taux, date or durée; None for an
    open end). The back ends that search situations (z3) keep within them."""

    name: str
    type: Type
    low: object
    high: object
    text: str
    span: Span | None = attrs.field(eq=False, repr=False)


class Symbol(enum.Enum):
    RULE = "règle"
    PARAMETER = "paramètre"


class Reason(enum.Enum):
    """Why a rule or parameter has no version on a day."""

    NOT_CREATED = "pas encore créé"  # before the creation of its article: non applicable
    ABROGATED = "abrogé"  # on or after the abrogation of its article: non applicable
    NOT_COVERED = "non couvert"  # its article is in force, the rule base stops: `gap`
    NO_VERSION = "sans version"  # a hole between versions (the versions pass refuses it)


@attrs.frozen
class Absent:
    """A rule or parameter without a version on the day. Not applicable (`NOT_CREATED`,
    `ABROGATED`, with `note` saying so in French) or not covered (`gap` says how far the rule
    base goes). `article` is the article that says so."""

    name: str
    symbol: Symbol
    type: Type
    reason: Reason
    article: str | None
    note: str | None
    gap: Gap | None
    text: str
    span: Span | None = attrs.field(eq=False, repr=False)

    @property
    def applicable(self) -> bool:
        """False when the law does not apply; True when it does but the rule base stops."""
        return self.reason is Reason.NOT_COVERED


RuleAt = Rule | Absent
ParameterAt = Parameter | Revaluation | Absent
