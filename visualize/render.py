"""DOT text -> SVG, PNG or PDF through the Graphviz `dot` program, and SVG ready to inline.

Rendering is kept apart from the DOT builders: tests snapshot the DOT text, never images,
because each Graphviz version lays them out a little differently.
"""

from __future__ import annotations

import re
import subprocess

from ..dsl.errors import AlineaError, Diagnostic

FORMATS = ("dot", "svg", "png", "pdf")
INSTALL_HINT = (
    "installez Graphviz (paquet Debian « graphviz » : apt-get install graphviz ; "
    "macOS : brew install graphviz), puis relancez"
)
# A4 less margins, in inches: a big diagram is scaled down to fit one page, turned the way
# that keeps its text largest.
A4 = (11.2, 7.8)
POINTS = 72
DOT = "dot"


class GraphvizMissing(AlineaError):
    """The `dot` program is not installed: nothing can be drawn, say how to install it."""


def render(dot_source: str, fmt: str) -> bytes:
    """The diagram in `fmt`; `dot` returns the DOT text itself, without running Graphviz."""
    if fmt == "dot":
        return dot_source.encode()
    options = []
    if fmt in {"png", "pdf"}:
        width, height = size(_run(dot_source, "svg", []).decode())
        options = [f"-Gsize={page(width, height)}", "-Gdpi=150"]
    return _run(dot_source, fmt, options)


def size(svg_text: str) -> tuple[float, float]:
    """The natural size of a rendered SVG, in points."""
    found = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg_text)
    return (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)


def a4_scale(width: float, height: float) -> float:
    """How much a drawing of this size (points) shrinks to fit A4, the better way round."""
    if width <= 0 or height <= 0:
        return 1.0
    long, short = (side * POINTS for side in A4)
    landscape = min(long / width, short / height)
    portrait = min(short / width, long / height)
    return min(1.0, max(landscape, portrait))


def page(width: float, height: float) -> str:
    long, short = A4
    if width <= 0 or height <= 0:
        return f"{long},{short}"
    if min(long * POINTS / width, short * POINTS / height) >= min(
        short * POINTS / width, long * POINTS / height
    ):
        return f"{long},{short}"
    return f"{short},{long}"


def _run(dot_source: str, fmt: str, options: list[str]) -> bytes:
    try:
        completed = subprocess.run(
            [DOT, f"-T{fmt}", *options],
            input=dot_source.encode(),
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GraphvizMissing(
            [
                Diagnostic(
                    "D001", "le programme « dot » de Graphviz est introuvable", None, INSTALL_HINT
                )
            ]
        ) from None
    if completed.returncode != 0:
        detail = completed.stderr.decode(errors="replace").strip()
        raise AlineaError(
            [Diagnostic("D002", f"Graphviz n'a pas pu dessiner le diagramme : {detail}")]
        )
    return completed.stdout


def svg(dot_source: str) -> str:
    return render(dot_source, "svg").decode()


def inline(svg_text: str, prefix: str, label: str) -> str:
    """An SVG for embedding in a page: no XML prologue, ids made unique on the page, and a
    name for screen readers. The role is `figure`, not `img`: an image hides its children
    from assistive technology, and the nodes are links that must stay reachable."""
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", svg_text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
    text = re.sub(r'\bid="', f'id="{prefix}-', text)
    text = text.replace("url(#", f"url(#{prefix}-")
    name = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return text.replace("<svg ", f'<svg role="figure" aria-label="{name}" ', 1).strip()
