"""How far the rule base covers each rule and parameter, and what holds outside (fixture
tests/fixtures/couverture: an article created then abrogated, values that stop early)."""

from __future__ import annotations

import datetime
import gc
import weakref
from pathlib import Path

import pytest

from alinea.dsl import nodes
from alinea.engine import RuleBase, load
from alinea.engine.compiler import timeline
from alinea.engine.domain.outcomes import NA, Gap, GapSide, NotCovered

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "fixtures" / "couverture" / "couverture.alinea"
D = datetime.date
ART1, ART2 = "Loi test, art. 1", "Loi test, art. 2"


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return load(FIXTURE, cache=False)


def test_each_symbol_has_its_stretch_its_articles_and_their_events(base: RuleBase) -> None:
    found = timeline.Timeline(base.program)
    plafond = found.coverage("test.plafond")
    assert (plafond.start, plafond.end) == (D(2020, 6, 1), D(2022, 12, 31))
    assert (plafond.first_article, plafond.last_article) == (ART1, ART1)
    assert plafond.creation is not None and plafond.abrogation is not None
    assert (plafond.creation.day, plafond.creation.text) == (
        D(2020, 1, 1),
        "création : loi n° 2019-1, art. 3",
    )
    assert (plafond.abrogation.day, plafond.abrogation.source) == (
        D(2023, 1, 1),
        "loi n° 2022-9, art. 1er",
    )
    taux = found.coverage("test.taux")
    assert (taux.start, taux.end, taux.creation, taux.abrogation) == (
        D(2020, 1, 1),
        D(2021, 6, 30),
        None,
        None,
    )
    assert found.coverage("test.montant").end is None


def test_before_the_creation_the_law_does_not_apply(base: RuleBase) -> None:
    absent = timeline.absence(base.program, "test.aide", D(2019, 12, 31))
    assert absent == timeline.Absence(
        NA,
        ART1,
        "l'article Loi test, art. 1 n'existait pas avant le 01/01/2020 (loi n° 2019-1, art. 3)",
    )


def test_after_creation_but_before_the_first_value_the_rule_base_has_a_gap(
    base: RuleBase,
) -> None:
    absent = timeline.absence(base.program, "test.plafond", D(2020, 3, 1))
    assert absent is not None and isinstance(absent.value, NotCovered)
    assert absent.value.gaps == frozenset(
        {Gap("test.plafond", ART1, D(2020, 6, 1), D(2022, 12, 31), GapSide.BEFORE)}
    )


def test_from_the_abrogation_the_law_does_not_apply(base: RuleBase) -> None:
    absent = timeline.absence(base.program, "test.plafond", D(2023, 1, 1))
    assert absent == timeline.Absence(
        NA,
        ART1,
        "l'article Loi test, art. 1 est abrogé depuis le 01/01/2023 (loi n° 2022-9, art. 1er)",
    )
    assert timeline.absence(base.program, "test.plafond", D(2022, 12, 31)) is None


def test_an_end_date_without_abrogation_is_a_gap(base: RuleBase) -> None:
    absent = timeline.absence(base.program, "test.taux", D(2021, 7, 1))
    assert absent is not None and isinstance(absent.value, NotCovered)
    assert absent.value.first == Gap(
        "test.taux", ART2, D(2020, 1, 1), D(2021, 6, 30), GapSide.AFTER
    )
    assert timeline.describe(base.program, "test.taux", D(2021, 7, 1)) == (
        "non couvert — la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)"
    )
    assert timeline.describe(base.program, "test.taux", D(2021, 6, 30)) is None


def test_what_is_not_covered_at_a_day(base: RuleBase) -> None:
    names = [c.name for c in timeline.not_covered(base.program, D(2021, 12, 1))]
    assert names == ["test.forfait", "test.taux"]
    assert [c.name for c in timeline.not_covered(base.program, D(2019, 6, 1))] == [
        "test.forfait",
        "test.montant",
        "test.taux",
    ]


def test_what_stops_being_covered_within_six_months_and_what_depends_on_it(
    base: RuleBase,
) -> None:
    program = base.program
    assert [e.coverage.name for e in timeline.ending(program, D(2020, 12, 30))] == []
    soon = timeline.ending(program, D(2021, 3, 1))
    assert [(e.coverage.name, e.dependents) for e in soon] == [("test.taux", ("test.montant",))]
    later = timeline.ending(program, D(2021, 4, 1))
    assert [e.coverage.name for e in later] == ["test.taux", "test.forfait"]
    assert timeline.ending(program, D(2021, 4, 1), months=1) == []
    past = timeline.ending(program, D(2030, 1, 1))
    assert "test.plafond" not in [e.coverage.name for e in past]  # abrogated the next day


def test_the_warning_names_the_symbol_the_last_day_the_article_and_the_dependents(
    base: RuleBase,
) -> None:
    [warning] = timeline.warnings(base.program, D(2021, 3, 1))
    assert warning.code == "W701"
    assert not warning.is_error
    assert (
        warning.message == "« test.taux » n'est couvert que jusqu'au 30/06/2021 (Loi test, art. 2)"
    )
    assert warning.hint == (
        "ajoutez la version en vigueur à partir du 01/07/2021 ; si l'article a été abrogé, "
        "dites-le : « § Loi test, art. 2 | depuis 2021-07-01 (abrogé par …) »"
    )
    assert [n.message for n in warning.notes] == ["1 conclusion en dépend : test.montant"]
    assert warning.span is not None and warning.span.line == 34


def test_dependents_are_the_public_conclusions_downstream(base: RuleBase) -> None:
    assert timeline.dependents(base.program, "test.plafond") == ["test.aide", "test.montant"]
    assert timeline.dependents(base.program, "test.aide") == ["test.aide", "test.montant"]


def test_a_symbol_without_dated_versions_is_always_covered(rules: RuleBase) -> None:
    coverage = timeline.Timeline(rules.program).coverage("cmp.type_centre")
    assert (coverage.start, coverage.end) == (None, None)
    assert coverage.absence(D(1900, 1, 1)) is None


def test_the_article_of_a_version_is_its_own_citation_resolved_else_its_section(
    rules: RuleBase,
) -> None:
    found = timeline.Timeline(rules.program)
    plafond = found.coverage("css.plafond_personne_seule")
    # cites "CSS D.861-1 (rédaction du 1er juillet 2003) [S]" first, an arrêté (no section) last
    assert (plafond.first_article, plafond.last_article) == ("CSS D.861-1", "CSS L.861-1 al. 4")
    assert found.coverage("css.acs").abrogation == timeline.Event(
        nodes.ArticleEvent.ABROGATION,
        D(2019, 11, 1),
        "CSS L.863-1",
        "abrogé par la loi n° 2018-1203, art. 52",
    )


def test_the_timeline_of_a_program_is_shared(base: RuleBase) -> None:
    assert timeline.of(base.program) is timeline.of(base.program)


def test_the_shared_timeline_does_not_keep_its_program_alive() -> None:
    program = load(FIXTURE, cache=False).program
    assert timeline.of(program) is timeline.of(program)
    gone = weakref.ref(program)
    del program
    gc.collect()
    assert gone() is None
