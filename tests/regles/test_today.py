"""The law in force today: for a complete situation, every conclusion of the bundled base is
decided (or not applicable because the law says so) — never left without a figure. Beyond the
last revaluation coefficient, the ceilings are said to be not covered, with the day they stop."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.engine import RuleBase, load
from alinea.engine.domain.types import Kind, Type
from alinea.engine.domain.values import Duration

TODAY = datetime.date(2026, 12, 1)
RULES = load()
DEPARTMENTS = ("55", "69", "38", "75", "971", "2A")


def _value(name: str, type_: Type) -> st.SearchStrategy[Any]:
    match type_.kind:
        case Kind.BOOLEEN:
            return st.booleans()
        case Kind.ENUM:
            return st.sampled_from(type_.values)
        case Kind.ENTIER:
            high = 12 if name in {"taille_foyer", "seances_prises_en_charge_annee_civile"} else 100
            return st.integers(1 if name == "taille_foyer" else 0, high)
        case Kind.MONTANT:
            return st.integers(0, 60_000).map(Decimal)
        case Kind.DUREE:
            return st.integers(0, 3_650).map(lambda days: Duration(days=days))
        case Kind.TEXTE:
            return st.sampled_from(DEPARTMENTS)
    raise AssertionError(f"{name}: {type_}")


COMPLETE = st.fixed_dictionaries(
    {name: _value(name, fact.type) for name, fact in RULES.program.facts.items()}
)


@settings(max_examples=60, deadline=None)
@given(facts=COMPLETE, day=st.dates(TODAY - datetime.timedelta(days=60), TODAY))
def test_today_a_complete_situation_decides_every_conclusion(
    facts: dict[str, object], day: datetime.date
) -> None:
    result = RULES.evaluate_facts(facts, date=day)
    statuses = {conclusion.name: conclusion.status for conclusion in result}
    assert {name for name, status in statuses.items() if status == "non_couvert"} == set()
    assert {name for name, status in statuses.items() if status == "inconnu"} == set()


def test_in_june_2027_the_ceilings_say_where_the_rule_base_stops(rules: RuleBase) -> None:
    facts = {"taille_foyer": 4, "residence_outre_mer": False}
    result = rules.evaluate(facts, date="2027-06-01")
    for name in ("css.plafond_gratuite", "css.plafond_participation"):
        data = result[name].to_json()
        assert (data["status"], data["couvert_jusqu_au"], data["article"]) == (
            "non_couvert",
            "2027-03-31",
            "CSS L.161-25",
        ), name
