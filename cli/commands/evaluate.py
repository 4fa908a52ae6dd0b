"""`alinea eval [CHEMINS] -s SITUATION [--date D] [--json] [--explain] [--only NOM…]`."""

from __future__ import annotations

import argparse

from ...engine import Conclusion
from ...engine.explain.explanation import heading, value_text
from .. import common
from ..output import print_json, warn_not_covered

WIDTH = 42


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = "Évalue les conclusions d'une situation à une date, avec leurs sources."
    common.add_paths(parser)
    common.add_situation(parser)
    common.add_date(parser)
    parser.add_argument("--json", action="store_true", help="sortie JSON (voir VOCABULARY.md)")
    parser.add_argument(
        "--explain", action="store_true", help="joindre l'explication de chaque conclusion"
    )
    parser.add_argument("--only", nargs="+", metavar="NOM", help="n'évaluer que ces règles")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    base = common.rules(arguments)
    day = common.evaluation_date(arguments)
    facts = common.facts(base, arguments.situation)
    result = base.evaluate_facts(facts, date=day, only=arguments.only)
    warn_not_covered(result, day)
    if arguments.json:
        print_json(result.to_json(explain=arguments.explain))
        return 0
    print(heading(day))
    print()
    for conclusion in result:
        print(line(conclusion))
        if arguments.explain:
            body = conclusion.explain().split("\n", 2)[2:]
            if body:
                print("\n".join("  " + row for row in body[0].split("\n")))
            print()
    return 0


def line(conclusion: Conclusion) -> str:
    """`nom   valeur   première source (+n)`; an unknown value names what is missing, a
    value the rule base does not cover says where it stops."""
    shown = value_text(conclusion.trace, top=True)
    if conclusion.missing or conclusion.status == "non_couvert":
        return f"{conclusion.name:<{WIDTH}} {shown}"
    sources = conclusion.sources
    source = sources[0] + (f" (+{len(sources) - 1})" if len(sources) > 1 else "") if sources else ""
    return f"{conclusion.name:<{WIDTH}} {shown:<16} {source}".rstrip()
