"""`alinea veille [CHEMINS] [--date D] [--legi FICHIER] [--json]`: what moved in the law.

Compares the rule base with a LEGI extract (the bundled `regles/legi.json` by default) and
lists the quotations that differ from the official text, the article versions and
abrogations the rule base does not encode, and the rules and parameters not covered at the
date or within six months. Exit 0 when nothing needs attention, 1 when something does,
2 for usage errors (a bad date, an unreadable extract).
"""

from __future__ import annotations

import argparse

from .. import common
from ..output import print_json


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Compare la base de règles au jeu LEGI de la DILA : citations qui "
        "diffèrent du texte officiel, nouvelles versions et abrogations non encodées, règles "
        "et paramètres non couverts à la date ou dans les six mois. Ce que le jeu LEGI ne "
        "contient pas (CSP, CASF, arrêtés…) est dit non vérifiable. Code de sortie 0 si rien "
        "n'est à examiner, 1 sinon."
    )
    common.add_paths(parser)
    common.add_date(parser)
    parser.add_argument(
        "--legi",
        metavar="FICHIER",
        help="extrait LEGI à utiliser (par défaut : celui de la base fournie, regles/legi.json)",
    )
    parser.add_argument("--json", action="store_true", help="sortie JSON")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ...veille import legi
    from ...veille.render import render
    from ...veille.report import to_json, watch

    day = common.evaluation_date(arguments)
    extract = legi.load(arguments.legi)
    base = common.rules(arguments)
    report = watch(base.program, extract, day)
    if arguments.json:
        print_json(to_json(report))
    else:
        print(render(report), end="")
    return 1 if report.attention else 0
