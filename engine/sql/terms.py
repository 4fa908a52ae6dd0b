"""A translated expression: its value, its status and its detail as SQL expressions.

Every lowered expression becomes a `Term` of three SQL expressions over one row:

- `value`, null exactly when the status is not `valeur` (the invariant every translation
  keeps, so that "undecided" is `value IS NULL` and SQL's own null propagation carries the
  operations that need all their operands);
- the status, a code of `Code` (the order of `layout.STATUSES`): which special value;
- the detail: when unknown or not covered, the bit mask of the facts missing (the
  `missing` of `Unknown`, one bit per fact, in name order: completion reads it); when an
  error or a conflict, the index of what raised it (`Raises`); 0 otherwise.

`statuses` holds the codes a term can have, known at compile time: a term that is never
special costs its value alone, and one with a single special status derives it from its
value's nullness instead of computing it. The status and the detail are then `None`.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from functools import reduce

import attrs
from sqlglot import exp

from ...dsl.limits import MAX_MAGNITUDE
from .shapes import Shape

Bounds = tuple[Decimal, Decimal]
LIMIT = Decimal(MAX_MAGNITUDE)
WITHIN: Bounds = (-LIMIT + Decimal("1e-20"), LIMIT - Decimal("1e-20"))
"""What any value of a number can be: below the documented limit (a calculation that
reaches it is an error, V003)."""


class Code(enum.IntEnum):
    """Status codes, in the order of `layout.STATUSES`. Combining the statuses of operands
    that are all needed takes the greatest below `ERROR` (not covered beats unknown beats
    non applicable, as `outcomes.merge`); an error or a conflict is raised by the first
    operand evaluated that raises it, as the evaluator stops there."""

    VALUE = 0
    NOT_APPLICABLE = 1
    UNKNOWN = 2
    NOT_COVERED = 3
    ERROR = 4
    CONFLICT = 5


VALUE_ONLY = frozenset({Code.VALUE})
RAISING = frozenset({Code.ERROR, Code.CONFLICT})
UNDECIDED = frozenset({Code.UNKNOWN, Code.NOT_COVERED})


def number(value: int) -> exp.Expr:
    return exp.Literal.number(value)


ZERO = number(0)
NULL = exp.Null()


def alias(expression: exp.Expr, name: str, quoted: bool = False) -> exp.Expr:
    """`expression AS name`, without copying `expression` (sqlglot's builders copy by
    default, which made compiling quadratic)."""
    return exp.alias_(expression, name, quoted=quoted, copy=False)


def select(*expressions: exp.Expr | str) -> exp.Select:
    return exp.Select().select(*expressions, copy=False)


def wrapped(expression: exp.Expr) -> exp.Expr:
    """`expression` in parentheses when an operator around it could bind into it."""
    if isinstance(expression, exp.Binary | exp.Connector | exp.Not | exp.Neg | exp.Between):
        return exp.Paren(this=expression)
    return expression


def conj(this: exp.Expr, expression: exp.Expr) -> exp.Expr:
    """`this AND expression`, parenthesised as needed (sqlglot's trees do not add them)."""
    return exp.and_(this, expression, copy=False)


def disj(this: exp.Expr, expression: exp.Expr) -> exp.Expr:
    return exp.or_(this, expression, copy=False)


def neg(this: exp.Expr) -> exp.Expr:
    return exp.Not(this=wrapped(this))


def is_(this: exp.Expr, expression: exp.Expr) -> exp.Expr:
    return exp.Is(this=wrapped(this), expression=expression)


def is_null(expression: exp.Expr) -> exp.Expr:
    return is_(expression, exp.Null())


def not_null(expression: exp.Expr) -> exp.Expr:
    return neg(is_null(expression))


def is_true(expression: exp.Expr) -> exp.Expr:
    return is_(expression, exp.true())


def is_false(expression: exp.Expr) -> exp.Expr:
    return is_(expression, exp.false())


def when(*branches: tuple[exp.Expr, exp.Expr], otherwise: exp.Expr | None = None) -> exp.Expr:
    """`CASE WHEN c1 THEN v1 … ELSE otherwise END`; a lone `ELSE` is its value."""
    if not branches:
        return otherwise if otherwise is not None else exp.Null()
    case = exp.Case()
    for condition, result in branches:
        case = case.when(condition, result, copy=False)
    return case.else_(otherwise, copy=False) if otherwise is not None else case


def any_of(conditions: Sequence[exp.Expr]) -> exp.Expr:
    if not conditions:
        return exp.false()
    return reduce(disj, conditions)


def all_of(conditions: Sequence[exp.Expr]) -> exp.Expr:
    if not conditions:
        return exp.true()
    return reduce(conj, conditions)


def bit_or(masks: Sequence[exp.Expr]) -> exp.Expr:
    found = [m for m in masks if m != ZERO]
    if not found:
        return ZERO
    return reduce(lambda a, b: exp.BitwiseOr(this=a, expression=b), found)


def greatest(codes: Sequence[exp.Expr]) -> exp.Expr:
    found = list(dict.fromkeys(c for c in codes if c != ZERO))
    if not found:
        return ZERO
    if len(found) == 1:
        return found[0]
    return exp.Greatest(this=found[0], expressions=found[1:], ignore_nulls=True)


@attrs.frozen
class Term:
    """One translated expression (see the module docstring). `level` is the first layer of
    the query where it can be computed: one past the layer of each column it reads."""

    value: exp.Expr
    shape: Shape
    statuses: frozenset[Code] = VALUE_ONLY
    status_expr: exp.Expr | None = None
    detail_expr: exp.Expr | None = None
    level: int = 0
    bounds: Bounds = WITHIN
    """The interval a number's value lies in, known at compile time (facts' `entre`,
    constants, and what operations make of them): where it stays within the limit, no
    check is written."""
    known: tuple[object] | None = None
    """The value itself, boxed, when the compiler knows it (a constant, a parameter)."""

    @property
    def special(self) -> frozenset[Code]:
        return self.statuses - VALUE_ONLY

    @property
    def status(self) -> exp.Expr:
        """The status code as SQL: given, or derived from the value's nullness."""
        if self.status_expr is not None:
            return self.status_expr
        special = self.special
        if not special:
            return ZERO
        assert len(special) == 1, self.statuses
        (code,) = special
        return when((is_null(self.value), number(code)), otherwise=ZERO)

    @property
    def detail(self) -> exp.Expr:
        return self.detail_expr if self.detail_expr is not None else ZERO

    @property
    def decided(self) -> exp.Expr:
        """True when the status is `valeur`."""
        return not_null(self.value) if self.special else exp.true()

    @property
    def undecided(self) -> exp.Expr:
        return is_null(self.value) if self.special else exp.false()

    def can(self, *codes: Code) -> bool:
        return any(code in self.statuses for code in codes)


def constant(value: exp.Expr, shape: Shape) -> Term:
    return Term(value, shape)


def special(code: Code, shape: Shape, detail: exp.Expr | None = None) -> Term:
    """A term that is always `code` (a rule absent on the day, a parameter not covered)."""
    return Term(
        exp.Cast(this=exp.Null(), to=shape.sql()),
        shape,
        frozenset({code}),
        number(code),
        detail,
    )


def status_of(codes: frozenset[Code], status: exp.Expr) -> exp.Expr | None:
    """`status` unless the codes let it be derived from the value (None then)."""
    return status if len(codes - VALUE_ONLY) > 1 else None


def conj_(*conditions: exp.Expr) -> exp.Expr:
    return all_of(list(conditions))


def disj_(*conditions: exp.Expr) -> exp.Expr:
    return any_of(list(conditions))
