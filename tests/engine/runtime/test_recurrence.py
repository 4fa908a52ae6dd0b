"""Yearly parameter values (`EXPR chaque année depuis D`): computed on every anniversary in
the law of that day, from the value of the day before, iteratively, and explained."""

from __future__ import annotations

import datetime
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.engine import RuleBase, load
from alinea.engine.domain.outcomes import NA
from alinea.engine.explain.explanation import sources
from alinea.engine.runtime.evaluator import Evaluator
from tests.conftest import ROOT, Cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
CEILINGS = FIXTURES / "revalorisation"
OPEN = FIXTURES / "revalorisation_ouverte"
FOYER = {"ressources_annuelles_foyer": "10400"}


@pytest.fixture(scope="module")
def ceilings() -> RuleBase:
    return load(CEILINGS, cache=False)


@pytest.fixture(scope="module")
def open_ended() -> RuleBase:
    return load(OPEN, cache=False)


def ceiling(base: RuleBase, day: str) -> object:
    return base.evaluate(FOYER, date=day, only=["css.plafond"])["css.plafond"].value


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-31", Decimal("10339")),
        ("2026-04-01", Decimal("10422")),  # 10 339 × 1,008 = 10 421,712, to the nearest euro
        ("2027-03-31", Decimal("10422")),
        ("2027-04-01", Decimal("10422")),  # 0,995 is raised to 1 (L.161-25)
        ("2028-03-31", Decimal("10422")),
        ("2028-04-01", None),  # no coefficient for 2028: nothing to compute from
        ("2035-06-01", None),
    ],
)
def test_the_ceiling_on_each_side_of_each_anniversary(
    ceilings: RuleBase, day: str, expected: Decimal | None
) -> None:
    assert ceiling(ceilings, day) == expected


def test_a_special_value_holds_from_its_anniversary_on(ceilings: RuleBase) -> None:
    conclusion = ceilings.evaluate(FOYER, date="2035-06-01", only=["css.plafond"])["css.plafond"]
    assert conclusion.status == "non_couvert"  # no coefficient after 2028-03-31, no abrogation
    assert conclusion.to_json()["couvert_jusqu_au"] == "2028-03-31"
    [parameter] = conclusion.trace.children
    assert parameter.step.anniversary == datetime.date(2028, 4, 1)
    assert parameter.step.version is not None
    assert parameter.step.version.period is not None
    assert parameter.step.version.period.start == datetime.date(2028, 4, 1)
    assert parameter.step.version.period.end is None


def test_sources_name_the_mechanism_the_previous_order_and_the_coefficient(
    ceilings: RuleBase,
) -> None:
    result = ceilings.evaluate(FOYER, date="2026-04-01", only=["css.plafond"])
    assert result["css.plafond"].sources == (
        "CSS L.861-1 al. 4",
        "Arrêté publié au JO du 29 mars 2025 [S]",
        "Décret n° 2026-220 [S]",
    )


def test_a_later_year_cites_the_previous_revaluation_and_its_own_coefficient(
    ceilings: RuleBase,
) -> None:
    result = ceilings.evaluate(FOYER, date="2027-06-01", only=["css.plafond"])
    assert result["css.plafond"].sources == ("CSS L.861-1 al. 4", "Décret n° 2027-1 [U]")


def test_the_text_explanation_writes_the_revaluation(
    ceilings: RuleBase, snapshot: SnapshotAssertion
) -> None:
    texts = [
        ceilings.evaluate(FOYER, date=day, only=["css.sous_plafond"])["css.sous_plafond"].explain()
        for day in ("2026-04-01", "2027-04-01", "2028-04-01")
    ]
    assert "— revalorisé le 01/04/2026 : arrondi_euro(10\u202f339,00 € × 1,008)" in texts[0]
    assert "arrondi_euro(10\u202f422,00 € × maximum(0,995 ; 1))" in texts[1]
    assert "— revalorisation du 01/04/2028 impossible" in texts[2]
    assert "\n\n".join(texts) == snapshot


def test_the_json_explanation_gives_the_anniversary_and_the_calculation(
    ceilings: RuleBase, snapshot: SnapshotAssertion
) -> None:
    result = ceilings.evaluate(FOYER, date="2026-04-01", only=["css.plafond"])
    data = result["css.plafond"].to_json(explain=True)
    [parameter] = data["explanation"]["children"]
    assert parameter["revalued_on"] == "2026-04-01"
    assert parameter["in_force"] == {"from": "2026-04-01", "to": "2027-03-31"}
    [formula] = parameter["children"]
    assert formula["calculation"] == "arrondi_euro(10\u202f339,00 € × 1,008)"
    assert json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) == snapshot


def independent(start: Decimal, years: int, step: object) -> Decimal:
    value = start
    for _ in range(years):
        value = step(value)  # type: ignore[operator]
    return value


def test_two_yearly_values_in_a_row_and_the_last_date_of_the_range(open_ended: RuleBase) -> None:
    """2199-12-31 is the last evaluation date (docs/langage.md, « Limites »); the evaluator
    itself computes any later year in a loop (see the far date of the sources below)."""
    cent = Decimal("0.01")

    def first(v: Decimal) -> Decimal:
        return (v * Decimal("1.01")).quantize(cent, rounding=ROUND_HALF_UP)

    in_2019 = independent(Decimal(100), 10, first)
    far = open_ended.evaluate({}, date="2199-12-31", only=["indice.valeur"])["indice.valeur"]
    assert far.value == in_2019 + (2199 - 2020 + 1)
    assert "— revalorisé le 01/01/2199 : " in far.explain()
    near = open_ended.evaluate({}, date="2015-07-14", only=["indice.valeur"])["indice.valeur"]
    assert near.value == independent(Decimal(100), 6, first)


def test_half_a_euro_is_rounded_up(open_ended: RuleBase) -> None:
    evaluator = Evaluator(open_ended.program)
    assert evaluator.law(datetime.date(2021, 1, 1)).parameter("demi.montant").value == 11
    assert evaluator.law(datetime.date(2022, 1, 1)).parameter("demi.montant").value == 12


def test_values_are_computed_once_per_anniversary_and_kept(open_ended: RuleBase) -> None:
    evaluator = Evaluator(open_ended.program)
    later = evaluator.law(datetime.date(2030, 6, 1)).parameter("indice.montant")
    series = evaluator.series("indice.montant", 2)
    kept = list(series.traces)
    assert len(kept) == 11  # 2020 to 2030
    earlier = evaluator.law(datetime.date(2025, 6, 1)).parameter("indice.montant")
    assert series.traces == kept
    assert earlier is kept[5]
    assert later is kept[10]
    law = evaluator.law(datetime.date(2030, 6, 1))
    assert law.parameter("indice.montant") is later


def test_sources_of_a_far_date_are_read_without_deep_recursion(open_ended: RuleBase) -> None:
    evaluator = Evaluator(open_ended.program)
    trace = evaluator.law(datetime.date(9999, 12, 31)).parameter("indice.montant")
    assert sources(trace) == ["Seconde formule"]
    assert trace.value is not NA


def test_check_reports_a_yearly_value_that_reads_a_missing_parameter(cli: Cli) -> None:
    code, out, err = cli("check", "tests/engine/fixtures/avertissements/coefficient_absent.alinea")
    assert code == 0
    assert out.startswith("✓ 1 fichier")
    assert err == (
        "tests/engine/fixtures/avertissements/coefficient_absent.alinea:7:28: warning[W710]: "
        "la valeur « chaque année » du paramètre « css.plafond » lit « coef », qui n'a pas de "
        "valeur le 01/04/2024\n"
        "   7 |   arrondi_euro(précédent * coef) chaque année depuis 2024-04-01   "
        'selon "CSS L.861-1 al. 4"\n'
        "     |                            ^^^^\n"
        "   = aide : « css.plafond » n'aura pas de valeur dès sa première date anniversaire : "
        "donnez une valeur à « coef » ce jour-là, ou faites commencer la revalorisation plus tard"
        "\n\n1 avertissement\n"
    )


def test_the_golden_cases_of_the_ceilings_pass(cli: Cli) -> None:
    code, out, _ = cli(
        "test",
        str((FIXTURES / "revalorisation_cas").relative_to(ROOT)),
        "--rules",
        str(CEILINGS.relative_to(ROOT)),
    )
    assert code == 0
    assert "7 cas : 7 réussis" in out
