"""The four outcomes of a value besides a plain value: unknown, not applicable, not covered
(with its gaps), and how operations combine them.

They live at the bottom of the engine because every stage speaks of them: the compiler's
coverage timeline, the evaluator, the French words for values, the explanation.
"""

from __future__ import annotations

import datetime
import enum

import attrs


class Unknown:
    """A value that depends on facts the situation does not give."""

    __slots__ = ("missing",)

    def __init__(self, missing: frozenset[str]) -> None:
        self.missing = missing

    def __repr__(self) -> str:
        return f"Unknown({sorted(self.missing)})"


class NotApplicable:
    """The law does not apply to this situation: no case applies, the scheme did not exist
    yet, or its article was abrogated."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NA"


class GapSide(enum.Enum):
    """Which end of a symbol's coverage the evaluation date lies beyond."""

    BEFORE = "avant"
    AFTER = "après"


@attrs.frozen(order=False)
class Gap:
    """A rule or parameter the rule base holds no version of on the evaluation date, while
    its article is in force: covered from `covered_from` to `covered_until` (None: no limit),
    the date lying `side` of that stretch. `article` is the reference of the version next to
    the date (the last one after, the first one before)."""

    symbol: str
    article: str | None
    covered_from: datetime.date | None
    covered_until: datetime.date | None
    side: GapSide

    @property
    def edge(self) -> datetime.date:
        """The day the coverage stops (after) or starts (before)."""
        found = self.covered_until if self.side is GapSide.AFTER else self.covered_from
        assert found is not None
        return found

    def sort_key(self) -> tuple[int, int, str, str]:
        """Ends first, earliest end first; then starts, latest start first."""
        day = self.edge.toordinal()
        if self.side is GapSide.AFTER:
            return (0, day, self.symbol, self.article or "")
        return (1, -day, self.symbol, self.article or "")


class NotCovered:
    """A value the rule base cannot give: some rule or parameter it needs has no version on
    that day although its article is in force (`gaps`); `missing` are the facts that could
    still decide the value despite the gaps (`faux et non couvert` is `faux`)."""

    __slots__ = ("gaps", "missing")

    def __init__(self, gaps: frozenset[Gap], missing: frozenset[str] = frozenset()) -> None:
        self.gaps = gaps
        self.missing = missing

    def ordered(self) -> list[Gap]:
        return sorted(self.gaps, key=Gap.sort_key)

    @property
    def first(self) -> Gap:
        """The gap to show: the earliest end, or, with only start gaps, the latest start."""
        return min(self.gaps, key=Gap.sort_key)

    def __repr__(self) -> str:
        return f"NotCovered({[g.symbol for g in self.ordered()]}, {sorted(self.missing)})"


NA = NotApplicable()
SPECIAL = frozenset({Unknown, NotApplicable, NotCovered})
UNDECIDED = frozenset({Unknown, NotCovered})


def merge(*values: object) -> Unknown | NotApplicable | NotCovered:
    """The outcome of an operation on some special operands: not covered if any is (with
    every gap, and the missing facts of every operand), else unknown if any is, else not
    applicable. Used where a known operand can still decide (conditions, cases)."""
    missing: frozenset[str] = frozenset()
    gaps: frozenset[Gap] = frozenset()
    unknown = False
    for value in values:
        kind = type(value)
        if kind is Unknown:
            missing |= value.missing  # type: ignore[attr-defined]
            unknown = True
        elif kind is NotCovered:
            gaps |= value.gaps  # type: ignore[attr-defined]
            missing |= value.missing  # type: ignore[attr-defined]
    if gaps:
        return NotCovered(gaps, missing)
    return Unknown(missing) if unknown else NA


def strict(*values: object) -> Unknown | NotApplicable | NotCovered:
    """Like `merge`, for operations that need every operand (arithmetic, comparisons, calls):
    once an operand is not covered, no fact of the other operands can decide the result, so
    only the not-covered operands' missing facts are kept."""
    covered = [v for v in values if type(v) is NotCovered]
    return merge(*covered) if covered else merge(*values)


def status(value: object) -> str:
    kind = type(value)
    if kind is Unknown:
        return "inconnu"
    if kind is NotCovered:
        return "non_couvert"
    if value is NA:
        return "non_applicable"
    return "valeur"
