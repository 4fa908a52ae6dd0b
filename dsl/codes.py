"""The registry of every diagnostic code alinea reports: each defined once (`codes.toml`,
beside this module), with its phase, a title, an explanation and an example, in French
(`alinea check --explique CODE`, `docs/erreurs.md`).

A code means one thing: the test `tests/dsl/test_codes.py` fails when a code is used in
the source without being registered here, registered without being used, or raised from a
module its entry does not name (a second meaning creeping in under an old code).
"""

from __future__ import annotations

import enum
import functools
import tomllib
from pathlib import Path

import attrs


class Phase(enum.Enum):
    """When a problem is found, which says what to fix: the rule files, the situation, the
    golden cases, the command line or the place written to."""

    SYNTAX = "lecture des fichiers de règles"
    COMPILE = "vérification des règles"
    WARNING = "avertissements de la vérification"
    SITUATION = "lecture d'une situation"
    POPULATION = "lecture d'une population (alinea batch)"
    EVALUATION = "évaluation"
    GOLDEN = "cas de référence (alinea test)"
    OUTPUT = "écriture des résultats"
    DIAGRAM = "diagrammes (Graphviz)"
    USAGE = "ligne de commande et appels"
    HTTP = "requêtes au service HTTP (alinea serve)"


@attrs.frozen
class Code:
    code: str
    phase: Phase
    title: str
    explanation: str
    example: str
    where: tuple[str, ...]
    """The modules (paths from the repository root) that raise it."""


REGISTRY = Path(__file__).with_name("codes.toml")


@functools.cache
def registry() -> dict[str, Code]:
    """The codes in the order of the file, read once (only the commands that explain codes
    and the tests read it)."""
    with REGISTRY.open("rb") as file:
        raw = tomllib.load(file)
    return {
        code: Code(
            code,
            Phase[entry["phase"]],
            entry["title"],
            entry["explanation"],
            entry.get("example", ""),
            tuple(entry["where"]),
        )
        for code, entry in raw.items()
    }


def explain(code: str) -> str | None:
    """The French text of `alinea check --explique CODE`, or None for an unknown code."""
    found = registry().get(code.upper())
    if found is None:
        return None
    lines = [f"{found.code} — {found.title}", f"({found.phase.value})", "", found.explanation]
    if found.example:
        lines += ["", "Exemple :", *(f"    {line}" for line in found.example.splitlines())]
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """`docs/erreurs.md`, generated from the registry (`make erreurs`)."""
    out = [
        "# Codes d'erreur et d'avertissement",
        "",
        "Chaque code qu'alinea affiche (`error[E201]`, `warning[W701]`…) a un sens et un seul.",
        "`alinea check --explique CODE` affiche le texte de ce code. Ce fichier est produit par",
        "`make erreurs` depuis `dsl/codes.toml` ; un test vérifie qu'il est à jour.",
    ]
    for phase in Phase:
        out += ["", f"## {phase.value[0].upper()}{phase.value[1:]}"]
        for found in registry().values():
            if found.phase is not phase:
                continue
            out += ["", f"### {found.code} — {found.title}", "", found.explanation]
            if found.example:
                out += ["", "```", *found.example.splitlines(), "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
