"""Properties of evaluation over generated situations (hypothesis), on the bundled rule base.

- a fact no conclusion depends on never changes that conclusion;
- giving a missing fact never turns a decided conclusion into another value (three-valued
  evaluation is sound: `inconnu` only ever hides a value, it never stands for one);
- a conclusion not covered by the rule base stays so unless one of the facts it names as
  able to decide it is given (those facts are all the ones that can);
- evaluation is deterministic (`test_determinism.py`, in two processes).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.engine import RuleBase, load
from alinea.engine.compiler.program import FactSymbol
from alinea.engine.domain.types import Kind

RULES: RuleBase = load(cache=False)
UNDECIDED = {"inconnu", "non_couvert"}
FACTS = RULES.program.facts
DATES = st.one_of(
    st.sampled_from(
        [
            datetime.date(2022, 2, 18),
            datetime.date(2022, 2, 19),
            datetime.date(2025, 5, 15),
            datetime.date(2025, 5, 16),
            datetime.date(2024, 6, 29),
            datetime.date(2026, 3, 1),
        ]
    ),
    st.dates(datetime.date(2019, 1, 1), datetime.date(2027, 12, 31)),
)


def value_of(fact: FactSymbol) -> st.SearchStrategy[Any]:
    kind = fact.type.kind
    if kind is Kind.BOOLEEN:
        return st.booleans()
    if kind is Kind.ENTIER:
        return st.integers(0, 130)
    if kind is Kind.MONTANT:
        cents = st.integers(0, 10_000_000)
        return cents.map(lambda c: str(Decimal(c) / 100))
    if kind is Kind.ENUM:
        return st.sampled_from(fact.type.values)
    if kind is Kind.DUREE:
        return st.sampled_from(["P1D", "P89D", "P90D", "P3M", "P3M1D", "P4M", "P1Y", "P6Y"])
    if kind is Kind.DATE:
        return st.dates(datetime.date(2019, 1, 1), datetime.date(2027, 12, 31)).map(str)
    if kind is Kind.TEXTE:
        return st.sampled_from(["55", "69", "38", "75", "971"])
    return st.just([])


SITUATIONS = st.fixed_dictionaries({}, optional={name: value_of(f) for name, f in FACTS.items()})


def outcomes(situation: dict[str, Any], day: datetime.date) -> dict[str, tuple[str, Any]]:
    result = RULES.evaluate(situation, date=day)
    return {c.name: (c.status, c.value) for c in result}


@settings(max_examples=120, deadline=None)
@given(situation=SITUATIONS, day=DATES, data=st.data())
def test_a_fact_a_conclusion_does_not_read_never_changes_it(
    situation: dict[str, Any], day: datetime.date, data: st.DataObject
) -> None:
    graph = RULES.program.graph
    name = data.draw(st.sampled_from(RULES.conclusions))
    irrelevant = sorted(set(FACTS) - nx.ancestors(graph, name))
    if not irrelevant:
        return
    fact = data.draw(st.sampled_from(irrelevant))
    changed = {**situation, fact: data.draw(value_of(FACTS[fact]))}
    before = RULES.evaluate(situation, date=day, only=[name])[name]
    after = RULES.evaluate(changed, date=day, only=[name])[name]
    assert (after.status, after.value, after.missing) == (
        before.status,
        before.value,
        before.missing,
    )


@settings(max_examples=200, deadline=None)
@given(full=SITUATIONS, day=DATES, data=st.data())
def test_giving_a_missing_fact_never_changes_a_decided_conclusion(
    full: dict[str, Any], day: datetime.date, data: st.DataObject
) -> None:
    kept = data.draw(st.sets(st.sampled_from(sorted(full)))) if full else set()
    partial = {name: full[name] for name in kept}
    before = outcomes(partial, day)
    after = outcomes(full, day)
    for name, (status, value) in before.items():
        if status not in UNDECIDED:
            assert after[name] == (status, value), name


@settings(max_examples=150, deadline=None)
@given(full=SITUATIONS, day=DATES, data=st.data())
def test_only_the_facts_it_names_can_decide_a_non_covered_conclusion(
    full: dict[str, Any], day: datetime.date, data: st.DataObject
) -> None:
    kept = data.draw(st.sets(st.sampled_from(sorted(full)))) if full else set()
    partial = RULES.evaluate({name: full[name] for name in kept}, date=day)
    complete = {c.name: c for c in RULES.evaluate(full, date=day)}
    for conclusion in partial:
        if conclusion.status != "non_couvert":
            continue
        added = set(full) - kept
        after = complete[conclusion.name]
        if not added & set(conclusion.missing):
            assert after.status == "non_couvert", conclusion.name
        if after.status != "non_couvert":
            assert added & set(conclusion.missing), conclusion.name


@settings(max_examples=80, deadline=None)
@given(full=SITUATIONS, day=DATES)
def test_an_unknown_conclusion_names_only_absent_facts(
    full: dict[str, Any], day: datetime.date
) -> None:
    result = RULES.evaluate(full, date=day)
    for conclusion in result:
        assert set(conclusion.missing) <= set(FACTS) - set(full)
        if conclusion.status == "inconnu":
            assert conclusion.missing
        if conclusion.missing:
            assert conclusion.status in UNDECIDED
