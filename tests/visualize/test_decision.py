"""The explanation page writes its tree from a flat list of rows: no recursion per level."""

from __future__ import annotations

from alinea.visualize.decision import Line, rows


def line(text: str, children: tuple[Line, ...] = (), others: tuple[Line, ...] = ()) -> Line:
    return Line("✓", "vrai", text, None, (), children, others)


def test_rows_open_each_line_around_its_children_then_its_folded_others() -> None:
    tree = line("racine", (line("a", (line("a1"),)), line("b")), (line("sans effet"),))
    assert [(row.kind, row.line.text) for row in rows(tree)] == [
        ("ligne", "racine"),
        ("ligne", "a"),
        ("ligne", "a1"),
        ("fin", "a1"),
        ("fin", "a"),
        ("ligne", "b"),
        ("fin", "b"),
        ("replis", "racine"),
        ("ligne", "sans effet"),
        ("fin", "sans effet"),
        ("fin-replis", "racine"),
        ("fin", "racine"),
    ]


def test_a_tree_deeper_than_the_recursion_limit_is_flattened() -> None:
    tree = line("feuille")
    for level in range(5000):
        tree = line(str(level), (tree,))
    found = rows(tree)
    assert len(found) == 2 * 5001
    assert found[5000].line.text == "feuille"
