"""The checks of a rule base against a LEGI extract: quotations, newer versions, abrogations,
and what cannot be checked (codes the dataset lacks, sources that are no code article)."""

from __future__ import annotations

import datetime

import attrs

from ..dsl import nodes
from ..engine.domain.values import short_date
from . import text
from .items import AlteredQuote, Ended, Missing, MissingReason, NewVersion, Unchecked, Unverifiable
from .legi import Article, Extract, Version
from .references import Reference
from .uses import Inventory, Section, Uses

DAY = datetime.timedelta(days=1)


@attrs.frozen
class Findings:
    quotes: list[AlteredQuote]
    versions: list[NewVersion]
    ended: list[Ended]
    missing: list[Missing]
    unverifiable: list[Unverifiable]


def check(inventory: Inventory, extract: Extract, day: datetime.date) -> Findings:
    found = Findings([], [], [], [], [])
    for reference, uses in sorted(inventory.articles.items(), key=lambda i: _order(i[0])):
        if extract.code(reference.code.title) is None:
            found.unverifiable.append(
                Unverifiable(
                    Unchecked.CODE_NOT_IN_LEGI,
                    reference.label,
                    uses.first_location,
                    reference=reference,
                    code=reference.code.named,
                )
            )
            continue
        article = extract.article(reference)
        if article is None:
            _missing(found, extract, reference, uses)
            continue
        for section in uses.sections:
            _quote(found, reference, section, article, day)
        _newer(found, reference, uses, article)
        _ended(found, reference, uses, article)
    for section in inventory.other_sections:
        found.unverifiable.append(
            Unverifiable(Unchecked.NOT_A_CODE_ARTICLE, section.article.reference, section.location)
        )
    return found


def _order(reference: Reference) -> tuple[str, str]:
    return reference.code.title, reference.key


def version_for(
    article: Article, period: nodes.Period | None, day: datetime.date
) -> Version | None:
    """The version a section quotes: the one whose days contain the section's whole period,
    else the one in force on its first day (its last day for `jusqu'au`; `day` without a
    period)."""
    versions = article.in_force
    if period is not None and period.start is not None:
        start, end = period.start, period.end
        whole = [
            v
            for v in versions
            if v.start <= start and (v.end is None or (end is not None and end <= v.end))
        ]
        return whole[-1] if whole else _at(versions, start)
    anchor = period.end if period is not None and period.end is not None else day
    return _at(versions, anchor)


def _at(versions: tuple[Version, ...], day: datetime.date) -> Version | None:
    return next((v for v in reversed(versions) if v.contains(day)), None)


def _quote(
    found: Findings, reference: Reference, section: Section, article: Article, day: datetime.date
) -> None:
    lines = section.article.lines
    if not lines:
        return
    version = version_for(article, section.period, day)
    if version is None:
        found.quotes.append(AlteredQuote(reference, section, None, ()))
        return
    official = article.texts.get(version.id)
    if official is None:
        found.unverifiable.append(
            Unverifiable(
                Unchecked.TEXT_NOT_IN_LEGI,
                reference.label,
                section.location,
                reference=reference,
                detail=f"version {version.number} du {short_date(version.start)} ; "
                f"texte gardé : version {_held(article)}",
            )
        )
        return
    mismatches = text.compare(lines, official)
    if mismatches:
        found.quotes.append(AlteredQuote(reference, section, version, tuple(mismatches)))


def _held(article: Article) -> str:
    return next((v.number for v in article.versions if v.id == article.id), article.id)


def _newer(found: Findings, reference: Reference, uses: Uses, article: Article) -> None:
    """Versions starting after the start of the rule base's last section of the article (its
    end for a `jusqu'au` section; a section without a period claims no version)."""
    dated = [(_anchor(s.period), s) for s in uses.sections]
    anchored = [(anchor, s) for anchor, s in dated if anchor is not None]
    if not anchored or len(anchored) < len(dated):
        return
    anchor, last = max(anchored, key=lambda item: item[0])
    for version in article.in_force:
        if version.start > anchor:
            found.versions.append(NewVersion(reference, version, last))


def _anchor(period: nodes.Period | None) -> datetime.date | None:
    if period is None:
        return None
    return period.start or period.end


def _ended(found: Findings, reference: Reference, uses: Uses, article: Article) -> None:
    version = article.ended
    if version is None:
        return
    date = version.end + DAY if version.end is not None else version.start
    reaching = uses.reaching(date)
    if reaching:
        found.ended.append(Ended(reference, version, date, reaching[0].location))


def _missing(found: Findings, extract: Extract, reference: Reference, uses: Uses) -> None:
    if not extract.is_absent(reference):
        found.missing.append(Missing(reference, MissingReason.NOT_EXTRACTED, uses.first_location))
        return
    code = extract.code(reference.code.title)
    consolidated = code.consolidated if code and code.consolidated else datetime.date.max
    reaching = uses.reaching(consolidated)
    if reaching:
        found.missing.append(Missing(reference, MissingReason.ABSENT, reaching[0].location))
        return
    last = max(
        (u.period.end for u in uses.all if u.period and u.period.end),
        default=None,
    )
    found.unverifiable.append(
        Unverifiable(
            Unchecked.ENDED_AS_ENCODED,
            reference.label,
            uses.first_location,
            reference=reference,
            detail=f"encodé jusqu'au {short_date(last)}" if last else None,
        )
    )
