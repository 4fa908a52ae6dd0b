"""Fit a decision tree on one A4 page: fold the rules it reads, level by level, until its
text prints at 5.5 pt or more. Folded rules stay as nodes that name (and link to) the rule."""

from __future__ import annotations

from collections.abc import Callable

from . import dot, render
from .model import Diagram

# Body text is 10 pt: printed at 55 % it is 5.5 pt, the size of a code's footnotes and the
# smallest a reader takes in without a magnifier.
READABLE = 0.55
DEPTHS: tuple[int | None, ...] = (None, 3, 2, 1, 0)


def fit(build: Callable[[int | None], Diagram]) -> tuple[str, int | None, float]:
    """(DOT text, depth kept, scale on A4) of the deepest tree that stays readable, drawn left
    to right or top to bottom, whichever fits better; when even the folded tree does not
    fit, its compact labels (title and citation only) are tried before giving up."""
    best: tuple[str, int | None, float] | None = None
    for depth, compact in [*((d, False) for d in DEPTHS), (DEPTHS[-1], True)]:
        for rankdir in ("LR", "TB"):
            diagram = build(depth)
            diagram.rankdir, diagram.compact = rankdir, compact
            source = dot.source(diagram)
            scale = render.a4_scale(*render.size(render.svg(source)))
            if best is None or scale > best[2]:
                best = (source, depth, scale)
            if scale >= READABLE:
                return source, depth, scale
    assert best is not None
    return best
