"""A veille report: everything found for a rule base at a date, and its JSON form.

JSON shape (documented in README, « alinea veille »):

    {"date": "2026-12-01", "horizon": "2027-06-01", "attention": 2,
     "legi": {"file", "package", "version", "codes": [{"title", "consolidated"}]},
     "quotes": [{"key", "article", "location", "version": {"id", "number", "start", "end"} | null,
                 "runs": [{"quoted", "out_of_order", "differences": [{"before", "official",
                           "quoted", "after", "word_diff"}]}]}],
     "new_versions": [{"key", "article", "id", "number", "state", "start", "end",
                       "last_section": {"location", "start", "end"}}],
     "ended": [{"key", "article", "state", "date", "id", "location"}],
     "missing": [{"key", "article", "reason": "absent" | "not_extracted", "location"}],
     "not_covered": [{"key", "name", "kind", "couvert_jusqu_au", "location"}],
     "unverifiable": [{"reason", "subject", "location", "code", "detail"}]}

`attention` counts the items of every list but `unverifiable`; the command exits 1 when it
is not zero. Each of those items has a `key` that names it from one run to the next
(`citation regles/x.alinea:9`, `version CSS L.162-58 5.0`, `abrogation CSS L.1-1`,
`introuvable CSS L.1-1`, `non couvert css.plafond`).
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ..engine.compiler.program import Program
from .checks import check
from .coverage import Gap, horizon, not_covered
from .items import AlteredQuote, Ended, Missing, NewVersion, Unverifiable
from .legi import Extract, Version
from .text import join
from .uses import collect


@attrs.frozen
class Findings:
    day: datetime.date
    horizon: datetime.date
    extract: Extract
    quotes: list[AlteredQuote]
    versions: list[NewVersion]
    ended: list[Ended]
    missing: list[Missing]
    gaps: list[Gap]
    unverifiable: list[Unverifiable]

    @property
    def attention(self) -> int:
        return (
            len(self.quotes)
            + len(self.versions)
            + len(self.ended)
            + len(self.missing)
            + len(self.gaps)
        )


def watch(program: Program, extract: Extract, day: datetime.date) -> Findings:
    """Everything about `program` an analyst must look at on `day`."""
    findings = check(collect(program), extract, day)
    return Findings(
        day,
        horizon(day),
        extract,
        findings.quotes,
        findings.versions,
        findings.ended,
        findings.missing,
        not_covered(program, day),
        findings.unverifiable,
    )


def to_json(report: Findings) -> dict[str, Any]:
    extract = report.extract
    return {
        "date": report.day.isoformat(),
        "horizon": report.horizon.isoformat(),
        "attention": report.attention,
        "legi": {
            "file": extract.path,
            "package": extract.package,
            "version": extract.version,
            "codes": [
                {"title": c.title, "consolidated": _iso(c.consolidated)} for c in extract.codes
            ],
        },
        "quotes": [_quote(q) for q in report.quotes],
        "new_versions": [
            {
                "key": v.key,
                "article": v.reference.label,
                **_version(v.version),
                "state": v.version.state.value,
                "last_section": {
                    "location": v.last.location,
                    "start": _iso(v.last.period.start if v.last.period else None),
                    "end": _iso(v.last.period.end if v.last.period else None),
                },
            }
            for v in report.versions
        ],
        "ended": [
            {
                "key": e.key,
                "article": e.reference.label,
                "state": e.version.state.value,
                "date": e.date.isoformat(),
                "id": e.version.id,
                "location": e.location,
            }
            for e in report.ended
        ],
        "missing": [
            {
                "key": m.key,
                "article": m.reference.label,
                "reason": m.reason.value,
                "location": m.location,
            }
            for m in report.missing
        ],
        "not_covered": [
            {
                "key": g.key,
                "name": g.name,
                "kind": g.kind,
                "couvert_jusqu_au": g.covered_until.isoformat(),
                "location": g.location,
            }
            for g in report.gaps
        ],
        "unverifiable": [
            {
                "reason": u.reason.value,
                "subject": u.subject,
                "location": u.location,
                "code": u.code,
                "detail": u.detail,
            }
            for u in report.unverifiable
        ],
    }


def _quote(quote: AlteredQuote) -> dict[str, Any]:
    return {
        "key": quote.key,
        "article": quote.reference.label,
        "location": quote.section.location,
        "version": _version(quote.version) if quote.version else None,
        "runs": [
            {
                "quoted": join(m.run),
                "out_of_order": m.out_of_order,
                "differences": [
                    {
                        "before": join(d.before),
                        "official": join(d.official),
                        "quoted": join(d.quoted),
                        "after": join(d.after),
                        "word_diff": d.word_diff(),
                    }
                    for d in m.differences
                ],
            }
            for m in quote.mismatches
        ],
    }


def _version(version: Version) -> dict[str, Any]:
    return {
        "id": version.id,
        "number": version.number,
        "start": version.start.isoformat(),
        "end": _iso(version.end),
    }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
