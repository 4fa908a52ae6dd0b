"""`alinea graph NOM [-s SITUATION] [-o FICHIER]` and `alinea graph --deps [SUJET]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ...dsl.errors import Diagnostic, UsageError
from ...visualize import deps, dot, overlay, render, tree
from .. import common


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "graph",
        help="dessiner l'arbre de décision d'une conclusion, ou les dépendances",
        description="Dessine l'arbre de décision d'une conclusion au droit d'une date, chaque "
        "condition avec son article ; avec une situation, le chemin qui a décidé est surligné. "
        "Avec --deps, le graphe des dépendances (données -> règles -> conclusions). Sans -o, "
        "écrit le texte DOT sur la sortie standard.",
    )
    parser.add_argument("name", nargs="?", metavar="NOM", help="la conclusion ou règle à dessiner")
    common.add_paths(parser)
    common.add_situation(parser, required=False)
    common.add_date(parser)
    parser.add_argument(
        "--deps",
        nargs="?",
        const="",
        metavar="SUJET",
        help="graphe des dépendances de la base, ou d'un sujet (mon_soutien_psy…)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FICHIER",
        help="fichier .dot, .svg, .png ou .pdf (le format suit l'extension)",
    )
    parser.add_argument(
        "--profondeur",
        type=int,
        metavar="N",
        help="niveaux de règles lues dessinées en entier (par défaut : toutes)",
    )
    parser.add_argument(
        "--site",
        default="",
        metavar="PREFIXE",
        help="chemin ou adresse du site « alinea doc » pour les liens des nœuds "
        "(par défaut : liens relatifs à la racine du site)",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    fmt = output_format(arguments.output)
    if arguments.deps is None and not arguments.name:
        raise _usage("nommez la conclusion à dessiner, ou demandez --deps")
    if arguments.deps is not None and (arguments.name or arguments.situation):
        raise _usage("--deps dessine toute la base ou un sujet : sans NOM ni --situation")
    base = common.rules(arguments)
    if arguments.deps is not None:
        diagram = deps.dependency_graph(base.program, arguments.deps or None, prefix=arguments.site)
    else:
        name = base.resolve([arguments.name])[0]
        day = common.evaluation_date(arguments)
        diagram = tree.decision_tree(
            base.program, name, day, depth=arguments.profondeur, prefix=arguments.site
        )
        if arguments.situation:
            facts = common.facts(base, arguments.situation)
            result = base.evaluate_facts(facts, date=day, only=[name])
            overlay.highlight(diagram, result[name].trace)
    text = dot.source(diagram)
    if arguments.output is None:
        print(text, end="")
        return 0
    data = render.render(text, fmt)
    Path(arguments.output).write_bytes(data)
    print(f"✓ {arguments.output}")
    return 0


def output_format(path: str | None) -> str:
    if path is None:
        return "dot"
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in render.FORMATS:
        raise _usage(
            f"format de sortie inconnu « {Path(path).suffix or path} »",
            "choisissez un fichier .dot, .svg, .png ou .pdf",
        )
    return suffix


def _usage(message: str, hint: str | None = None) -> UsageError:
    return UsageError([Diagnostic("U006", message, None, hint)])
