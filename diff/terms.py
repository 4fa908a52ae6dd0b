"""The z3 terms both sides of a symbolic search are built of: symbolic values (`Sym`, with
their non-applicability), durations, and the simplifying connectives.

Apart from the encoder so that the fact variables (`variables`) and the encoder
(`symbolic`) share them without importing each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

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


class Dur:
    """A duration: months are a Python constant (calendar arithmetic on a symbolic month count
    is not linear), days and hours are z3 integers."""

    __slots__ = ("days", "hours", "months")

    def __init__(self, months: int, days: Any, hours: Any) -> None:
        self.months = months
        self.days = days
        self.hours = hours

    def hours_at(self, anchor: datetime.date) -> Any:
        try:
            start = add_months(anchor, -self.months)
        except CalendarError:
            raise Unsupported("durée qui sort du calendrier") from None
        return (anchor - start).days * 24 + self.days * 24 + self.hours


class Sym:
    """A symbolic value: its kind, when it is not applicable, and its value otherwise."""

    __slots__ = ("element", "kind", "na", "value")

    def __init__(self, kind: str, na: Any, value: Any, element: str | None = None) -> None:
        self.kind = kind
        self.na = na
        self.value = value
        self.element = element

    def truth(self) -> Any:
        """Where this condition is true (applicable and true)."""
        return all_(not_(self.na), self.value)

    def falsity(self) -> Any:
        return all_(not_(self.na), not_(self.value))


SORTS: dict[str, Callable[[], Any]] = {
    "bool": z3.BoolSort,
    "int": z3.IntSort,
    "real": z3.RealSort,
    "date": z3.IntSort,
    "enum": z3.IntSort,
    "text": z3.StringSort,
}


def kind_of(type_: Type) -> tuple[str, str | None]:
    """The encoding kind of a type, and of its elements for a list."""
    match type_.kind:
        case Kind.BOOLEEN:
            return "bool", None
        case Kind.ENTIER:
            return "int", None
        case Kind.DECIMAL | Kind.MONTANT | Kind.TAUX:
            return "real", None
        case Kind.DATE:
            return "date", None
        case Kind.DUREE:
            return "duration", None
        case Kind.TEXTE:
            return "text", None
        case Kind.ENUM | Kind.VALUE:
            return "enum", None
        case Kind.LISTE if type_.element is not None:
            element, _ = kind_of(type_.element)
            if element not in SORTS:
                raise Unsupported(f"liste de {type_.element}")
            return "list", element
    raise Unsupported(f"type {type_}")


def placeholder(kind: str, element: str | None = None) -> Sym:
    """A non-applicable value of a kind (its value is never read)."""
    if kind == "duration":
        return Sym(kind, TRUE, Dur(0, z3.IntVal(0), z3.IntVal(0)))
    if kind == "list":
        return Sym(kind, TRUE, z3.Empty(z3.SeqSort(SORTS[element or "int"]())), element)
    return Sym(kind, TRUE, _ZEROS[kind]())


_ZEROS: dict[str, Callable[[], Any]] = {
    "bool": lambda: FALSE,
    "int": lambda: z3.IntVal(0),
    "real": lambda: z3.RealVal(0),
    "date": lambda: z3.IntVal(0),
    "enum": lambda: z3.IntVal(-1),
    "text": lambda: z3.StringVal(""),
}


def ite(condition: Any, a: Sym, b: Sym) -> Sym:
    if z3.is_true(condition):
        return a
    if z3.is_false(condition):
        return b
    na = a.na if a.na.eq(b.na) else z3.If(condition, a.na, b.na)
    if a.kind == "duration" or b.kind == "duration":
        if a.kind != b.kind or a.value.months != b.value.months:
            raise Unsupported("durées de mois différents selon les cas")
        value: Any = Dur(
            a.value.months,
            z3.If(condition, a.value.days, b.value.days),
            z3.If(condition, a.value.hours, b.value.hours),
        )
        return Sym("duration", na, value)
    kind = a.kind if a.kind == b.kind else common_kind(a.kind, b.kind)
    return Sym(kind, na, z3.If(condition, a.value, b.value), a.element or b.element)


def common_kind(a: str, b: str) -> str:
    if {a, b} == {"int", "real"}:
        return "real"
    raise Unsupported(f"valeurs de sortes différentes ({a}, {b})")


def differs(old: Sym, new: Sym) -> Any:
    """Where the two outcomes differ: applicable on one side only, or different values."""
    both = all_(not_(old.na), not_(new.na))
    return any_(z3.Xor(old.na, new.na), all_(both, not_(equal(old, new))))


def equal(a: Sym, b: Sym) -> Any:
    if a.kind == "duration" or b.kind == "duration":
        if a.kind != b.kind:
            raise Unsupported("une durée comparée à autre chose")
        same = a.value.months == b.value.months
        return all_(z3.BoolVal(same), a.value.days == b.value.days, a.value.hours == b.value.hours)
    if a.kind != b.kind and {a.kind, b.kind} != {"int", "real"}:
        raise Unsupported(f"valeurs de sortes différentes ({a.kind}, {b.kind})")
    if a.kind == "list" and a.element != b.element:
        raise Unsupported("listes d'éléments de sortes différentes")
    return a.value == b.value
