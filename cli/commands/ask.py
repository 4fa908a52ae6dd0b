"""`alinea ask NOM [-s SITUATION] [--date D] [--enregistrer FICHIER]`: ask only the questions
that can still matter.

Each round evaluates the conclusion with the facts known so far and asks the first missing
fact in reading order, with the question written in its `donnée` declaration, until the
conclusion is decided. A conclusion the rule base does not cover at the date says so; the
questions go on only while an answer could still decide it despite the gap. `--enregistrer`
saves the facts (those of the situation given and the answers) as a situation file, JSON or
YAML by its extension, that `-s` reads back.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from decimal import Decimal
from pathlib import Path

import yaml

from ...dsl.errors import Diagnostic, UsageError
from ...engine import Conclusion
from ...engine.compiler.program import FactSymbol
from ...engine.domain.types import Kind
from ...engine.domain.values import Duration, short_date
from ...engine.explain.explanation import gap_text, heading
from ...engine.inputs import situation as situations
from .. import common

FORMATS = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Pose, une à une, les seules questions dont dépend encore la conclusion, "
        "puis l'affiche avec son explication."
    )
    parser.add_argument("name", metavar="NOM", help="la conclusion recherchée")
    common.add_paths(parser)
    common.add_situation(parser, required=False)
    common.add_date(parser)
    parser.add_argument(
        "--enregistrer",
        metavar="FICHIER",
        help="enregistrer les faits connus et les réponses comme situation (.json ou .yaml)",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    save = _save_target(arguments.enregistrer)
    base = common.rules(arguments)
    day = common.evaluation_date(arguments)
    (name,) = base.resolve([arguments.name])
    facts = common.facts(base, arguments.situation) if arguments.situation else {}
    print(heading(day))
    told = False
    while True:
        conclusion = base.evaluate_facts(facts, date=day, only=[name])[name]
        pending = [question.fact for question in conclusion.questions]
        if conclusion.status == "non_couvert" and not told:
            told = True
            print(f"\n{not_covered(conclusion)}")
            if pending:
                print("Une réponse aux questions suivantes peut encore la décider.")
        if not pending:
            break
        answer = ask(base.program.facts[pending[0]])
        if answer is None:
            state = "reste inconnu — il manque"
            if conclusion.status == "non_couvert":
                state = "reste non couvert — pourrait être décidé par"
            print(f"\n{name} {state} : {', '.join(conclusion.missing)}")
            _save(save, facts)
            return 0
        facts[pending[0]] = answer
    if conclusion.status == "non_couvert":
        print("\nAucune réponse ne peut plus la décider : la base de règles doit être complétée.")
    print()
    print(conclusion.explain().split("\n", 1)[1])
    _save(save, facts)
    return 0


def not_covered(conclusion: Conclusion) -> str:
    """`css.droit est non couvert au 01/06/2027 — la base de règles s'arrête au …`."""
    gap = gap_text(conclusion.gaps[0])
    return f"{conclusion.name} est non couvert au {short_date(conclusion.date)} — {gap}"


def _save_target(path: str | None) -> str | None:
    """The file to save the answers to, checked before the first question is asked."""
    if path is None:
        return None
    common.output(path, "--enregistrer")
    if Path(path).suffix.lower() not in FORMATS:
        raise UsageError(
            [
                Diagnostic(
                    "U031",
                    f"--enregistrer : format inconnu « {Path(path).suffix or path} »",
                    None,
                    "choisissez un fichier .json ou .yaml",
                )
            ]
        )
    return path


def _save(path: str | None, facts: dict[str, object]) -> None:
    """The facts as a situation file, in the format its extension names."""
    if path is None:
        return
    data = {name: _plain(value) for name, value in sorted(facts.items())}
    if FORMATS[Path(path).suffix.lower()] == "JSON":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    common.write_text(path, text, over_input=True)
    print(f"\n✓ situation enregistrée : {path} ({len(data)} fait{'s' if len(data) > 1 else ''})")


def _plain(value: object) -> object:
    """An engine value as a situation file writes it, so that `-s` reads the same value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return value.iso()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


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
