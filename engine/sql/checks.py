"""The checks of the documented limits that make a row's status an evaluation error, as
the evaluator stops there: V003 (a result reaching 10^15), V002 (a date out of the calendar),
V001 (a division by zero)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from .shapes import Form, Shape, cast
from .terms import LIMIT, WITHIN, Bounds, Code, Term, disj, number, when

if TYPE_CHECKING:
    from .expressions import Expressions


def limited(tr: Expressions, term: Term, outside: exp.Expr | None = None) -> Term:
    """`term`, an error (V003) on the rows where its value reaches the limit (or where
    `outside` holds, for a value not computed there)."""
    term = tr.bound(term)
    magnitude = exp.GTE(this=exp.Abs(this=term.value), expression=_limit(term.shape))
    bad = magnitude if outside is None else disj(this=outside, expression=magnitude)
    return raising(tr, term, bad, "V003")


def raising(tr: Expressions, term: Term, bad: exp.Expr, code: str) -> Term:
    """`term`, an evaluation error `code` where `bad` holds (null or false: not)."""
    raised = tr.scope.raised(code)
    shape = term.shape
    value = when((bad, exp.Null()), otherwise=term.value)
    statuses = term.statuses | {Code.ERROR}
    status = when((bad, number(Code.ERROR)), otherwise=term.status)
    detail = when((bad, number(raised)), otherwise=term.detail)
    return Term(value, shape, statuses, status, detail, term.level, clipped(term.bounds))


def _limit(shape: Shape) -> exp.Expr:
    literal = exp.Literal.number(int(LIMIT))
    return literal if shape.form is Form.INTEGER else cast(literal, Shape(Form.DECIMAL, 0))


def clipped(bounds: Bounds) -> Bounds:
    """What a value that passed its check can be."""
    return (max(bounds[0], WITHIN[0]), min(bounds[1], WITHIN[1]))
