"""Pass: a yearly parameter value (`… chaque année depuis D`) can be computed on every
anniversary of D.

Its periods already take part in the overlap and gap checks of `versions`; here, what only a
yearly value needs: a start to count anniversaries from, an anniversary every year (not
29 February), an earlier value for `précédent` to read on the first anniversary, and (a
warning) the parameters its formula reads in force on that first day.

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> print(*trial('''
    ... paramètre css.plafond : montant
    ...   100 €  du 2020-01-01 au 2024-02-28   selon "x"
    ...   arrondi_euro(précédent * 1.01) chaque année depuis 2024-02-29   selon "y"
    ... ''', check)[1])
    E411 3:47 la valeur « chaque année » du paramètre « css.plafond » change le 29 février,
    qui n'existe pas chaque année
"""

from __future__ import annotations

import datetime

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Severity
from ....dsl.walk import descendants
from ...domain.values import short_date
from ..program import ParameterEntry, ParameterSymbol, Program

DAY = datetime.timedelta(days=1)


def check(program: Program) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for parameter in program.parameters.values():
        for entry in parameter.entries:
            if entry.value.yearly:
                found += _yearly(program, parameter, entry)
    return found


def _yearly(
    program: Program, parameter: ParameterSymbol, entry: ParameterEntry
) -> list[Diagnostic]:
    value = entry.value
    what = f"la valeur « chaque année » du paramètre « {parameter.name} »"
    start = value.period.start
    if start is None:
        return [
            Diagnostic(
                "E412",
                f"{what} n'a pas de date de début",
                value.period.span or value.span,
                "les dates anniversaires se comptent depuis son début : écrivez "
                "« chaque année depuis AAAA-MM-JJ » ou « chaque année du … au … »",
            )
        ]
    found = []
    if (start.month, start.day) == (2, 29):
        found.append(
            Diagnostic(
                "E411",
                f"{what} change le 29 février, qui n'existe pas chaque année",
                value.period.span or value.span,
                "faites-la commencer le 28 février ou le 1er mars",
            )
        )
    previous = next((n for n in descendants(value.value) if isinstance(n, nodes.Previous)), None)
    earlier = any(
        e.value.period.start is None or e.value.period.start < start
        for e in parameter.entries
        if e is not entry
    )
    if previous is not None and not earlier:
        found.append(
            Diagnostic(
                "E410",
                f"{what} n'a pas de valeur précédente dont partir",
                previous.span,
                "« précédent » lit la valeur de la veille de chaque date anniversaire : "
                f"déclarez avant elle une valeur en vigueur le {short_date(start - DAY)}",
            )
        )
    found += _read_on_first_day(program, parameter, entry, start)
    return found


def _read_on_first_day(
    program: Program, parameter: ParameterSymbol, entry: ParameterEntry, start: datetime.date
) -> list[Diagnostic]:
    found = []
    seen: set[str] = set()
    for node in descendants(entry.value.value):
        if not isinstance(node, nodes.Ref) or node.kind != "paramètre" or node.name in seen:
            continue
        seen.add(node.name)
        other = program.parameters.get(node.name)
        if other is None or other.entry_at(start) is not None:
            continue
        found.append(
            Diagnostic(
                "W710",
                f"la valeur « chaque année » du paramètre « {parameter.name} » lit "
                f"« {node.name} », qui n'a pas de valeur le {short_date(start)}",
                node.span,
                f"« {parameter.name} » n'aura pas de valeur dès sa première date anniversaire : "
                f"donnez une valeur à « {node.name} » ce jour-là, ou faites commencer la "
                "revalorisation plus tard",
                severity=Severity.WARNING,
            )
        )
    return found
