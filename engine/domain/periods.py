"""Whether a dated period holds a day: the one test behind every « in force » question."""

from __future__ import annotations

import datetime

from ...dsl import nodes


def in_force(period: nodes.Period | None, day: datetime.date) -> bool:
    return period is None or period.contains(day)
