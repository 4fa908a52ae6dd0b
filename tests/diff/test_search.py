"""The witness search: symbolic when the rules allow it, boundary values otherwise, and
every printed outcome produced by the real evaluator."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import z3

from alinea.diff.compare import compare_dates, compare_programs
from alinea.diff.operators import round_half_up
from alinea.diff.report import Finding, Report
from alinea.engine import load
from alinea.engine.compiler.loader import load_program
from alinea.engine.domain.values import CENT
from alinea.engine.domain.values import round_half_up as decimal_round

FIXTURES = Path(__file__).resolve().parents[1] / "engine" / "fixtures" / "diff"
DAY = datetime.date(2026, 1, 1)


def compare(old: str, new: str) -> Report:
    return compare_programs(
        load_program([FIXTURES / old], cache=False),
        load_program([FIXTURES / new], cache=False),
        DAY,
    )


def finding(report: Report, name: str) -> Finding:
    return next(f for c in report.comparisons for f in c.findings if f.name == name)


def test_an_equivalent_refactoring_has_no_witness_and_the_search_is_exhaustive() -> None:
    report = compare("ancien", "refactorise")
    for name in ("aide.eligible", "aide.montant"):
        found = finding(report, name)
        assert found.witnesses == ()
        assert found.exhaustive
        assert found.methods == ("symbolique",)
    assert report.witnesses == 0


def test_a_moved_threshold_gives_one_witness_per_region_on_the_boundaries() -> None:
    found = finding(compare("ancien", "nouveau"), "aide.eligible")
    assert found.exhaustive
    assert [w.facts for w in found.witnesses] == [
        {"age": 16, "revenus": "0.00"},
        {"age": 16, "revenus": "10000.01"},
        {"age": 18, "revenus": "10000.01"},
    ]
    assert {(w.old.shown, w.new.shown) for w in found.witnesses} == {("faux", "vrai")}


def test_an_added_exception_and_an_enumeration_case_have_witnesses() -> None:
    found = finding(compare("ancien", "nouveau"), "aide.montant")
    shown = {
        (w.facts.get("statut"), w.facts["handicap"], w.old.shown, w.new.shown)
        for w in found.witnesses
    }
    assert ("etudiant", False, "150,00 €", "180,00 €") in shown
    assert (None, True, "non applicable", "200,00 €") in shown


def test_every_witness_makes_the_evaluator_disagree_with_itself_across_versions() -> None:
    """A witness is a situation the two rule bases answer differently: checked by evaluating
    it on each side, not by reading back what the search wrote."""
    report = compare("ancien", "nouveau")
    old, new = load(FIXTURES / "ancien", cache=False), load(FIXTURES / "nouveau", cache=False)
    checked = 0
    for comparison in report.comparisons:
        for found in comparison.findings:
            for witness in found.witnesses:
                outcomes = []
                for base, side in ((old, witness.old), (new, witness.new)):
                    if found.name not in base.rules:
                        assert side.status == "absente"
                        outcomes.append(("absente", None))
                        continue
                    conclusion = base.evaluate(witness.facts, date=DAY, only=[found.name])
                    assert side.status == conclusion[found.name].status
                    outcomes.append((conclusion[found.name].status, conclusion[found.name].value))
                assert outcomes[0] != outcomes[1], (found.name, witness.facts)
                checked += 1
    assert checked >= 3


def test_witnesses_are_minimal() -> None:
    report = compare("ancien", "nouveau")
    old, new = load(FIXTURES / "ancien", cache=False), load(FIXTURES / "nouveau", cache=False)
    found = finding(report, "aide.eligible")
    for witness in found.witnesses:
        for fact in witness.facts:
            fewer = {k: v for k, v in witness.facts.items() if k != fact}
            before = old.evaluate(fewer, date=DAY, only=[found.name])[found.name]
            after = new.evaluate(fewer, date=DAY, only=[found.name])[found.name]
            assert (before.status, before.value, after.status, after.value) != (
                "valeur",
                False,
                "valeur",
                True,
            )


def test_what_z3_cannot_encode_is_searched_on_boundary_values() -> None:
    found = finding(compare("limites_ancien", "limites_nouveau"), "delai.fin")
    assert found.note == "encodage symbolique impossible : date symbolique plus une durée en mois"
    assert found.methods == ("valeurs limites (toutes les combinaisons)",)
    assert not found.exhaustive
    (witness,) = found.witnesses
    assert witness.method == "valeurs limites"
    # the last day of July: two months later is clamped to 30 September, three to 31 October
    assert witness.facts == {"date_demande": "2025-07-31"}
    assert (witness.old.shown, witness.new.shown) == ("30/09/2025", "31/10/2025")


@pytest.mark.parametrize(
    "value", ["0.005", "0.004", "-0.005", "-0.015", "12.344999", "50.125", "30", "0"]
)
def test_rounding_to_the_cent_matches_the_evaluator(value: str) -> None:
    term = z3.simplify(round_half_up(z3.RealVal(value), 100))
    assert Decimal(term.as_fraction().numerator) / Decimal(
        term.as_fraction().denominator
    ) == decimal_round(Decimal(value), CENT)


def test_the_law_at_two_dates_mon_soutien_psy() -> None:
    report = compare_dates(
        load(cache=False).program, datetime.date(2025, 5, 1), DAY.replace(2025, 6, 1)
    )
    plafond = finding(report, "mon_soutien_psy.plafond_seances")
    assert [(w.facts, w.old.shown, w.new.shown) for w in plafond.witnesses] == [({}, "8", "12")]
    assert "décret n° 2025-424" in plafond.witnesses[0].new.explanation
    eligible = finding(report, "mon_soutien_psy.eligible")
    assert eligible.exhaustive
    (witness,) = eligible.witnesses
    assert witness.facts["adressage_medecin"] is False
    assert witness.facts["adressage_autre_professionnel"] is False
    assert (witness.old.shown, witness.new.shown) == ("faux", "vrai")
    change = next(c for c in report.changes if c.name == "mon_soutien_psy.eligible")
    assert change.details == (
        "supprimé — cas « vrai », condition « adressé par un médecin, une sage-femme ou la "
        "santé scolaire » : adressage_medecin ou adressage_autre_professionnel  "
        "(selon « CSS R.162-64 2° (rédaction de 2023) »)",
    )
