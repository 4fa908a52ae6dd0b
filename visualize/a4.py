"""Fit a decision tree on one A4 page: fold the rules it reads, level by level, until its
text prints at 6 pt or more. Folded rules stay as nodes that name (and link to) the rule."""

from __future__ import annotations

from collections.abc import Callable

from . import dot, render
from .model import Diagram

# Body text is 10 pt: printed at 60 % it is still 6 pt, the smallest comfortable size.
READABLE = 0.6
DEPTHS: tuple[int | None, ...] = (None, 3, 2, 1, 0)


def fit(build: Callable[[int | None], Diagram]) -> tuple[str, int | None, float]:
    """(DOT text, depth kept, scale on A4) of the deepest tree that stays readable; the
    shallowest one when none does."""
    chosen: tuple[str, int | None, float] | None = None
    for depth in DEPTHS:
        source = dot.source(build(depth))
        scale = render.a4_scale(*render.size(render.svg(source)))
        chosen = (source, depth, scale)
        if scale >= READABLE:
            break
    assert chosen is not None
    return chosen
