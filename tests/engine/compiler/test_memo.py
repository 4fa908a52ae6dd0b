"""What the passes keep from one compile to the next (`engine/compiler/memo.py`): reused for
the very nodes of the last compile, and the same diagnostics as a compile without memos.

`tests/lsp/test_workspace.py` compares the two on random edits of whole bases; here, what
those edits cannot make: a literal node shared by two declarations (the parser never shares
one), which the type checker reports once, from the first declaration that reads it.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from alinea.dsl import nodes, parser
from alinea.engine.compiler.passes import Memos, compile_checked
from alinea.engine.compiler.program import Program

FIXTURES = Path(__file__).parents[1] / "fixtures" / "memo"


def parsed() -> nodes.Module:
    path = FIXTURES / "litteral.alinea"
    return parser.parse(path.read_text(encoding="utf-8"), "litteral.alinea")


def with_values(module: nodes.Module, values: tuple[nodes.ParameterValue, ...]) -> nodes.Module:
    items = tuple(
        attrs.evolve(item, values=values) if isinstance(item, nodes.Parameter) else item
        for item in module.items
    )
    return attrs.evolve(module, items=items)


def parameter(module: nodes.Module) -> nodes.Parameter:
    return next(item for item in module.items if isinstance(item, nodes.Parameter))


def compiled(module: nodes.Module, memos: Memos) -> tuple[Program, list[str]]:
    """The program and diagnostics with the memos, checked against a compile without."""
    found = compile_checked((module,), memos)
    assert found.diagnostics == compile_checked((module,)).diagnostics
    return found.program, [f"{d.code} {d.span.line if d.span else 0}" for d in found.diagnostics]


def test_a_second_compile_of_the_same_nodes_reuses_what_the_first_found() -> None:
    module = parsed()
    memos = Memos()
    correct = with_values(module, parameter(module).values[::2])  # the amount too large left out
    first, _ = compiled(correct, memos)
    second, _ = compiled(correct, memos)
    assert first.rules["c"].versions[0].rule is second.rules["c"].versions[0].rule
    assert [e.value for e in first.parameters["p"].entries] == [
        e.value for e in second.parameters["p"].entries
    ]
    assert all(
        a.value is b.value
        for a, b in zip(first.parameters["p"].entries, second.parameters["p"].entries, strict=True)
    )


def test_a_literal_read_by_two_declarations_is_reported_once_whichever_changes() -> None:
    module = parsed()
    low, large, high = parameter(module).values
    sharing = attrs.evolve(high, value=large.value)  # the same node as the large amount's
    memos = Memos()
    assert compiled(with_values(module, (low, large, sharing)), memos)[1] == ["E320 6"]
    # the first reader changes: the second, unchanged, reports the literal now
    assert compiled(with_values(module, (low, sharing)), memos)[1] == ["E320 6", "E402 7"]
    # a new first reader reports it: the one reused after it must not report it again
    first = attrs.evolve(low, value=large.value)
    assert compiled(with_values(module, (first, large, sharing)), memos)[1] == ["E320 6"]


def test_the_memos_keep_only_what_the_last_compile_used() -> None:
    module = parsed()
    memos = Memos()
    low, _, high = parameter(module).values
    for amount in range(1, 30):
        value = attrs.evolve(low.value, value=low.value.value + amount)  # type: ignore[attr-defined]
        compiled(with_values(module, (attrs.evolve(low, value=value), high)), memos)
    assert len(memos.names.entries) == 3  # the rule and the two values
    assert len(memos.types) == 3
