"""Read the questionnaire's pages as a browser submits them: the fields of the question form,
the question asked, the text a person reads."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from starlette.testclient import TestClient

from tests.visualize.html_text import text_of


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.forms = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self.forms += 1
        if tag == "input" and self.forms == 1:
            self.inputs.append(dict(attrs))


def inputs(html: str) -> list[dict[str, str | None]]:
    """The inputs of the page's first form."""
    parser = _Inputs()
    parser.feed(html)
    return parser.inputs


def hidden(html: str) -> list[tuple[str, str]]:
    """The hidden fields that carry the answers so far (the question asked excluded)."""
    return [
        (str(i["name"]), str(i["value"]))
        for i in inputs(html)
        if i.get("type") == "hidden" and i["name"] != "courante"
    ]


def asked(html: str) -> str | None:
    """The fact the page asks about, None on the answer page."""
    return next((str(i["value"]) for i in inputs(html) if i["name"] == "courante"), None)


def main_text(page: str) -> str:
    found = re.search(r"<main[^>]*>(.*)</main>", page, re.S)
    assert found is not None
    return html.unescape(text_of(found.group(1)))


def submit(
    client: TestClient, page: Any, values: tuple[str, ...] = (), action: str = "repondre"
) -> Any:
    """Answer the question of `page` with `values` (or skip it, go back…) as its form does."""
    fact = asked(page.text)
    fields = hidden(page.text)
    if fact is not None:
        fields += [("courante", fact), *((f"r:{fact}", v) for v in values)]
    fields.append(("action", action))
    form = {"content-type": "application/x-www-form-urlencoded"}
    return client.post(page.url.path, content=urlencode(fields), headers=form)
