"""`alinea lsp [--date D]`: the language server of rule files, for editors (VS Code, Neovim,
Emacs…), over standard input and output. The date of the law it shows is read here, once."""

from __future__ import annotations

import argparse

from .. import common


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Serveur LSP (Language Server Protocol) sur l'entrée et la sortie "
        "standard : erreurs au fil de la frappe (celles d'alinea check), article en vigueur "
        "et valeurs au survol, définitions, références, renommage, complétion, symboles, "
        "mise en forme et coloration. L'éditeur le lance ; il ne s'utilise pas à la main."
    )
    parser.add_argument(
        "--date",
        metavar="AAAA-MM-JJ",
        help="date du droit montré (versions en vigueur, valeurs ; par défaut : aujourd'hui, "
        "lu une fois au démarrage)",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="parler sur l'entrée et la sortie standard (toujours le cas ; accepté pour les "
        "clients qui l'ajoutent)",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    from ...lsp.server import serve  # pygls is loaded only by this command

    serve(common.evaluation_date(arguments))
    return 0
