"""Conditions folded at compile time where an operand is known (a constant, a parameter of
the day): `faux et x` is `faux` without reading `x`, `x et vrai` is `x`, a group drops the
lines that cannot change it. Only what the evaluator would give is folded: an operand that
could raise an error or a conflict when read is kept."""

from __future__ import annotations

from collections.abc import Sequence

from ..lowered import nodes as low
from .literals import known
from .shapes import Form, Shape
from .terms import RAISING, Term

BOOLEAN = Shape(Form.BOOLEAN)


def truth(term: Term) -> bool | None:
    """The value of a term known to be `vrai` or `faux`, else None."""
    if term.known is None:
        return None
    (value,) = term.known
    return value if isinstance(value, bool) else None


def _raises(term: Term) -> bool:
    return bool(term.statuses & RAISING)


def logical(connective: low.Connective, left: Term, right: Term) -> Term | None:
    """`left et/ou right` when an operand decides it or drops out, else None."""
    decisive = connective is low.Connective.OR
    a, b = truth(left), truth(right)
    if a is decisive:
        return known(decisive, BOOLEAN)  # the right operand is not read
    if a is not None:
        return right
    if b is decisive and not _raises(left):
        return known(decisive, BOOLEAN)
    if b is not None:
        return left
    return None


def group(quantifier: low.Quantifier, items: Sequence[Term]) -> tuple[Term | None, list[Term]]:
    """A group decided by a known line (none of the others raising), or the lines that
    can still change it."""
    decisive = quantifier is not low.Quantifier.ALL
    raising = any(_raises(i) for i in items)
    if not raising and any(truth(i) is decisive for i in items):
        found = decisive if quantifier is not low.Quantifier.NONE else not decisive
        return known(found, BOOLEAN), []
    kept = [i for i in items if truth(i) is None]
    if not kept:  # every line known and none decisive: toutes vrai, une faux, aucune vrai
        return known(quantifier is not low.Quantifier.ANY, BOOLEAN), []
    return None, kept


def negation(term: Term) -> Term | None:
    value = truth(term)
    return None if value is None else known(not value, BOOLEAN)
