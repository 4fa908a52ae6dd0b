"""The z3 terms both sides of a symbolic search are built of: symbolic values (`Sym`, with
their non-applicability), durations, and the simplifying connectives.

A `Sym` has a z3 `Sort` chosen from the type of the lowered node it translates (how a value
is represented, never what an operation does: the lowered nodes say that), and, when it is
a constant, the runtime's own value (`known`), so operations on constants are computed by
the same functions as the reference interpreter (`engine/lowered/operations.py`).

Apart from the encoder so that the fact variables (`variables`), the operators
(`operators`) and the translation (`expressions`, `symbolic`) share them.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

import attrs
import z3

from ..engine.domain.types import Kind, Type
from ..engine.domain.values import CalendarError, add_months

FALSE = z3.BoolVal(False)
TRUE = z3.BoolVal(True)


class Unsupported(Exception):
    """A construct the symbolic encoding does not cover; the search falls back to boundaries."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def any_(*terms: Any) -> Any:
    kept = [t for t in terms if not z3.is_false(t)]
    if any(z3.is_true(t) for t in kept):
        return TRUE
    return FALSE if not kept else kept[0] if len(kept) == 1 else z3.Or(*kept)


def all_(*terms: Any) -> Any:
    kept = [t for t in terms if not z3.is_true(t)]
    if any(z3.is_false(t) for t in kept):
        return FALSE
    return TRUE if not kept else kept[0] if len(kept) == 1 else z3.And(*kept)


def not_(term: Any) -> Any:
    if z3.is_true(term):
        return FALSE
    if z3.is_false(term):
        return TRUE
    return z3.Not(term)


class Sort(enum.Enum):
    """How a value is represented in z3."""

    BOOL = "booléen"
    INT = "entier"  # entier
    REAL = "réel"  # décimal, montant, taux (a fraction)
    DATE = "date"  # a day ordinal
    DURATION = "durée"  # a `Dur`
    TEXT = "texte"
    ENUM = "énumération"  # a value's index in the vocabulary both sides share
    LIST = "liste"  # a sequence of its elements' sort


@attrs.frozen(eq=False)
class Dur:
    """A duration: months are a Python constant (calendar arithmetic on a symbolic month count
    is not linear), days and hours are z3 integers."""

    months: int
    days: Any
    hours: Any

    def hours_at(self, anchor: datetime.date) -> Any:
        """Its length laid back from `anchor`, as `values.length_in_hours`."""
        try:
            start = add_months(anchor, -self.months)
        except CalendarError:
            raise Unsupported("durée qui sort du calendrier") from None
        return (anchor - start).days * 24 + self.days * 24 + self.hours


UNSET: Any = object()
"""The `known` of a value that is not a constant."""


@attrs.frozen(eq=False)
class Sym:
    """A symbolic value: its sort, when it is not applicable, its value otherwise, and the
    runtime's value when it is a constant."""

    sort: Sort
    na: Any
    value: Any
    element: Sort | None = None
    known: object = UNSET

    def truth(self) -> Any:
        """Where this condition is true (applicable and true)."""
        return all_(not_(self.na), self.value)

    def falsity(self) -> Any:
        return all_(not_(self.na), not_(self.value))


def boolean(na: Any, value: Any) -> Sym:
    """A condition; a constant one knows its value."""
    constant = z3.is_false(na) and (z3.is_true(value) or z3.is_false(value))
    return Sym(Sort.BOOL, na, value, known=z3.is_true(value) if constant else UNSET)


SORTS: dict[Sort, Callable[[], Any]] = {
    Sort.BOOL: z3.BoolSort,
    Sort.INT: z3.IntSort,
    Sort.REAL: z3.RealSort,
    Sort.DATE: z3.IntSort,
    Sort.ENUM: z3.IntSort,
    Sort.TEXT: z3.StringSort,
}

_KINDS = {
    Kind.BOOLEEN: Sort.BOOL,
    Kind.ENTIER: Sort.INT,
    Kind.DECIMAL: Sort.REAL,
    Kind.MONTANT: Sort.REAL,
    Kind.TAUX: Sort.REAL,
    Kind.DATE: Sort.DATE,
    Kind.DUREE: Sort.DURATION,
    Kind.TEXTE: Sort.TEXT,
    Kind.ENUM: Sort.ENUM,
    Kind.VALUE: Sort.ENUM,
}


def sort_of(type_: Type) -> tuple[Sort, Sort | None]:
    """The sort of a type, and of its elements for a list."""
    found = _KINDS.get(type_.kind)
    if found is not None:
        return found, None
    if type_.kind is Kind.LISTE and type_.element is not None:
        element, _ = sort_of(type_.element)
        if element not in SORTS:
            raise Unsupported(f"liste de {type_.element}")
        return Sort.LIST, element
    raise Unsupported(f"type {type_}")


def sequence(element: Sort | None) -> Any:
    return z3.SeqSort(SORTS[element or Sort.INT]())


def concat(parts: list[Any], sort: Any) -> Any:
    if not parts:
        return z3.Empty(sort)
    return parts[0] if len(parts) == 1 else z3.Concat(*parts)


def placeholder(sort: Sort, element: Sort | None = None) -> Sym:
    """A non-applicable value of a sort (its value is never read)."""
    if sort is Sort.DURATION:
        return Sym(sort, TRUE, Dur(0, z3.IntVal(0), z3.IntVal(0)))
    if sort is Sort.LIST:
        return Sym(sort, TRUE, z3.Empty(sequence(element)), element)
    return Sym(sort, TRUE, _ZEROS[sort]())


_ZEROS: dict[Sort, Callable[[], Any]] = {
    Sort.BOOL: lambda: FALSE,
    Sort.INT: lambda: z3.IntVal(0),
    Sort.REAL: lambda: z3.RealVal(0),
    Sort.DATE: lambda: z3.IntVal(0),
    Sort.ENUM: lambda: z3.IntVal(-1),
    Sort.TEXT: lambda: z3.StringVal(""),
}


def as_sort(sym: Sym, sort: Sort) -> Sym:
    """`sym` where a value of `sort` is declared: an entier read as a décimal is a real."""
    if sym.sort is Sort.INT and sort is Sort.REAL:
        return Sym(Sort.REAL, sym.na, z3.ToReal(sym.value), known=sym.known)
    return sym


def ite(condition: Any, a: Sym, b: Sym) -> Sym:
    if z3.is_true(condition):
        return a
    if z3.is_false(condition):
        return b
    na = a.na if a.na.eq(b.na) else z3.If(condition, a.na, b.na)
    if a.sort is Sort.DURATION or b.sort is Sort.DURATION:
        if a.sort is not b.sort or a.value.months != b.value.months:
            raise Unsupported("durées de mois différents selon les cas")
        value: Any = Dur(
            a.value.months,
            z3.If(condition, a.value.days, b.value.days),
            z3.If(condition, a.value.hours, b.value.hours),
        )
        return Sym(Sort.DURATION, na, value)
    sort = a.sort if a.sort is b.sort else common_sort(a.sort, b.sort)
    return Sym(sort, na, z3.If(condition, a.value, b.value), a.element or b.element)


def common_sort(a: Sort, b: Sort) -> Sort:
    if {a, b} == {Sort.INT, Sort.REAL}:
        return Sort.REAL
    raise Unsupported(f"valeurs de sortes différentes ({a.value}, {b.value})")


def differs(old: Sym, new: Sym) -> Any:
    """Where the two outcomes differ: applicable on one side only, or different values."""
    both = all_(not_(old.na), not_(new.na))
    return any_(z3.Xor(old.na, new.na), all_(both, not_(equal(old, new))))


def equal(a: Sym, b: Sym) -> Any:
    """Where two values of one sort are equal; two constants are compared as the runtime
    compares them."""
    if a.known is not UNSET and b.known is not UNSET:
        return z3.BoolVal(a.known == b.known)
    if a.sort is Sort.DURATION or b.sort is Sort.DURATION:
        if a.sort is not b.sort:
            raise Unsupported("une durée comparée à autre chose")
        same = a.value.months == b.value.months
        return all_(z3.BoolVal(same), a.value.days == b.value.days, a.value.hours == b.value.hours)
    if a.sort is not b.sort:
        common_sort(a.sort, b.sort)
    if a.sort is Sort.LIST and a.element is not b.element:
        raise Unsupported("listes d'éléments de sortes différentes")
    return a.value == b.value
