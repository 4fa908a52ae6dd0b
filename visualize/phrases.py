"""How pieces of the AST are said in a diagram: expressions, row keys, citations, and which
conditions fold into their parent's node."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..dsl import nodes, printer
from ..dsl.walk import descendants
from ..engine.compiler.program import RuleVersion

QUANTIFIERS = {
    "toutes": "toutes ces conditions",
    "une": "une de ces conditions",
    "aucune": "aucune de ces conditions",
}
CONNECTIVES = {"et": "toutes deux", "ou": "l'une ou l'autre"}


def atomic(expr: nodes.Expr) -> bool:
    """A comparison, a calculation, or the negation of one: drawn as one line of code, with
    what it reads beneath."""
    if isinstance(expr, nodes.Not):
        return isinstance(expr.operand, nodes.Ref) or atomic(expr.operand)
    return not isinstance(expr, nodes.Group | nodes.Logical | nodes.Ref)


def foldable(clauses: Sequence[nodes.Clause]) -> bool:
    """`vrai si toutes ces conditions : … sinon faux`: said on the rule's node itself."""
    case, rest = clauses[0], clauses[1:]
    return (
        isinstance(case, nodes.Case)
        and isinstance(case.condition, nodes.Group)
        and case.citation is None
        and not any(references(case.value))
        and all(
            isinstance(c, nodes.Default) and c.citation is None and not any(references(c.value))
            for c in rest
        )
        and len(rest) <= 1
    )


def references(expr: nodes.Expr) -> Iterator[nodes.Ref]:
    for node in descendants(expr):
        if isinstance(node, nodes.Ref) and node.kind != "valeur":
            yield node


def operands(expr: nodes.Expr, op: str) -> list[nodes.Expr]:
    """`a ou b ou c` as one node with three operands."""
    if isinstance(expr, nodes.Logical) and expr.op == op:
        return [*operands(expr.left, op), *operands(expr.right, op)]
    return [expr]


def text(expr: nodes.Expr) -> str:
    if isinstance(expr, nodes.Group):
        return QUANTIFIERS[expr.quantifier]
    return printer.expression(expr, pretty=True)


def condition_head(expr: nodes.Expr) -> str:
    return (" " + text(expr) if isinstance(expr, nodes.Group) else "") + " :"


def cite(
    clause: nodes.Case | nodes.Default | nodes.Value | nodes.Unless | nodes.Row | nodes.Element,
) -> str | None:
    return clause.citation.text if clause.citation else None


def source(version: RuleVersion) -> str | None:
    if version.rule.citation is not None:
        return version.rule.citation.text
    return version.origin.article.reference if version.origin.article else None


def unquoted(citation: str | None) -> str:
    return f"{citation} : texte non cité dans la base de règles" if citation else ""
