"""Mutations of real inputs: the bundled rule files, golden files and situations, damaged.

A mutation is data (`Mutation`), applied to a text by `apply`. Hypothesis draws mutations in the
test suite (and shrinks a failing one to its smallest form); `bench/fuzz_report.py` draws the
same mutations from a seeded `random.Random`, thousands per minute. The snippets are what an
analyst's slip or an attacker's file puts in an input: keywords in the wrong place, unbalanced
brackets, deep nesting, huge or odd numbers, dates at the ends of the calendar, invisible and
look-alike characters.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

KEYWORDS = (
    "règle", "conclusion", "donnée", "paramètre", "exception", "selon", "si", "sinon", "sauf",
    "vrai", "faux", "et", "ou", "non", "dans", "du", "au", "depuis", "jusqu'au", "toutes",
    "une", "aucune", "de", "ces", "conditions", "suivant", "liste", "applicable", "question",
    "description", "libellé", "entre", "prime", "sur", "moins", "autre", "plus", "à",
    "booléen", "entier", "décimal", "montant", "taux", "date", "durée", "texte",
    "énumération", "€", "%", "jours", "mois", "ans", "heures", "arrondi_euro", "minimum",
)  # fmt: skip

ODD = (
    "\ufeff", "\x00", "\u202e", "\u200b", "\u00a0", "а", "е", "о", "\u0301", "\t", "\r",
    "\r\n", "\\", '"', "'", "#", "§", ">", "- ", ":", "=", "(", ")", "[", "]", ",", ".", "…",
    "💥", "\U0010ffff", "\ud7ff",
)  # fmt: skip

NUMBERS = (
    "0", "-1", "1e999999999", "9" * 50, "9" * 5000, "0.000000000000000000001", "1.5,5",
    "99999999999", "NaN", "Infinity", "-0", "1_000", "0x10", "٣",
)  # fmt: skip

DATES = (
    "0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10",
    "10000-01-01", "2026-12-01",
)  # fmt: skip

DURATIONS = ("P9999Y", "P99999999999Y", "P0D", "PT999999999H", "P1Y2M3W4D", "P", "9999 ans")


class Kind(enum.Enum):
    DELETE = "delete"
    INSERT = "insert"
    REPLACE = "replace"
    DUPLICATE_LINE = "duplicate_line"
    SWAP_LINES = "swap_lines"
    INDENT = "indent"
    TRUNCATE = "truncate"
    NEST = "nest"


@attrs.frozen
class Mutation:
    """One damage to a text: `where` and `size` are fractions of the text, so a mutation drawn
    for one seed applies to any other (and shrinks towards the start of the file)."""

    kind: Kind
    where: float
    size: float = 0.0
    snippet: str = ""
    depth: int = 0


def apply(text: str, mutations: Sequence[Mutation]) -> str:
    for mutation in mutations:
        text = _apply_one(text, mutation)
    return text


def _apply_one(text: str, m: Mutation) -> str:
    at = int(m.where * len(text))
    match m.kind:
        case Kind.DELETE:
            return text[:at] + text[at + max(1, int(m.size * 200)) :]
        case Kind.INSERT:
            return text[:at] + m.snippet + text[at:]
        case Kind.REPLACE:
            return text[:at] + m.snippet + text[at + max(1, len(m.snippet)) :]
        case Kind.TRUNCATE:
            return text[:at]
        case Kind.NEST:
            opening, closing = _NESTINGS[int(m.size * len(_NESTINGS)) % len(_NESTINGS)]
            return text[:at] + opening * m.depth + closing * m.depth + text[at:]
    lines = text.split("\n")
    index = int(m.where * len(lines)) % max(1, len(lines))
    match m.kind:
        case Kind.DUPLICATE_LINE:
            lines.insert(index, lines[index])
        case Kind.SWAP_LINES:
            other = int(m.size * len(lines)) % max(1, len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        case Kind.INDENT:
            lines[index] = " " * (1 + int(m.size * 8)) + lines[index]
    return "\n".join(lines)


_NESTINGS = (("(", ")"), ("non ", ""), ("[", "]"), ("{", "}"), ("- a :\n  ", ""))

SNIPPETS: tuple[str, ...] = (
    *KEYWORDS,
    *ODD,
    *NUMBERS,
    *DATES,
    *DURATIONS,
    "\n",
    "\n  ",
    "\n    - ",
    "&a [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "{<<: *x}",
    "*undefined_alias",
    "!!python/object/apply:os.system ['true']",
    "!!binary AAAA",
    '"x": 1, "x": 2',
)


def strategy() -> st.SearchStrategy[list[Mutation]]:
    """One to four mutations, the way hypothesis draws (and shrinks) them."""
    snippet = st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12))
    fraction = st.floats(0, 1, allow_nan=False)
    mutation = st.builds(
        Mutation,
        st.sampled_from(Kind),
        fraction,
        fraction,
        snippet,
        st.sampled_from((1, 2, 50, 150, 1_000, 2_000)),
    )
    return st.lists(mutation, min_size=1, max_size=4)


def draw(rng: random.Random) -> list[Mutation]:
    """The same distribution as `strategy`, from a seeded generator (no shrinking, fast)."""
    mutations = []
    for _ in range(rng.randint(1, 4)):
        snippet = rng.choice(SNIPPETS) if rng.random() < 0.8 else _random_text(rng)
        mutations.append(
            Mutation(
                rng.choice(list(Kind)),
                rng.random(),
                rng.random(),
                snippet,
                rng.choice((1, 2, 50, 150, 1_000, 2_000)),
            )
        )
    return mutations


def _random_text(rng: random.Random) -> str:
    return "".join(
        chr(rng.choice((rng.randint(32, 126), rng.randint(0xA0, 0x2FFF))))
        for _ in range(rng.randint(1, 12))
    )
