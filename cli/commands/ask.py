"""`alinea ask NOM [-s SITUATION] [--date D]`: ask only the questions that can still matter.

Each round evaluates the conclusion with the facts known so far and asks the first missing
fact in reading order, with the question written in its `donnée` declaration, until the
conclusion is decided.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ...engine import situation as situations
from ...engine.explanation import heading, questions
from ...engine.program import FactSymbol
from ...engine.types import Kind
from .. import common


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "ask",
        help="questionnaire : ne poser que les questions utiles",
        description="Pose, une à une, les seules questions dont dépend encore la conclusion, "
        "puis l'affiche avec son explication.",
    )
    parser.add_argument("name", metavar="NOM", help="la conclusion recherchée")
    common.add_paths(parser)
    common.add_situation(parser, required=False)
    common.add_date(parser)
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    base = common.rules(arguments)
    day = common.evaluation_date(arguments)
    (name,) = base.resolve([arguments.name])
    facts = common.facts(base, arguments.situation) if arguments.situation else {}
    print(heading(day))
    while True:
        conclusion = base.evaluate_facts(facts, date=day, only=[name])[name]
        pending = questions(conclusion.trace)
        if not pending:
            break
        answer = ask(base.program.facts[pending[0]])
        if answer is None:
            print(f"\n{name} reste inconnu — il manque : {', '.join(conclusion.missing)}")
            return 0
        facts[pending[0]] = answer
    print()
    print(conclusion.explain().split("\n", 1)[1])
    return 0


def ask(fact: FactSymbol) -> object | None:
    """Ask until the answer fits the fact's type; None when the input ends."""
    print(f"\n{fact.decl.question or fact.decl.label or fact.name}")
    choices = _choices(fact)
    if choices:
        print("  " + " · ".join(f"{i}. {value}" for i, value in enumerate(choices, 1)))
    while True:
        print("> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return None
        value = _read(line.strip(), fact, choices)
        converted = situations.convert(value, fact.type)
        if not isinstance(converted, situations.Problem):
            return converted
        hint = f" (vouliez-vous dire « {converted.suggestion} » ?)" if converted.suggestion else ""
        print(f"  réponse invalide : {converted.expected} attendu{hint}")


def _choices(fact: FactSymbol) -> list[str]:
    if fact.type.kind is Kind.BOOLEEN:
        return ["oui", "non"]
    if fact.type.kind is Kind.ENUM:
        return list(fact.type.values)
    return []


def _read(text: str, fact: FactSymbol, choices: list[str]) -> object:
    if text.isdigit() and choices and 1 <= int(text) <= len(choices):
        text = choices[int(text) - 1]
    if fact.type.kind is Kind.BOOLEEN:
        return {"oui": True, "o": True, "vrai": True, "non": False, "n": False, "faux": False}.get(
            text.lower(), text
        )
    return text
