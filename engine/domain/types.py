"""The type algebra of the rule language, shared by the type checker and the closure compiler.

Units are part of types: a `montant` is not a number, a `taux` is not a `décimal`, and a
`montant` computed by multiplication is flagged as not yet rounded to the cent.
"""

from __future__ import annotations

import enum

import attrs

from ...dsl import nodes


class Kind(enum.Enum):
    BOOLEEN = "booléen"
    ENTIER = "entier"
    DECIMAL = "décimal"
    MONTANT = "montant"
    TAUX = "taux"
    DATE = "date"
    DUREE = "durée"
    TEXTE = "texte"
    ENUM = "énumération"
    VALUE = "valeur"
    LISTE = "liste"
    ANY = "quelconque"


@attrs.frozen
class Type:
    """A type; `rounded` (ignored by equality) says a montant is exact to the cent."""

    kind: Kind
    values: tuple[str, ...] = ()
    element: Type | None = None
    rounded: bool = attrs.field(default=True, eq=False)

    def __str__(self) -> str:
        if self.kind is Kind.ENUM:
            return f"énumération ({', '.join(self.values)})"
        if self.kind is Kind.VALUE:
            return f"valeur « {self.values[0]} »"
        if self.kind is Kind.LISTE:
            return f"liste de {self.element}" if self.element else "liste"
        return str(self.kind.value)


BOOLEEN = Type(Kind.BOOLEEN)
ENTIER = Type(Kind.ENTIER)
DECIMAL = Type(Kind.DECIMAL)
MONTANT = Type(Kind.MONTANT)
UNROUNDED = Type(Kind.MONTANT, rounded=False)
TAUX = Type(Kind.TAUX)
DATE = Type(Kind.DATE)
DUREE = Type(Kind.DUREE)
TEXTE = Type(Kind.TEXTE)
ANY = Type(Kind.ANY)

NUMBERS = {Kind.ENTIER, Kind.DECIMAL}
ORDERED = {Kind.ENTIER, Kind.DECIMAL, Kind.MONTANT, Kind.TAUX, Kind.DATE, Kind.DUREE}
_NAMED = {k.value: Type(k) for k in Kind if k not in {Kind.ENUM, Kind.VALUE, Kind.LISTE}}


def from_syntax(expr: nodes.TypeExpr) -> Type:
    match expr:
        case nodes.TypeName(name=name):
            return _NAMED[name]
        case nodes.EnumType(values=values):
            return Type(Kind.ENUM, values=tuple(values))
        case nodes.ListType(element=element):
            return Type(Kind.LISTE, element=from_syntax(element))
    raise AssertionError(expr)


def accepts(expected: Type, actual: Type) -> bool:
    """Can a value of type `actual` stand where `expected` is declared?"""
    if expected.kind is Kind.ANY or actual.kind is Kind.ANY:
        return True
    if expected.kind is Kind.DECIMAL and actual.kind is Kind.ENTIER:
        return True
    if expected.kind is Kind.ENUM:
        if actual.kind is Kind.VALUE:
            return actual.values[0] in expected.values
        return actual.kind is Kind.ENUM and set(actual.values) <= set(expected.values)
    if expected.kind is Kind.LISTE and actual.kind is Kind.LISTE:
        if expected.element is None or actual.element is None:
            return True
        return accepts(expected.element, actual.element)
    return expected.kind is actual.kind


def comparable(left: Type, right: Type) -> bool:
    return accepts(left, right) or accepts(right, left) or _enum_pair(left, right)


def _enum_pair(left: Type, right: Type) -> bool:
    kinds = {left.kind, right.kind}
    if kinds == {Kind.VALUE}:
        return True
    return kinds <= {Kind.ENUM, Kind.VALUE} and bool(set(left.values) & set(right.values))


def unify(types: list[Type]) -> Type | None:
    """The common type of list items or table rows, or None when they disagree."""
    result = ANY
    for item in types:
        if accepts(result, item):
            if result.kind is Kind.ANY or (
                result.kind is Kind.ENTIER and item.kind is Kind.DECIMAL
            ):
                result = item
            elif result.kind is Kind.MONTANT and not item.rounded:
                result = UNROUNDED
            continue
        if accepts(item, result):
            result = item
            continue
        if result.kind in {Kind.ENUM, Kind.VALUE} and item.kind in {Kind.ENUM, Kind.VALUE}:
            result = Type(Kind.ENUM, values=tuple(dict.fromkeys(result.values + item.values)))
            continue
        return None
    return result


def arithmetic(op: str, left: Type, right: Type) -> Type | None:
    """Result type of `left op right`, or None when the operation makes no sense."""
    lk, rk = left.kind, right.kind
    if Kind.ANY in (lk, rk):
        return ANY
    if lk in NUMBERS and rk in NUMBERS:
        both_integers = lk is rk is Kind.ENTIER
        return ENTIER if both_integers and op != "/" else DECIMAL
    return _additive(op, left, right) if op in "+-" else _multiplicative(op, left, right)


def _additive(op: str, left: Type, right: Type) -> Type | None:
    lk, rk = left.kind, right.kind
    if lk is rk is Kind.MONTANT:
        return MONTANT if left.rounded and right.rounded else UNROUNDED
    if lk is rk and lk in {Kind.TAUX, Kind.DUREE}:
        return left
    if lk is Kind.DATE and rk is Kind.DUREE:
        return DATE
    if op == "+" and lk is Kind.DUREE and rk is Kind.DATE:
        return DATE
    if op == "-" and lk is rk is Kind.DATE:
        return DUREE
    return None


def _multiplicative(op: str, left: Type, right: Type) -> Type | None:
    lk, rk = left.kind, right.kind
    scalars = NUMBERS | {Kind.TAUX}
    if op == "*":
        if (lk is Kind.MONTANT and rk in scalars) or (rk is Kind.MONTANT and lk in scalars):
            exact = Kind.ENTIER in (lk, rk) and left.rounded and right.rounded
            return MONTANT if exact else UNROUNDED
        if Kind.TAUX in (lk, rk) and {lk, rk} <= scalars:
            return TAUX
        if Kind.DUREE in (lk, rk) and {lk, rk} == {Kind.DUREE, Kind.ENTIER}:
            return DUREE
        return None
    if lk is Kind.MONTANT and rk in scalars:
        return UNROUNDED
    if lk is rk and lk in {Kind.MONTANT, Kind.TAUX}:
        return DECIMAL
    if lk is Kind.TAUX and rk in NUMBERS:
        return TAUX
    return None


def negation(operand: Type) -> Type | None:
    ok = operand.kind in NUMBERS | {Kind.MONTANT, Kind.TAUX, Kind.DUREE, Kind.ANY}
    return operand if ok else None


@attrs.frozen
class Function:
    """A built-in function: its French name, arity and how its result type follows."""

    name: str
    arity: int | None
    description: str


FUNCTIONS = {
    f.name: f
    for f in (
        Function("arrondi_centime", 1, "arrondi au centime le plus proche (0,005 → 0,01)"),
        Function("arrondi_euro", 1, "arrondi à l'euro le plus proche (0,50 → 1)"),
        Function("minimum", None, "la plus petite des valeurs"),
        Function("maximum", None, "la plus grande des valeurs"),
        Function("nombre", 1, "le nombre d'éléments d'une liste"),
    )
}


def call(function: str, args: list[Type]) -> Type | str:
    """Result type of a call, or a French explanation of what is wrong."""
    if function in {"arrondi_centime", "arrondi_euro"}:
        (arg,) = args
        if arg.kind is Kind.MONTANT or arg.kind is Kind.ANY:
            return MONTANT
        if arg.kind in NUMBERS | {Kind.TAUX}:
            return DECIMAL if arg.kind is not Kind.TAUX else TAUX
        return f"{function} attend un montant ou un nombre, pas {arg}"
    if function in {"minimum", "maximum"}:
        if not args:
            return f"{function} attend au moins une valeur"
        common = unify(args)
        if common is None or common.kind not in ORDERED | {Kind.ANY}:
            return f"{function} attend des valeurs comparables de même unité"
        return common
    if function == "nombre":
        (arg,) = args
        if arg.kind not in {Kind.LISTE, Kind.ANY}:
            return f"nombre attend une liste, pas {arg}"
        return ENTIER
    raise AssertionError(function)
