"""The block parser gives exactly what `parser.parse` gives, however it reuses its last parse.

`BlockParser` re-parses only the blocks an edit changed, and inside a block only the line
it changed when that line holds one element of a declaration (`dsl/blocks.py`). Node
equality ignores places, so the trees are compared with every span; diagnostics as they
are. Each bundled rule file and each syntax fixture is edited at random (seeded), one
parser reading every text in turn as the language server does.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import attrs
import pytest

from alinea.dsl import nodes, parser
from alinea.dsl.blocks import BlockParser, Parsed
from alinea.dsl.errors import Diagnostic, RuleError
from tests import edits
from tests.conftest import ROOT

EDITS = 30
FILES = sorted(
    [*(ROOT / "regles").glob("*.alinea"), *(ROOT / "tests/dsl/fixtures/erreurs").glob("*.alinea")]
)


def exact(value: Any) -> Any:
    """A node with every field and every span, all the way down (equality ignores spans)."""
    if isinstance(value, nodes.Node):
        fields = tuple(exact(getattr(value, f.name)) for f in attrs.fields(type(value)))
        return (type(value).__name__, *fields)
    if isinstance(value, tuple):
        return tuple(exact(item) for item in value)
    return value


def whole(text: str, path: str) -> tuple[Any, tuple[Diagnostic, ...]]:
    try:
        return exact(parser.parse(text, path)), ()
    except RuleError as error:
        return None, tuple(error.diagnostics)


def by_blocks(parsed: Parsed) -> tuple[Any, tuple[Diagnostic, ...]]:
    return (exact(parsed.module) if parsed.module else None), parsed.diagnostics


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_the_block_parser_reads_each_edited_text_as_the_parser_does(path: Path) -> None:
    name = f"{path.parent.name}/{path.name}"
    rng = random.Random(name)
    original = text = path.read_text(encoding="utf-8")
    blocks = BlockParser(name)
    parses = 0
    for number in range(EDITS + 1):
        parsed = blocks.parse(text)
        expected = whole(text, name)
        assert by_blocks(parsed) == expected, f"{name}, texte n° {number}"
        parses += expected[0] is not None
        if expected[0] is None and rng.random() < 0.5:
            text = original  # as an analyst fixes what broke
        text = edits.edit(rng, text)
    if "erreurs" not in name:
        assert parses >= EDITS // 4  # the texts that parse are compared tree against tree


def reparsed(before: str, after: str) -> tuple[nodes.Module, nodes.Module]:
    """css.alinea parsed, then parsed again with one edit, by one block parser; the second
    parse checked against the whole parser's."""
    path = ROOT / "regles" / "css.alinea"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(before, after, 1)
    assert edited != text
    blocks = BlockParser("regles/css.alinea")
    first, second = blocks.parse(text).module, blocks.parse(edited).module
    assert first is not None and second is not None
    assert exact(second) == exact(parser.parse(edited, "regles/css.alinea"))
    return first, second


def test_a_value_typed_in_a_parameter_is_read_alone_and_keeps_the_other_values() -> None:
    """The line re-read with its header alone: the other values are the very nodes of the
    last parse (what the compiler's memos key on)."""
    before, after = reparsed("  6798 €    du 2003-07-01", "  6799 €    du 2003-07-01")
    old, new = (
        next(i for i in m.items if getattr(i, "name", "") == "css.plafond_personne_seule")
        for m in (before, after)
    )
    assert isinstance(old, nodes.Parameter) and isinstance(new, nodes.Parameter)
    kept = [a is b for a, b in zip(old.values, new.values, strict=True)]
    assert kept == [False, *[True] * (len(old.values) - 1)]
    kept = [a is b for a, b in zip(before.items, after.items, strict=True)]
    assert kept.count(False) == 1


def test_a_comment_rewritten_inside_a_declaration_keeps_its_node() -> None:
    before, after = reparsed("# le 1er avril. Sauf mention", "# le 1er avril, sauf mention")
    assert all(a is b for a, b in zip(before.items, after.items, strict=True))
    assert before.comments != after.comments


BLOCS = ROOT / "tests" / "dsl" / "fixtures" / "blocs"


@pytest.mark.parametrize(
    ("fixture", "before", "after"),
    [
        # a value over two lines (inside brackets): its line is not read alone, whose end
        # the next line gives
        ("sur_deux_lignes.alinea", "min(1 €,", "min(5 €,"),
        # the last value indented one space more: read with the values above, it runs on
        # from them (an error), when alone with the header it would stand
        ("valeurs.alinea", "  2 € depuis", "   2 € depuis"),
        ("valeurs.alinea", "  2 € depuis", "  2 € (depuis"),
        ("valeurs.alinea", "  = p", "  = p + 1 €"),
        ("valeurs.alinea", "  = p", '  libellé "p"'),
    ],
)
def test_a_line_is_read_alone_only_when_the_whole_block_would_read_it_so(
    fixture: str, before: str, after: str
) -> None:
    text = (BLOCS / fixture).read_text(encoding="utf-8")
    edited = text.replace(before, after, 1)
    assert edited != text
    blocks = BlockParser(fixture)
    assert blocks.parse(text).module is not None
    assert by_blocks(blocks.parse(edited)) == whole(edited, fixture)
