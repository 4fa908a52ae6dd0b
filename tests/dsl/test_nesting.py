"""Nesting is measured on Lark's tree before anything recurses over it (E030, E031)."""

from __future__ import annotations

import time

import pytest

from alinea.dsl import parse
from alinea.dsl.errors import RuleError
from alinea.dsl.limits import MAX_CONDITION_NESTING, MAX_NESTING
from tests import hostile_inputs as hostile


def errors(text: str) -> list[str]:
    with pytest.raises(RuleError) as error:
        parse(text, "r.alinea")
    return [str(d) for d in error.value.diagnostics]


def test_an_expression_at_the_limit_parses() -> None:
    assert parse(hostile.parentheses(MAX_NESTING), "r.alinea").items


def test_the_whole_depth_of_a_too_deep_expression_is_reported_at_its_start() -> None:
    assert errors(hostile.terms(2000, "*")) == [
        "r.alinea:7:5: error[E030]: expression imbriquée sur 1999 niveaux ; au plus 100"
    ]


def test_a_type_nested_too_deep_is_reported_as_a_type() -> None:
    text = hostile.HEAD + "donnée l : " + "liste de " * 150 + "entier\n"
    assert errors(text) == [
        "r.alinea:6:12: error[E030]: type imbriqué sur 150 niveaux ; au plus 100"
    ]


def test_calls_and_lists_count_as_levels() -> None:
    nested = "minimum(" * 60 + "[" * 41 + "a" + "]" * 41 + ")" * 60
    text = hostile.HEAD + f"conclusion r : entier\n  = {nested}\n"
    assert errors(text) == [
        "r.alinea:7:5: error[E030]: expression imbriquée sur 101 niveaux ; au plus 100"
    ]


def test_condition_lists_past_the_limit_stop_the_recovery_of_their_block() -> None:
    """The lines under the refused list would otherwise each be reported as misplaced."""
    text = hostile.condition_lists(MAX_CONDITION_NESTING + 1)
    assert errors(text) == [
        "r.alinea:7:11: error[E031]: listes de conditions imbriquées sur 21 niveaux ; au plus 20"
    ]


def test_other_blocks_are_still_checked_after_a_too_deep_one() -> None:
    text = hostile.parentheses(200) + "\nrègle s : entier\n  = a +\n"
    found = errors(text)
    assert found[0] == (
        "r.alinea:7:5: error[E030]: expression imbriquée sur 200 niveaux ; au plus 100"
    )
    assert len(found) == 2 and found[1].startswith("r.alinea:10:")


def test_two_hundred_thousand_parentheses_are_refused_without_parsing_them_all() -> None:
    """The parse stops once its stack is deep past any file within the limits (it took 36 s
    to parse the whole 400 KB, twice, before refusing it)."""
    start = time.perf_counter()
    assert errors(hostile.parentheses(200_000)) == [
        "r.alinea:7:1997: error[E030]: expression imbriquée sur plus de 100 niveaux"
    ]
    assert time.perf_counter() - start < 10


def test_thousands_of_nested_condition_lists_stop_the_parse_as_condition_lists() -> None:
    found = errors(hostile.condition_lists(3000))
    assert len(found) == 1
    assert found[0].endswith("error[E031]: listes de conditions imbriquées sur plus de 20 niveaux")
