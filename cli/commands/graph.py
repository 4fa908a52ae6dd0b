"""`alinea graph NOM [-s SITUATION] [-o FICHIER]` and `alinea graph --deps [SUJET]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ...dsl.errors import Diagnostic, UsageError
from ...engine import RuleBase
from ...engine.files import Entry, entry
from .. import common

if TYPE_CHECKING:
    from ...visualize.model import Diagram


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Dessine l'arbre de décision d'une conclusion au droit d'une date, chaque "
        "condition avec son article ; avec une situation, le chemin qui a décidé est surligné. "
        "Avec --deps, le graphe des dépendances (données -> règles -> conclusions). Sans -o, "
        "écrit le texte DOT sur la sortie standard."
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
    from ...visualize import deps, dot, render

    fmt = output_format(common.output(arguments.output))
    if arguments.deps is None and not arguments.name:
        raise _usage("nommez la conclusion à dessiner, ou demandez --deps")
    if arguments.deps is not None and arguments.name and entry(arguments.name) is not Entry.NONE:
        arguments.paths = [arguments.name, *arguments.paths]
        arguments.name = None
    if arguments.deps is not None and (arguments.name or arguments.situation):
        raise _usage("--deps dessine toute la base ou un sujet : sans NOM ni --situation")
    base = common.rules(arguments)
    if arguments.deps is not None:
        diagram = deps.dependency_graph(
            base.program,
            arguments.deps or None,
            prefix=arguments.site,
            day=common.evaluation_date(arguments),
        )
        text = dot.source(diagram)
    else:
        text = decision_tree(arguments, base, fmt)
    if arguments.output is None:
        print(text, end="")
        return 0
    data = render.render(text, fmt)
    common.write_bytes(arguments.output, data)
    print(f"✓ {arguments.output}")
    return 0


def decision_tree(arguments: argparse.Namespace, base: RuleBase, fmt: str) -> str:
    """The DOT text of the tree; on paper (PNG, PDF), rules read are folded level by level
    until the page stays readable, unless --profondeur says how deep to draw."""
    from ...visualize import a4, dot, overlay, tree

    name = base.resolve([arguments.name])[0]
    day = common.evaluation_date(arguments)
    trace = None
    if arguments.situation:
        facts = common.facts(base, arguments.situation)
        trace = base.evaluate_facts(facts, date=day, only=[name])[name].trace

    def build(depth: int | None) -> Diagram:
        diagram = tree.decision_tree(base.program, name, day, depth=depth, prefix=arguments.site)
        return overlay.highlight(diagram, trace) if trace is not None else diagram

    if fmt not in {"png", "pdf"} or arguments.profondeur is not None:
        return dot.source(build(arguments.profondeur))
    text, depth, _ = a4.fit(build)
    if depth == 0:
        print("(A4 : les règles lues sont repliées pour tenir sur la page ; voir leurs pages)")
    elif depth is not None:
        levels = f"{depth} niveau{'x' if depth > 1 else ''}"
        print(f"(A4 : règles lues dessinées sur {levels}, les suivantes repliées)")
    return text


def output_format(path: str | None) -> str:
    if path is None:
        return "dot"
    from ...visualize import render

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in render.FORMATS:
        raise _usage(
            f"format de sortie inconnu « {Path(path).suffix or path} »",
            "choisissez un fichier .dot, .svg, .png ou .pdf",
        )
    return suffix


def _usage(message: str, hint: str | None = None) -> UsageError:
    return UsageError([Diagnostic("U006", message, None, hint)])
