"""Situations as an attacker or a careless caller writes them: real fact names with values of
every shape, unknown names, deep nesting, then the text itself damaged."""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from alinea.engine.domain.types import Kind, Type

from . import mutations

SCALARS: tuple[Any, ...] = (
    None, True, False, 0, -1, 10**30, 10**400, 1.5, 1e308, -0.0, "", "vrai", "oui",
    *mutations.NUMBERS, *mutations.DATES, *mutations.DURATIONS, *mutations.ODD,
    "sejour_irregulier", "visio", "presentiel", "aucune", "moderee",
)  # fmt: skip

UNKNOWN_NAMES = ("agee", "âge", "аge", "", " ", "__proto__", "a" * 300, "age.x", "0")


def values() -> st.SearchStrategy[Any]:
    scalar = st.one_of(st.sampled_from(SCALARS), st.integers(), st.text(max_size=20))
    return st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=12,
    )


# Values a checker may accept, at the ends of their range: they reach the evaluator.
EXTREMES: dict[Kind, tuple[Any, ...]] = {
    Kind.BOOLEEN: (True, False),
    Kind.ENTIER: (0, -1, 130, 2**63, 10**400),
    Kind.DECIMAL: ("1e999999999", "-0", "99999999999999999999.5"),
    Kind.MONTANT: ("99999999999999999999", "0", "-1", "10339.50"),
    Kind.TAUX: ("150 %", "-1", "0.6"),
    Kind.DATE: ("0001-01-01", "9999-12-31", "2024-02-29"),
    Kind.DUREE: ("P9999Y", "P99999999999Y", "P0D", "PT999999999H"),
    Kind.TEXTE: ("", "x" * 10_000),
}
# Values of the right shape that a checker should refuse with a clear message.
EDGES: dict[Kind, tuple[Any, ...]] = {
    Kind.BOOLEEN: (True, False, "true", 1),
    Kind.ENTIER: (0, -1, 130, 131, 2**63, 10**400, "9" * 5000, "-0", 1.0),
    Kind.DECIMAL: ("1e999999999", "9" * 5000, "-0", 1e308, "NaN", "0.5"),
    Kind.MONTANT: ("1e999999999", "9" * 5000, "0.001", "-1", 0, "10339.005", 1e308),
    Kind.TAUX: ("150 %", "-1", "1e-999999999", "0.6"),
    Kind.DATE: ("0001-01-01", "9999-12-31", "2024-02-29", "2026-12-01"),
    Kind.DUREE: mutations.DURATIONS,
    Kind.TEXTE: ("", "x" * 10_000, "\x00"),
}


def typed_value(type_: Type) -> st.SearchStrategy[Any]:
    """Values of the right shape at the edges of the range: they pass the first checks and
    reach the evaluator, where overflows live."""
    if type_.kind is Kind.ENUM:
        return st.sampled_from((*type_.values, type_.values[0] + "e", ""))
    if type_.kind is Kind.LISTE and type_.element is not None:
        return st.lists(typed_value(type_.element), max_size=3)
    extreme = st.sampled_from(EXTREMES.get(type_.kind, (None,)))
    return st.one_of(extreme, extreme, extreme, st.sampled_from(EDGES.get(type_.kind, (None,))))


def strategy(facts: Mapping[str, Type]) -> st.SearchStrategy[str]:
    """A situation file's text: JSON of drawn facts, sometimes damaged as text."""
    typed = st.sampled_from(sorted(facts)).flatmap(
        lambda name: st.tuples(st.just(name), typed_value(facts[name]))
    )
    odd = st.tuples(
        st.one_of(st.sampled_from(sorted(facts)), st.sampled_from(UNKNOWN_NAMES)), values()
    )
    situation = st.lists(st.one_of(typed, typed, odd), max_size=10).map(dict)
    text = situation.map(lambda data: json.dumps(data, ensure_ascii=False))
    damaged = st.tuples(text, mutations.strategy()).map(lambda pair: mutations.apply(*pair))
    return st.one_of(text, damaged)


def draw(rng: random.Random, facts: Mapping[str, Type]) -> str:
    """The same distribution as `strategy`, from a seeded generator."""
    names = sorted(facts)
    share = rng.random()
    data = {name: _typed(rng, facts[name]) for name in names if rng.random() < share}
    for _ in range(rng.choice((0, 0, 0, 1, 3))):
        key = rng.choice(names) if rng.random() < 0.5 else rng.choice(UNKNOWN_NAMES)
        data[key] = _value(rng, 3)
    text = json.dumps(data, ensure_ascii=False)
    return mutations.apply(text, mutations.draw(rng)) if rng.random() < 0.25 else text


def _typed(rng: random.Random, type_: Type) -> Any:
    if type_.kind is Kind.ENUM:
        return rng.choice((*type_.values, type_.values[0] + "e", ""))
    if type_.kind is Kind.LISTE and type_.element is not None:
        return [_typed(rng, type_.element) for _ in range(rng.randint(0, 3))]
    pool = EXTREMES if rng.random() < 0.75 else EDGES
    return rng.choice(pool.get(type_.kind, (None,)))


def _value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth and roll < 0.1:
        return [_value(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    if depth and roll < 0.15:
        return {str(rng.randint(0, 9)): _value(rng, depth - 1)}
    return rng.choice(SCALARS)
