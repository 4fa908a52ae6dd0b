"""The back ends the semantics suite runs, and how an outcome is written for the table.

Each back end gives, for one rule, its raw outcome: the value (or `Unknown`, `NA`,
`NotCovered`), or the evaluation error it stops with. Completion (`engine/completion.py`)
is left out on purpose: it sits above every back end, asking it again with more facts.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping

from alinea.dsl.errors import AlineaError
from alinea.engine.compiler.program import Program
from alinea.engine.domain.french import show
from alinea.engine.domain.outcomes import NotCovered, Unknown
from alinea.engine.lowered.interpreter import Reference
from alinea.engine.runtime.evaluator import Context, Evaluator

Outcome = object
Backend = Callable[[Program, Mapping[str, object], datetime.date, str], Outcome]

_EVALUATORS: dict[int, tuple[Program, Evaluator]] = {}
_REFERENCES: dict[int, tuple[Program, Reference]] = {}


def _evaluator(program: Program) -> Evaluator:
    found = _EVALUATORS.get(id(program))
    if found is None or found[0] is not program:
        found = _EVALUATORS[id(program)] = (program, Evaluator(program))
    return found[1]


def _reference(program: Program) -> Reference:
    found = _REFERENCES.get(id(program))
    if found is None or found[0] is not program:
        found = _REFERENCES[id(program)] = (program, Reference(program))
    return found[1]


def closures(
    program: Program, facts: Mapping[str, object], day: datetime.date, name: str
) -> Outcome:
    """The evaluator's compiled closures, without completion."""
    evaluator = _evaluator(program)
    ctx = Context(facts, evaluator.law(day))
    try:
        return ctx.law.rule(name)(ctx).value
    except AlineaError as error:
        return error


def reference(
    program: Program, facts: Mapping[str, object], day: datetime.date, name: str
) -> Outcome:
    """The reference interpreter of the lowered program."""
    interpreter = _reference(program)
    try:
        return interpreter.evaluate(facts, day, [name])[name]
    except AlineaError as error:
        return error


BACKENDS: dict[str, Backend] = {"closures": closures, "abaissé": reference}


def written(outcome: Outcome, program: Program, name: str) -> str:
    """An outcome as the table writes it: `154,32 €`, `inconnu : age`, `erreur C001 : …`."""
    if isinstance(outcome, AlineaError):
        (diagnostic,) = outcome.diagnostics
        return f"erreur {diagnostic.code} : {diagnostic.message}"
    if isinstance(outcome, Unknown):
        return "inconnu : " + ", ".join(sorted(outcome.missing))
    text = show(outcome, program.rules[name].type).replace("\u202f", " ")
    if isinstance(outcome, NotCovered) and outcome.missing:
        text += " ; pourrait être décidé par : " + ", ".join(sorted(outcome.missing))
    return text


def comparable(outcome: Outcome) -> object:
    """What two back ends must agree on exactly: the value, the missing facts, the gaps, or
    the code, message and place of the error."""
    if isinstance(outcome, AlineaError):
        return [(d.code, d.message, d.span) for d in outcome.diagnostics]
    if isinstance(outcome, Unknown):
        return ("inconnu", outcome.missing)
    if isinstance(outcome, NotCovered):
        return ("non couvert", outcome.gaps, outcome.missing)
    return (type(outcome), outcome)
