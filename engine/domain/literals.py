"""The type and the runtime value of a number written in the rules: what the type checker
infers and what every back end computes with, from one definition."""

from __future__ import annotations

from ...dsl import nodes
from . import types, values
from .types import Type


def literal_type(node: nodes.Number | nodes.Quantity) -> Type:
    """A montant written with more than two decimals is not rounded (E303 when used)."""
    if isinstance(node, nodes.Number):
        return types.ENTIER if node.integral else types.DECIMAL
    if node.unit == "€":
        exponent = node.value.as_tuple().exponent
        return types.MONTANT if isinstance(exponent, int) and exponent >= -2 else types.UNROUNDED
    if node.unit == "%":
        return types.TAUX
    return types.DUREE


def literal_value(node: nodes.Number | nodes.Quantity) -> object:
    """The runtime value of a number or quantity: a taux is a fraction, a durée keeps its
    calendar unit."""
    if isinstance(node, nodes.Number):
        return int(node.value) if node.integral else node.value
    amount = node.value
    match node.unit:
        case "€":
            return amount
        case "%":
            return amount / 100
        case "jour":
            return values.Duration(days=int(amount))
        case "mois":
            return values.Duration(months=int(amount))
        case "an":
            return values.Duration(years=int(amount))
        case _:
            return values.Duration(hours=int(amount))
