"""The text of an HTML page as a reader sees it: tags dropped, white space collapsed."""

from __future__ import annotations

import re


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
