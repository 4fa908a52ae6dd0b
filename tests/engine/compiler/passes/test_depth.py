"""The depth of computation of each rule, its reads included, checked on the graph (E032)."""

from __future__ import annotations

import pytest

from alinea.dsl.limits import MAX_EVALUATION_DEPTH
from alinea.engine import RuleError, load
from alinea.engine.compiler.loader import program_from_texts
from alinea.engine.compiler.passes.depth import measure
from tests import hostile_inputs as hostile


def test_a_rule_adds_the_depth_of_the_rules_it_reads_where_it_reads_them() -> None:
    program = program_from_texts({"r.alinea": hostile.chain(3)}, cache=False)
    depths, via = measure(program)
    # r3 = a + 1: the rule, its value, the sum, its operands; each rule above adds three
    assert {name: depths[name] for name in ("r1", "r2", "r3")} == {"r1": 10, "r2": 7, "r3": 4}
    assert via == {"r1": "r2", "r2": "r3"}


def test_the_bundled_rule_base_is_far_from_the_limit() -> None:
    depths, _ = measure(load(cache=False).program)
    assert max(depths.values()) < MAX_EVALUATION_DEPTH // 5


def test_only_the_first_rule_past_the_limit_is_reported_not_every_rule_above_it() -> None:
    with pytest.raises(RuleError) as error:
        program_from_texts({"r.alinea": hostile.chain(200)}, cache=False)
    assert [d.code for d in error.value.diagnostics] == ["E032"]
    assert "« r117 » demande 253 niveaux" in error.value.diagnostics[0].message


def test_parameters_read_by_parameters_count_too() -> None:
    """Each `p{i} = p{i + 1} + 1` adds two levels to the two of the last value."""
    values = "\n".join(
        f"paramètre p{i} : entier\n  p{i + 1} + 1 depuis 2000-01-01\n" for i in range(1, 130)
    )
    text = hostile.HEAD + values + "\nparamètre p130 : entier\n  1 depuis 2000-01-01\n"
    with pytest.raises(RuleError) as error:
        program_from_texts({"p.alinea": text}, cache=False)
    assert error.value.diagnostics[0].message.startswith("le paramètre « p5 » demande 252")
