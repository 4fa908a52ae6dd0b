"""Rules and parameters the rule base stops covering at a date or within the horizon.

**Provisional.** The engine is getting a « non couvert » outcome and a module
`engine/timeline.py` that knows, for each rule and parameter, whether a day without a version
is a gap of the rule base or the end of the law (an abrogation the rule file declares).
Until it lands, a name counts as not covered when its last version ends before the horizon,
which also lists rules whose law ended on purpose (the ACS, abolished in 2019). When the
timeline lands, `not_covered` becomes a call to it; nothing else in veille changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import attrs

from ..dsl import nodes
from ..dsl.errors import Span
from ..engine.program import Program
from ..engine.values import add_months

HORIZON_MONTHS = 6


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
    limit = horizon(day)
    gaps = []
    for rule in program.rules.values():
        ends = [(v.period, v.rule.span) for v in rule.versions]
        gap = _gap(rule.name, "règle", ends, limit)
        if gap:
            gaps.append(gap)
    for parameter in program.parameters.values():
        values = [(e.value.period, e.value.span) for e in parameter.entries]
        gap = _gap(parameter.name, "paramètre", values, limit)
        if gap:
            gaps.append(gap)
    return sorted(gaps, key=lambda g: (g.covered_until, g.name))


def _gap(
    name: str,
    kind: str,
    versions: Sequence[tuple[nodes.Period | None, Span | None]],
    limit: datetime.date,
) -> Gap | None:
    ends = [(p.end, span) for p, span in versions if p is not None and p.end is not None]
    if not versions or len(ends) < len(versions):
        return None
    end, span = max(ends, key=lambda e: e[0])
    return Gap(name, kind, end, span) if end < limit else None
