"""`alinea diff OLD NEW --population FICHIER` and `alinea diff --dates D1 D2 --population
FICHIER`: what the change does to each row of a population (`diff.population`), as text,
JSON or markdown. Exit code 1 when a row changes, 0 otherwise, as `alinea diff`."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Sequence

from ..diff import population
from ..diff.population import Side
from ..engine.compiler.program import Program
from ..engine.population import formats
from ..visualize import population as render
from .output import print_diff


def run(
    arguments: argparse.Namespace,
    sides: Sequence[tuple[Program, datetime.date]],
    labels: tuple[Side, Side],
) -> int:
    path = arguments.population
    formats.of(path)
    names = _names(arguments, [program for program, _ in sides])
    old, new = population.results(path, sides, names)
    report = population.compare(old, new, names, sides[1][0], path, labels)
    old_names = set(_public(sides[0][0]))
    new_names = set(_public(sides[1][0]))
    if not arguments.only:
        report = _with_sides_only(report, old_names - new_names, new_names - old_names)
    return print_diff(arguments, report, render.text, render.markdown)


def _names(arguments: argparse.Namespace, programs: list[Program]) -> list[str]:
    """--only, else the public conclusions both sides have."""
    if arguments.only:
        from ..engine import RuleBase

        for program in programs:
            RuleBase(program).resolve(arguments.only)
        return list(arguments.only)
    common = set(_public(programs[0])) & set(_public(programs[1]))
    return sorted(common)


def _public(program: Program) -> list[str]:
    return [name for name, rule in program.rules.items() if rule.public]


def _with_sides_only(
    report: population.PopulationReport, old: set[str], new: set[str]
) -> population.PopulationReport:
    import attrs

    return attrs.evolve(report, only_old=tuple(sorted(old)), only_new=tuple(sorted(new)))
