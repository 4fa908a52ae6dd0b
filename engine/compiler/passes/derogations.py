"""Pass: order the exceptions of each rule (`prime sur`) and reject cycles among them.

Exceptions follow default logic: one that applies overrides the base rule, and one that
`prime sur` another overrides it too. Equal-rank exceptions that both apply with different
values are a conflict the evaluator reports; a cycle of `prime sur` is an error here.

Writes: each exception's `overrides`, the keys it prevails over, transitively (the
rule's `derogations` are replaced by evolved copies).

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> program, found = trial('''
    ... donnée age : entier
    ... règle exemple.taux : taux
    ...   selon "CSS R.160-5"
    ...   = 70 %
    ... exception jeune à exemple.taux prime sur etudiant
    ...   selon "art. 1"
    ...   100 % si age < 16
    ... exception etudiant à exemple.taux
    ...   selon "art. 2"
    ...   80 % si age < 26
    ... ''', order)
    >>> found, [(d.key, sorted(d.overrides)) for d in program.rules["exemple.taux"].derogations]
    ([], [('jeune', ['etudiant']), ('etudiant', [])])
"""

from __future__ import annotations

import difflib

import attrs

from ....dsl.errors import Diagnostic, Note
from ..dependencies import Digraph
from ..program import Program, RuleSymbol


def order(program: Program) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in program.rules.values():
        if rule.derogations:
            found += _order(rule)
    return found


def _order(rule: RuleSymbol) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    named: dict[str, int] = {}
    for index, derogation in enumerate(rule.derogations):
        name = derogation.decl.name
        if name is None:
            continue
        if name in named:
            first = rule.derogations[named[name]].decl
            found.append(
                Diagnostic(
                    "E502",
                    f"deux exceptions à « {rule.name} » s'appellent « {name} »",
                    derogation.decl.span,
                    "donnez-leur des noms différents",
                    (Note("première exception de ce nom", first.span),),
                )
            )
        named.setdefault(name, index)
    graph = Digraph()
    graph.add_nodes_from(d.key for d in rule.derogations)
    for derogation in rule.derogations:
        for other in derogation.decl.prevails_over:
            if other not in named:
                guess = difflib.get_close_matches(other, list(named), n=1, cutoff=0.6)
                found.append(
                    Diagnostic(
                        "E204",
                        f"« {other} » n'est pas une exception à « {rule.name} »",
                        derogation.decl.span,
                        f"vouliez-vous dire « {guess[0]} » ?"
                        if guess
                        else "« prime sur » nomme une autre exception à la même règle",
                    )
                )
                continue
            graph.add_edge(derogation.key, other)
    if found:
        return found
    if graph.has_cycle():  # networkx names the cycle; only an erroneous base imports it
        import networkx as nx

        cycle = nx.find_cycle(graph.networkx())
        names = [edge[0] for edge in cycle] + [cycle[0][0]]
        by_key = {d.key: d for d in rule.derogations}
        return [
            Diagnostic(
                "E501",
                f"les exceptions à « {rule.name} » priment les unes sur les autres en cycle : "
                + " → ".join(names),
                by_key[names[0]].decl.span,
                "une exception ne peut pas primer, même indirectement, sur elle-même",
                tuple(Note(f"« {n} »", by_key[n].decl.span) for n in names[1:-1]),
            )
        ]
    rule.derogations = [
        attrs.evolve(d, overrides=frozenset(graph.descendants(d.key))) for d in rule.derogations
    ]
    return found
