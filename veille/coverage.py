"""Rules and parameters the rule base stops covering at a date or within the horizon.

A name counts when its coverage (`engine.timeline`) ends before the horizon and its article
is not abrogated the day after: from then on every conclusion that needs it is « non
couvert ». A rule whose law ended on purpose (the ACS, abrogated in 2019, marked so in its
rule file) is not listed.
"""

from __future__ import annotations

import datetime

import attrs

from ..dsl.errors import Span
from ..engine.compiler import timeline
from ..engine.compiler.program import Program
from ..engine.domain.values import add_months

HORIZON_MONTHS = timeline.HORIZON_MONTHS


@attrs.frozen
class Gap:
    """A rule (« règle », a conclusion too) or a parameter (« paramètre ») whose last
    version ends on `covered_until`."""

    name: str
    kind: str
    covered_until: datetime.date
    span: Span | None

    @property
    def key(self) -> str:
        return f"non couvert {self.name}"

    @property
    def location(self) -> str:
        return f"{self.span.path}:{self.span.line}" if self.span else "?"


def horizon(day: datetime.date) -> datetime.date:
    return add_months(day, HORIZON_MONTHS)


def not_covered(program: Program, day: datetime.date) -> list[Gap]:
    """The rules and parameters not covered on `day` or on some day of the next six months."""
    gaps = []
    for ending in timeline.ending(program, day, HORIZON_MONTHS):
        coverage = ending.coverage
        assert coverage.end is not None
        gaps.append(Gap(coverage.name, coverage.kind, coverage.end, coverage.last_span))
    return gaps
