"""`alinea` entry point: one sub-command per module of `alinea.cli.commands`, imported only
when that command runs (`commands.COMMANDS` holds the one-line help `--help` lists).

Exit codes: 0 ok, 1 rule or data error (diagnostics on stderr), 2 usage error, 70 internal
error (a bug: no input should ever reach it; EX_SOFTWARE of sysexits.h, so that no script
mistakes a crash for an answer). No traceback reaches a user; set ALINEA_DEBUG=1 to see one.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from ..dsl.errors import AlineaError, UsageError
from .commands import COMMANDS

USAGE_ERROR = 2
INTERNAL_ERROR = 70


_MESSAGES = (
    (
        re.compile(r"the following arguments are required: (.*)"),
        r"argument obligatoire manquant : \1",
    ),
    (re.compile(r"unrecognized arguments: (.*)"), r"arguments non reconnus : \1"),
    (re.compile(r"argument (\S+): expected one argument"), r"l'option \1 attend une valeur"),
    (
        re.compile(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)"),
        r"\1 : choix inconnu « \2 » (possibles : \3)",
    ),
    (
        re.compile(r"argument (\S+): expected at least one argument"),
        r"l'option \1 attend des valeurs",
    ),
    (re.compile(r"argument (\S+): expected (\d+) arguments"), r"l'option \1 attend \2 valeurs"),
    (
        re.compile(r"argument (\S+): invalid int value: '(.*)'"),
        r"l'option \1 attend un nombre entier, pas « \2 »",
    ),
    (
        re.compile(r"argument (\S+): not allowed with argument (\S+)"),
        r"les options \1 et \2 s'excluent",
    ),
    (
        re.compile(r"ambiguous option: (\S+) could match (.*)"),
        r"option ambiguë \1 (possibles : \2)",
    ),
    (
        re.compile(r"argument (\S+): ignored explicit argument '(.*)'"),
        r"l'option \1 ne prend pas de valeur (« \2 » ignoré)",
    ),
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, in French: its own words (« usage », the section titles) included."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, in French (help and error messages), with exit code 2 for usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, french in _MESSAGES:
            message = pattern.sub(french, message)
        self.print_usage(sys.stderr)
        print(f"alinea : erreur d'utilisation : {message}", file=sys.stderr)
        raise SystemExit(USAGE_ERROR)


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; only the command `argv` names (its first word) is
    imported and given its arguments, the others are listed with their help."""
    chosen = _command(sys.argv[1:] if argv is None else argv)
    root = _Parser(
        prog="alinea",
        description="Règles de droit écrites comme les articles qu'elles encodent : "
        "vérifier, évaluer, expliquer.",
        epilog="Base de règles : les CHEMINS donnés, sinon ./regles s'il existe, sinon la base "
        "fournie ; la ligne « règles : … » sur la sortie d'erreur dit laquelle. Codes de "
        "sortie : 0 tout va bien, 1 erreur dans les règles ou les données, 2 erreur "
        "d'utilisation, 70 erreur interne (un défaut d'alinea, à signaler) ; alinea diff : "
        "1 changements, 3 erreurs.",
    )
    commands = root.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
    commands.required = True
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help)
        if command.name == chosen:
            command.load().register(sub)
    return root


def _command(argv: Sequence[str]) -> str | None:
    """The command named: the first word not an option (the root takes none with a value)."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser(argv).parse_args(argv)
    from . import common
    from .output import print_diagnostics

    common.start()
    try:
        return int(arguments.run(arguments))
    except UsageError as error:
        print_diagnostics(error.diagnostics)
        return USAGE_ERROR
    except AlineaError as error:
        print_diagnostics(error.diagnostics)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        if os.environ.get("ALINEA_DEBUG"):
            raise
        print(f"alinea : erreur interne : {type(error).__name__}: {error}", file=sys.stderr)
        print("(relancez avec ALINEA_DEBUG=1 pour la trace, et signalez-la)", file=sys.stderr)
        return INTERNAL_ERROR


def entry() -> NoReturn:
    """The `alinea` command. Its objects are frozen out of the collector before the process
    ends: the interpreter's last collection would walk every object of the libraries a
    command imports (sqlglot, pyarrow, the rule base), over 0.1 s of every run, to free
    memory the process gives back anyway. Files and `atexit` handlers are closed as usual."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
