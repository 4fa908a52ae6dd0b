"""The examples in the docstrings of `RuleBase` run, and give what they say."""

from __future__ import annotations

import doctest

from alinea.engine import rulebase


def test_the_rulebase_doctests_pass() -> None:
    outcome = doctest.testmod(rulebase, verbose=False)
    assert outcome.attempted >= 3
    assert outcome.failed == 0
