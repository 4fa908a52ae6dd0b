"""`alinea explain NOM -s SITUATION [--date D]`: the explanation tree of one conclusion."""

from __future__ import annotations

import argparse
from typing import Any

from .. import common
from ..output import print_json


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "explain",
        help="expliquer une conclusion",
        description="Affiche l'arbre d'explication d'une conclusion : la raison décisive "
        "d'abord, chaque ligne avec sa source et le texte cité de l'article.",
    )
    parser.add_argument("name", metavar="NOM", help="la conclusion à expliquer")
    common.add_paths(parser)
    common.add_situation(parser)
    common.add_date(parser)
    parser.add_argument("--json", action="store_true", help="l'explication en JSON")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    base = common.rules(arguments)
    day = common.evaluation_date(arguments)
    facts = common.facts(base, arguments.situation)
    result = base.evaluate_facts(facts, date=day, only=[arguments.name])
    conclusion = result[arguments.name]
    if arguments.json:
        print_json({"date": day.isoformat(), conclusion.name: conclusion.to_json(explain=True)})
    else:
        print(conclusion.explain())
    return 0
