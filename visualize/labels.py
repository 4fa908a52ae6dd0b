"""Text for diagrams: Graphviz HTML-like labels, escaped, wrapped, and French dates.

Legal text holds `<`, `>` and `&`; in an HTML-like label they would be read as markup, so
every piece of text goes through `escape` before it is placed between tags.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..dsl import nodes
from ..engine.explain.explanation import article_text, period_text

WIDTH = 38
TOOLTIP_LIMIT = 900


def escape(text: str) -> str:
    """Text for an HTML-like label: the three markup characters and quotes as entities."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def wrap(text: str, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, break_on_hyphens=False) or [""]


def lines(text: str, width: int = WIDTH) -> str:
    """Escaped text wrapped on left-aligned lines."""
    return '<BR ALIGN="LEFT"/>'.join(escape(line) for line in wrap(text, width))


def row(content: str, *, size: int | None = None, color: str | None = None, face: str = "") -> str:
    attributes = []
    if size is not None:
        attributes.append(f'POINT-SIZE="{size}"')
    if color is not None:
        attributes.append(f'COLOR="{color}"')
    if face:
        attributes.append(f'FACE="{face}"')
    if attributes:
        content = f"<FONT {' '.join(attributes)}>{content}</FONT>"
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{content}</TD></TR>'


def table(rows: Sequence[str]) -> str:
    """A borderless one-column table: the node shape draws the border."""
    head = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    return f"<{head}{''.join(rows)}</TABLE>>"


period = period_text
article_heading = article_text


def quoted(article: nodes.Article | None) -> str:
    """The quoted text of an article version, or a plain statement that it is not quoted."""
    if article is None:
        return ""
    text = " ".join(line.lstrip(">").strip() for line in article.lines)
    heading = article_heading(article)
    if not text:
        return f"{heading} : texte non cité dans la base de règles"
    if len(text) > TOOLTIP_LIMIT:
        text = text[:TOOLTIP_LIMIT].rsplit(" ", 1)[0] + " […]"
    return f"{heading}\n« {text} »"
