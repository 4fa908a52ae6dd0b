"""`alinea explain NOM -s SITUATION [--date D] [--json | --html -o PAGE]`: the explanation
tree of one conclusion, as text, JSON, or an HTML page with the highlighted diagram.
`--population FICHIER --ligne N` explains row N of a population instead, as `alinea batch`
read it (`engine.population.rows`)."""

from __future__ import annotations

import argparse

from ...dsl.errors import Diagnostic, UsageError
from .. import common
from ..output import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Affiche l'arbre d'explication d'une conclusion : la raison décisive "
        "d'abord, chaque ligne avec sa source et le texte cité de l'article."
    )
    parser.add_argument("name", metavar="NOM", help="la conclusion à expliquer")
    common.add_paths(parser)
    common.add_situation(parser, required=False)
    parser.add_argument(
        "--population",
        metavar="FICHIER",
        help="une population (Parquet, CSV, JSONL) au lieu d'une situation, avec --ligne",
    )
    parser.add_argument(
        "--ligne",
        type=int,
        metavar="N",
        help="la ligne de la population à expliquer (à partir de 1, comme alinea batch)",
    )
    common.add_date(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="l'explication en JSON, de la forme de « alinea eval --json --explain »",
    )
    parser.add_argument(
        "--html",
        action="store_true",
        help="une page HTML : l'arbre d'explication, le diagramme surligné et les sources",
    )
    parser.add_argument("-o", "--output", metavar="FICHIER", help="fichier de la page HTML")
    parser.add_argument(
        "--site",
        default="",
        metavar="PREFIXE",
        help="chemin ou adresse du site « alinea doc » pour les liens du diagramme",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    if arguments.html and arguments.json:
        raise UsageError([Diagnostic("U006", "choisissez --html ou --json, pas les deux")])
    if arguments.output and not arguments.html:
        raise UsageError([Diagnostic("U006", "-o écrit la page HTML", None, "ajoutez --html")])
    _one_situation(arguments)
    common.output(arguments.output)
    base = common.rules(arguments)
    day = common.evaluation_date(arguments)
    if arguments.population is not None:
        facts = common.population_row(base, arguments.population, arguments.ligne)
    else:
        facts = common.facts(base, arguments.situation)
    result = base.evaluate_facts(facts, date=day, only=[arguments.name])
    conclusion = result[arguments.name]
    if arguments.html:
        from ...visualize import decision  # the diagrams: only for --html

        page = decision.explanation_page(
            conclusion, base.program, facts, arguments.situation, arguments.site
        )
        if arguments.output is None:
            print(page, end="")
            return 0
        common.write_text(arguments.output, page)
        print(f"✓ {arguments.output}")
        return 0
    if arguments.json:
        print_json(result.to_json(explain=True))
    elif arguments.population is not None:
        print(f"{arguments.population}, ligne {arguments.ligne}")
        print(conclusion.explain())
    else:
        print(conclusion.explain())
    return 0


def _one_situation(arguments: argparse.Namespace) -> None:
    """Either -s SITUATION, or --population FICHIER with --ligne N."""
    if arguments.population is not None and arguments.situation is not None:
        raise UsageError([Diagnostic("U006", "choisissez -s ou --population, pas les deux")])
    if (arguments.population is None) != (arguments.ligne is None):
        raise UsageError(
            [
                Diagnostic(
                    "U006", "--ligne va avec --population", None, "--population FICHIER --ligne N"
                )
            ]
        )
    if arguments.population is None and arguments.situation is None:
        raise UsageError(
            [
                Diagnostic(
                    "U006",
                    "donnez la situation",
                    None,
                    "-s SITUATION, ou --population FICHIER --ligne N",
                )
            ]
        )
