"""`alinea doc [CHEMINS] -o DOSSIER [--date D]`: the static documentation site."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import common


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Écrit un site HTML statique, lisible hors ligne : une page par règle, "
        "paramètre et donnée, avec le texte de loi, la règle écrite, ses versions, ses "
        "dépendances et son arbre de décision ; un index et une recherche."
    )
    common.add_paths(parser)
    common.add_date(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DOSSIER",
        help="dossier du site : nouveau, vide, ou un site alinea déjà écrit (marqué par "
        "un fichier .alinea-site), dont les pages des règles supprimées sont retirées",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ...visualize import site, sitefolder  # Jinja2 and the diagrams: only for doc

    sitefolder.check(arguments.output)
    base = common.rules(arguments)
    day = common.evaluation_date(arguments)
    out = Path(arguments.output)
    report = site.build(base.program, out, day)
    print(
        f"✓ {out / 'index.html'} : {report.pages} pages, {report.diagrams} diagrammes "
        f"(droit au {day.isoformat()})"
    )
    return 0
