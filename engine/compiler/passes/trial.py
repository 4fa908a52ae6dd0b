"""A pass tried on a few lines of rules, for the examples in the passes' docstrings.

    >>> from alinea.engine.compiler.passes import sources
    >>> _, found = trial('''
    ... donnée age : entier
    ... règle exemple.majeur : booléen
    ...   = age >= 18
    ... ''', sources.check)
    >>> found
    ["E701 2:1 la règle « exemple.majeur » n'a pas de source"]

`trial` parses the text, runs the passes before it in the order of `compile_modules` (so the
pass sees what it would see in a real run) and then the pass; it returns the
program the pass left and its diagnostics as `code line:column message`.
"""

from __future__ import annotations

import textwrap

from ....dsl import parser
from ....dsl.errors import Diagnostic
from ..program import Program
from . import STAGES, Pass


def trial(text: str, run: Pass) -> tuple[Program, list[str]]:
    program = Program((parser.parse(textwrap.dedent(text).lstrip("\n"), "exemple.alinea"),))
    for stage in STAGES:
        for earlier in stage:
            if earlier is run:
                return program, [_line(d) for d in run(program)]
            earlier(program)
    raise ValueError(f"{run.__qualname__} is not a pass of STAGES")


def _line(diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    where = f"{span.line}:{span.column} " if span is not None else ""
    return f"{diagnostic.code} {where}{diagnostic.message}"
