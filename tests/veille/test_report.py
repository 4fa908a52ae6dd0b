"""`watch` on the fixture bases: each finding, with its words, dates and locations."""

from __future__ import annotations

import datetime

from alinea.engine.compiler.program import Program
from alinea.veille import legi
from alinea.veille.items import MissingReason, Unchecked
from alinea.veille.report import watch

DAY = datetime.date(2026, 12, 1)
FILE = "tests/veille/fixtures/signale/aide.alinea"


def test_an_altered_quote_is_reported_word_for_word(
    signale: Program, extract: legi.Extract
) -> None:
    (quote,) = watch(signale, extract, DAY).quotes
    assert quote.reference.label == "CSS L.162-58"
    assert quote.section.location.endswith(f"{FILE}:3")
    assert quote.version is not None and quote.version.id == "LEGIARTI000051285006"
    (mismatch,) = quote.mismatches
    assert [d.word_diff() for d in mismatch.differences] == [
        "… psychologique réalisées par un [-psychologue-] {+médecin+} dans le cadre d'un …"
    ]


def test_a_version_after_the_last_section_is_reported(
    signale: Program, extract: legi.Extract
) -> None:
    (new,) = watch(signale, extract, DAY).versions
    assert new.key == "version CSS L.162-58 5.0"
    assert (new.version.id, new.version.start) == (
        "LEGIARTI000053283035",
        datetime.date(2026, 10, 1),
    )
    assert new.version.state is legi.State.VIGUEUR_DIFF
    assert new.last.location.endswith(f"{FILE}:3")


def test_an_abrogated_article_still_applied_is_reported(
    signale: Program, extract: legi.Extract
) -> None:
    (ended,) = watch(signale, extract, DAY).ended
    assert ended.reference.label == "CSS L.162-30-2"
    assert ended.date == datetime.date(2027, 1, 1)
    assert ended.version.state is legi.State.ABROGE_DIFF
    assert ended.location.endswith(f"{FILE}:22")


def test_an_abrogation_the_rule_base_encodes_is_not(propre: Program, extract: legi.Extract) -> None:
    report = watch(propre, extract, DAY)
    assert (report.quotes, report.versions, report.ended, report.missing, report.gaps) == (
        [],
        [],
        [],
        [],
        [],
    )
    assert report.attention == 0


def test_an_article_absent_from_legi(signale: Program, extract: legi.Extract) -> None:
    (missing,) = watch(signale, extract, DAY).missing
    assert (missing.key, missing.reason) == ("introuvable CSS L.999-99", MissingReason.ABSENT)
    assert missing.location.endswith(f"{FILE}:43")


def test_what_cannot_be_checked_is_said(signale: Program, extract: legi.Extract) -> None:
    found = [
        (u.reason, u.subject, u.code, u.detail) for u in watch(signale, extract, DAY).unverifiable
    ]
    assert found == [
        (Unchecked.CODE_NOT_IN_LEGI, "CSP L.1111-4", "le CSP", None),
        (
            Unchecked.TEXT_NOT_IN_LEGI,
            "CSS L.861-1",
            None,
            "version 9.0 du 01/01/2019 ; texte gardé : version 10.0",
        ),
        (
            Unchecked.NOT_A_CODE_ARTICLE,
            "Arrêté du 8 mars 2022 relatif aux séances d'accompagnement psychologique (tarifs)",
            None,
            None,
        ),
    ]


def test_the_coverage_section(signale: Program, extract: legi.Extract) -> None:
    report = watch(signale, extract, DAY)
    assert report.horizon == datetime.date(2027, 6, 1)
    assert [(g.key, g.covered_until) for g in report.gaps] == [
        ("non couvert aide.plafond_seances", datetime.date(2026, 9, 30))
    ]
    assert report.attention == 5


def test_an_article_missing_from_the_extract_asks_for_a_new_one(signale: Program) -> None:
    missing = {m.key: m.reason for m in watch(signale, legi.load(), DAY).missing}
    assert missing["introuvable CSS L.162-30-2"] is MissingReason.NOT_EXTRACTED
