"""A conclusion unknown only for facts whose every value gives the same result is decided;
one that some value would change stays unknown, and so does one past the bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.engine import Conclusion, RuleBase, load
from alinea.engine.runtime import completion

FIXTURE = Path(__file__).parents[1] / "fixtures" / "completion"
DAY = "2026-03-01"


@pytest.fixture(scope="module")
def base() -> RuleBase:
    return load(FIXTURE, cache=False)


def evaluated(base: RuleBase, name: str, facts: dict[str, object] | None = None) -> Conclusion:
    return base.evaluate(facts or {}, date=DAY, only=[name])[name]


def test_a_fact_whose_every_value_gives_the_same_result_does_not_matter(base: RuleBase) -> None:
    conclusion = evaluated(base, "t.tiers_exclu")
    assert (conclusion.value, conclusion.status, conclusion.missing) == (True, "valeur", ())
    assert conclusion.explain().splitlines()[1:] == [
        "t.tiers_exclu = vrai",
        "  ✓ quelle que soit la valeur de a (vrai ou faux) ; par exemple avec a = vrai :",
        "    ✓ a ou non a",
        "        a = vrai",
    ]


def test_a_fact_that_changes_the_result_keeps_it_unknown(base: RuleBase) -> None:
    conclusion = evaluated(base, "t.depend")
    assert (conclusion.status, conclusion.missing) == ("inconnu", ("a",))


def test_completions_branch_one_missing_fact_at_a_time(base: RuleBase) -> None:
    conclusion = evaluated(base, "t.arbre")
    assert conclusion.value == 2
    data = conclusion.to_json(explain=True)
    [whatever] = data["explanation"]["children"]
    assert whatever["kind"] == "indifférence"
    assert whatever["facts_without_effect"] == ["a", "b", "c"]
    assert whatever["text"] == (
        "quelles que soient les valeurs de a (vrai ou faux), de b (vrai ou faux) et de c "
        "(x, y ou z) ; par exemple avec a = vrai, b = vrai :"
    )
    assert data["missing"] == []


def test_a_given_fact_is_not_tried(base: RuleBase) -> None:
    conclusion = evaluated(base, "t.arbre", {"a": False})
    data = conclusion.to_json(explain=True)
    [whatever] = data["explanation"]["children"]
    assert whatever["facts_without_effect"] == ["c"]


def test_a_small_bounded_integer_is_tried_value_by_value(base: RuleBase) -> None:
    conclusion = evaluated(base, "t.entier_borne")
    assert conclusion.value is True
    assert "quelle que soit la valeur de n (de 0 à 3) ; par exemple avec n = 0 :" in (
        conclusion.explain()
    )


@pytest.mark.parametrize(
    ("name", "missing"),
    [
        ("t.trop", ("d1", "d2", "d3", "d4", "d5", "d6", "d7")),  # 128 completions > 64
        ("t.jamais_applicable", ("a",)),  # every completion is non applicable
        ("t.non_fini", ("a", "revenus")),  # a montant has no finite domain
        ("t.conflit", ("a",)),  # a = vrai makes two exceptions conflict
    ],
)
def test_what_completions_cannot_decide_stays_unknown(
    base: RuleBase, name: str, missing: tuple[str, ...]
) -> None:
    conclusion = evaluated(base, name)
    assert (conclusion.status, conclusion.missing) == ("inconnu", missing)


def test_the_bound_is_the_documented_one() -> None:
    assert (completion.LIMIT, completion.INTEGER_VALUES) == (64, 16)


def test_finite_domains(base: RuleBase) -> None:
    domains = completion.domains(base.program)
    assert domains["a"] == (True, False)
    assert domains["c"] == ("x", "y", "z")
    assert domains["n"] == (0, 1, 2, 3)
    assert "revenus" not in domains


def test_only_requested_conclusions_are_completed(base: RuleBase) -> None:
    result = base.evaluate({}, date=DAY, only=["t.depend"])
    assert result["t.tiers_exclu"].status == "inconnu"  # read later, not requested
