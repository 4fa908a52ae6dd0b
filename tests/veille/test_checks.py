"""Which LEGI version a section quotes."""

from __future__ import annotations

import datetime

import pytest

from alinea.dsl.nodes import Period
from alinea.veille import legi
from alinea.veille.checks import version_for
from alinea.veille.references import parse

DAY = datetime.date(2026, 12, 1)


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture(scope="module")
def l162_58(extract: legi.Extract) -> legi.Article:
    article = extract.article(parse("CSS L.162-58")[0])
    assert article is not None
    return article


@pytest.mark.parametrize(
    ("start", "end", "number"),
    [
        ("2025-02-28", "2026-09-30", "4.0"),  # the whole period in one version
        ("2025-03-01", "2025-06-30", "4.0"),
        ("2026-10-01", None, "5.0"),
        ("2023-12-28", "2025-02-28", "3.0"),  # across two versions: the first day's
        (None, "2023-07-08", "1.0"),  # jusqu'au: the last day's
        ("2021-01-01", None, None),  # before the article existed
    ],
)
def test_the_version_a_section_quotes(
    l162_58: legi.Article, start: str | None, end: str | None, number: str | None
) -> None:
    period = Period(_d(start) if start else None, _d(end) if end else None)
    version = version_for(l162_58, period, DAY)
    assert (version.number if version else None) == number


def test_without_a_period_the_version_in_force_on_the_day(l162_58: legi.Article) -> None:
    version = version_for(l162_58, None, datetime.date(2024, 1, 1))
    assert version is not None and version.number == "3.0"
