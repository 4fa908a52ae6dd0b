"""One module per sub-command, imported only when its command runs.

`COMMANDS` is the table of every command: its name, its module and its one-line help, so that
`alinea --help` lists them all without importing any (the rule engine, z3, Jinja2, pygls and
uvicorn stay unloaded until a command needs them). Each module exposes `register(parser)`,
which describes the command and adds its arguments to the parser made for it here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import attrs


@attrs.frozen
class Command:
    """A sub-command: what `alinea --help` shows of it, and where its code lives."""

    name: str
    module: str
    help: str

    def load(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")


COMMANDS: tuple[Command, ...] = (
    Command("check", "check", "vérifier une base de règles"),
    Command("eval", "evaluate", "évaluer une situation"),
    Command("explain", "explain", "expliquer une conclusion"),
    Command("batch", "batch", "évaluer une population (un fichier de situations)"),
    Command("ask", "ask", "questionnaire : ne poser que les questions utiles"),
    Command("test", "test", "lancer les cas de référence (golden/)"),
    Command("fmt", "fmt", "mettre les fichiers de règles en forme"),
    Command("diff", "diff", "comparer deux versions des règles, ou le droit à deux dates"),
    Command("graph", "graph", "dessiner l'arbre de décision d'une conclusion, ou les dépendances"),
    Command("doc", "doc", "écrire le site de documentation de la base de règles"),
    Command(
        "veille", "veille", "signaler ce qui a changé dans la loi depuis l'écriture des règles"
    ),
    Command(
        "serve",
        "serve",
        "servir la base de règles par HTTP : API JSON, questionnaire, documentation",
    ),
    Command("lsp", "lsp", "serveur de langage pour les éditeurs"),
)
