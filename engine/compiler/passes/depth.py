"""Pass: how deeply the computation of each rule nests, the rules it reads included.

A rule is evaluated by closures that call the closures of the rules it reads, and its
explanation, diagram and diff encoding recurse the same way; so the depth that matters is
the nesting of a rule's own expressions plus, at each place it reads another rule or
parameter, that one's depth. Measured here on the dependency graph (a DAG once the cycles
pass has run), with an explicit order and no recursion, so that every rule base that checks
also evaluates and explains (E032) — never a RecursionError at evaluation time.

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> from alinea.engine.compiler.passes.depth import measure
    >>> program, found = trial('''
    ... donnée age : entier
    ... règle exemple.actif : booléen
    ...   selon "art. 3"
    ...   = age >= 16 et age < 65
    ... conclusion exemple.retraite : booléen
    ...   selon "art. 4"
    ...   = non exemple.actif
    ... ''', check)
    >>> depths = measure(program)[0]
    >>> found, depths["exemple.actif"], depths["exemple.retraite"]
    ([], 5, 8)
"""

from __future__ import annotations

from collections.abc import Iterable

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Note
from ....dsl.limits import MAX_EVALUATION_DEPTH
from ....dsl.walk import children
from ...domain import types
from ..program import Program, RuleSymbol

Root = tuple[nodes.Node, int]  # a declaration and the level of its first step
_NO = RuleSymbol("", types.ANY, public=False)
READERS_SHOWN = 20  # diagnostics that name the conclusions reading their rule


def check(program: Program) -> list[Diagnostic]:
    depths, via = measure(program)
    found: list[Diagnostic] = []
    for name, depth in depths.items():
        below = via.get(name)
        frontier = below is None or depths[below] <= MAX_EVALUATION_DEPTH
        if depth > MAX_EVALUATION_DEPTH and frontier:  # where the chain first goes too deep
            readers = len(found) < READERS_SHOWN  # each costs a walk of the graph
            found.append(_too_deep(program, name, depth, _chain(name, via), readers=readers))
    return found


def measure(program: Program) -> tuple[dict[str, int], dict[str, str]]:
    """The depth of every rule and parameter, and the name each one's deepest path reads,
    from the levels the graph pass stored (`levels`): one walk of the rules for both."""
    graph = program.dependencies
    depths: dict[str, int] = {}
    via: dict[str, str] = {}
    for name in graph.topological_order():
        best = graph.nodes[name].get("own")
        if best is None:  # a fact
            continue
        for ref in sorted(graph.predecessors(name)):
            if ref in depths:
                reached = graph.edges[ref, name].get("level", 1) - 1 + depths[ref]
                if reached > best:  # its first step stands where it is read
                    best, via[name] = reached, ref
        depths[name] = best
    return depths, via


def roots(program: Program, name: str) -> list[Root]:
    """The declarations of a rule (its versions, its exceptions one level down) or of a
    parameter (its values), each with the level of its first step."""
    rule = program.rules.get(name)
    if rule is not None:
        return [(v.rule, 1) for v in rule.versions] + [(d.decl, 2) for d in rule.derogations]
    parameter = program.parameters.get(name)
    return [(entry.value, 1) for entry in parameter.entries] if parameter else []


def levels(found: Iterable[Root]) -> tuple[int, dict[str, int]]:
    """The deepest level under some declarations, and the deepest level at which each name
    (fact, parameter or rule) is read there; an explicit stack, no recursion."""
    own = 0
    reads: dict[str, int] = {}
    stack = list(found)
    while stack:
        node, level = stack.pop()
        own = max(own, level)
        if type(node) is nodes.Ref:
            if node.kind != "valeur" and reads.get(node.name, 0) < level:
                reads[node.name] = level
            continue
        stack.extend((child, level + 1) for child in children(node))
    return own, reads


def _chain(name: str, via: dict[str, str]) -> list[str]:
    chain = [name]
    while chain[-1] in via:
        chain.append(via[chain[-1]])
    return chain


def _too_deep(
    program: Program, name: str, depth: int, chain: list[str], *, readers: bool
) -> Diagnostic:
    kind = "la règle" if name in program.rules else "le paramètre"
    symbol = program.symbol(name)
    shown = chain if len(chain) <= 6 else [*chain[:3], "…", *chain[-2:]]
    notes = [Note(f"chaîne de {len(chain)} règles et paramètres : " + " → ".join(shown))]
    rules = program.rules
    public = readers and sorted(
        n for n in program.dependencies.descendants(name) if rules.get(n, _NO).public
    )
    if public:
        more = f" et {len(public) - 3} autres" if len(public) > 3 else ""
        notes.append(Note("conclusions qui la lisent : " + ", ".join(public[:3]) + more))
    return Diagnostic(
        "E032",
        f"{kind} « {name} » demande {depth} niveaux de calcul imbriqués ; "
        f"au plus {MAX_EVALUATION_DEPTH}",
        symbol.span if symbol else None,
        "chaque règle lue ajoute ses niveaux à ceux de la règle qui la lit : raccourcissez la "
        "chaîne, ou faites lire directement les données aux règles du bas",
        tuple(notes),
    )
