"""The formatter never loses anything, on every bundled rule file and on random ones.

For each file: formatting keeps the AST (spans aside), keeps the multiset of comment texts,
and formatting the result again changes nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.dsl import nodes, parse
from alinea.dsl.formatter import format_module, format_text
from tests.dsl.ast_strategies import modules, rewritten

RULES = sorted((Path(__file__).parents[2] / "regles").glob("*.alinea"))
FIXTURES = sorted((Path(__file__).parent / "fixtures").rglob("*.alinea"))
VALID_FIXTURES = [f for f in FIXTURES if f.name != "doublons.alinea" and f.parent.name != "erreurs"]


def comment_texts(module: nodes.Module) -> Counter[str]:
    return Counter(c.text for c in module.comments)


def assert_lossless(text: str, path: str = "<texte>") -> str:
    before = parse(text, path)
    formatted = format_text(text, path)
    after = parse(formatted, path)
    assert after.items == before.items
    assert comment_texts(after) == comment_texts(before)
    assert format_text(formatted, path) == formatted
    return formatted


@pytest.mark.parametrize("path", RULES + VALID_FIXTURES, ids=lambda p: p.name)
def test_every_rule_file_formats_without_loss(path: Path) -> None:
    assert_lossless(path.read_text(encoding="utf-8"), str(path))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(modules)
def test_a_random_tree_prints_to_text_that_parses_back_to_it(module: nodes.Module) -> None:
    text = format_module(module)
    assert parse(text, module.path).items == module.items
    assert format_text(text, module.path) == text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_comments_blank_lines_and_spellings_anywhere_survive(data: st.DataObject) -> None:
    module = data.draw(modules)
    text = data.draw(rewritten(format_module(module)))
    assert parse(text).items == module.items
    assert_lossless(text)
