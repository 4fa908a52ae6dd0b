"""Pass: every rule, exception and parameter value rests on a source.

A rule without a source is an error, not a warning: the source is either a `selon "…"`
citation or the article section (`§ …`) the declaration is written under.

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> trial('''
    ... donnée age : entier
    ... règle exemple.majeur : booléen
    ...   = age >= 18
    ... ''', check)[1]
    ["E701 2:1 la règle « exemple.majeur » n'a pas de source"]
"""

from __future__ import annotations

from ....dsl.errors import Diagnostic
from ..program import Program

HINT = 'ajoutez « selon "…" » ou placez la déclaration sous un article (§ …)'


def check(program: Program) -> list[Diagnostic]:
    found = []
    for rule in program.rules.values():
        for version in rule.versions:
            if version.rule.citation is None and version.origin.article is None:
                found.append(
                    Diagnostic(
                        "E701",
                        f"la règle « {rule.name} » n'a pas de source",
                        version.rule.span,
                        HINT,
                    )
                )
        for derogation in rule.derogations:
            if derogation.decl.citation is None and derogation.origin.article is None:
                found.append(
                    Diagnostic(
                        "E701",
                        f"l'exception à « {rule.name} » n'a pas de source",
                        derogation.decl.span,
                        HINT,
                    )
                )
    for parameter in program.parameters.values():
        for entry in parameter.entries:
            if entry.value.citation is None and entry.origin.article is None:
                found.append(
                    Diagnostic(
                        "E702",
                        f"une valeur du paramètre « {parameter.name} » n'a pas de source",
                        entry.value.span,
                        HINT,
                    )
                )
    return found
