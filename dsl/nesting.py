"""How deeply a rule file nests, measured on Lark's tree before anything recurses over it.

Every later stage (the transformer, the passes, the printer, the evaluator, the explanations,
the diff's encoding, the diagrams) walks expressions recursively; measuring here, with an
explicit stack, is what lets them stay simple: past a limit the file is refused with a
located error (E030, E031) instead of a RecursionError somewhere downstream.
"""

from __future__ import annotations

from lark import Token, Tree

from .errors import Diagnostic, Span
from .limits import MAX_CONDITION_NESTING, MAX_NESTING

EXPRESSIONS = frozenset(
    {
        "or_",
        "and_",
        "not_",
        "compare",
        "member",
        "add",
        "sub",
        "mul",
        "div",
        "neg",
        "atom",  # a pair of parentheses
        "call",
        "list_literal",
        "list_type",  # liste de liste de …
    }
)
GROUPS = frozenset({"all_of", "any_of", "none_of"})
GROUP_WORDS = frozenset({"TOUTES", "UNE", "AUCUNE"})
EXPRESSION_HINT = (
    "chaque opérateur, parenthèse, « non », appel ou liste compte pour un niveau ; "
    "découpez l'expression en règles intermédiaires"
)
GROUP_HINT = "sortez les listes intérieures dans des règles nommées, lues ici par leur nom"
PARSER_STACK = 2000
"""A parser stack this deep is nesting certainly past the limits: a file within them stays
under 700 (four entries per level of nested calls, about nine per condition list)."""


def problem(tree: Tree[Token], path: str) -> Diagnostic | None:
    """The first expression or condition list (in source order) nested past its limit."""
    too_deep: Found = {}
    stack: list[tuple[Tree[Token], int, int, Tree[Token] | None, Tree[Token] | None]]
    stack = [(tree, 0, 0, None, None)]
    while stack:
        node, levels, groups, expression, group = stack.pop()
        if node.data in EXPRESSIONS:
            levels += 1
            expression = expression or node
            if levels > MAX_NESTING:
                _deepest(too_deep, expression, levels, is_group=False)
        elif node.data in GROUPS:
            groups += 1
            group = group or node
            if groups > MAX_CONDITION_NESTING:
                _deepest(too_deep, group, groups, is_group=True)
        for child in node.children:
            if isinstance(child, Tree):
                stack.append((child, levels, groups, expression, group))
    if not too_deep:
        return None
    root, depth, is_group = min(too_deep.values(), key=lambda found: _start(found[0]))
    return _diagnostic(root, depth, is_group, path)


Found = dict[int, tuple[Tree[Token], int, bool]]


def _deepest(found: Found, root: Tree[Token], depth: int, *, is_group: bool) -> None:
    known = found.get(id(root))
    if known is None or known[1] < depth:
        found[id(root)] = (root, depth, is_group)


def _start(tree: Tree[Token]) -> tuple[int, int]:
    meta = tree.meta
    return (getattr(meta, "line", 0), getattr(meta, "column", 0))


def _diagnostic(root: Tree[Token], depth: int, is_group: bool, path: str) -> Diagnostic:
    meta = root.meta
    line, column = getattr(meta, "line", 1), getattr(meta, "column", 1)
    end_line, end_column = getattr(meta, "end_line", line), getattr(meta, "end_column", column + 1)
    span = Span(path, line, column, end_line, end_column)
    if is_group:
        return Diagnostic(
            "E031",
            f"listes de conditions imbriquées sur {depth} niveaux ; "
            f"au plus {MAX_CONDITION_NESTING}",
            span,
            GROUP_HINT,
        )
    what = "type imbriqué" if root.data == "list_type" else "expression imbriquée"
    return Diagnostic(
        "E030",
        f"{what} sur {depth} niveaux ; au plus {MAX_NESTING}",
        span,
        EXPRESSION_HINT,
    )


def stack_problem(values: list[object], token: Token, path: str) -> Diagnostic:
    """The error for a parse stopped at `token`, its stack past `PARSER_STACK`: condition lists
    if the pending values open more of them than allowed, an expression otherwise."""
    line, column = token.line or 1, token.column or 1
    span = Span(path, line, column, token.end_line or line, token.end_column or column + 1)
    groups = sum(isinstance(v, Token) and v.type in GROUP_WORDS for v in values)
    if groups > MAX_CONDITION_NESTING:
        return Diagnostic(
            "E031",
            f"listes de conditions imbriquées sur plus de {MAX_CONDITION_NESTING} niveaux",
            span,
            GROUP_HINT,
        )
    return Diagnostic(
        "E030", f"expression imbriquée sur plus de {MAX_NESTING} niveaux", span, EXPRESSION_HINT
    )
