"""`alinea diff`, the engine side: compare two rule bases, or one rule base at two dates.

Two rule bases are compared on every stretch of days on which neither changes its law; the
stretches on which they differ in the same way are compared once, on the day closest to a
reference day (the CLI passes today), so a change of the current law is shown at today's
date and a change of an old version at the last day it was in force.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ..dsl.errors import AlineaError
from ..engine.compiler.program import Program
from ..engine.testing.golden import GoldenCase
from ..engine.testing.golden import run as run_case
from . import structural
from .boundary import BoundarySearch
from .candidates import candidates
from .report import SYMBOLIC, Comparison, Finding, Flip, Report, Witness
from .sides import Interval, Side, cone_differs, intervals, keys
from .terms import Unsupported
from .witnesses import Runner, SymbolicSearch, witness

ABSENT_SIDE = "conclusion d'un seul côté"


def compare_dates(
    program: Program,
    old_day: datetime.date,
    new_day: datetime.date,
    cases: Sequence[GoldenCase] = (),
    labels: tuple[str, str] | None = None,
) -> Report:
    """The law in force on `old_day` against the law in force on `new_day`."""
    old, new = Runner(Side(program, old_day)), Runner(Side(program, new_day))
    changes = structural.at_dates(program, old_day, new_day)
    comparison = Comparison(old_day, new_day, tuple(_findings(old, new)))
    flips = _flips(old, new, cases, same_day=False)
    old_label, new_label = labels or (old_day.isoformat(), new_day.isoformat())
    return Report(
        "dates", old_label, new_label, tuple(changes), (comparison,), tuple(flips), len(cases)
    )


def compare_programs(
    old_program: Program,
    new_program: Program,
    reference: datetime.date,
    cases: Sequence[GoldenCase] = (),
    labels: tuple[str, str] = ("ancien", "nouveau"),
) -> Report:
    """Two rule bases, on every stretch of days on which they differ."""
    changes = structural.between(old_program, new_program)
    comparisons = []
    for interval, day in _stretches(old_program, new_program, reference):
        old, new = Runner(Side(old_program, day)), Runner(Side(new_program, day))
        findings = tuple(_findings(old, new))
        if findings:
            comparisons.append(Comparison(day, day, findings, (interval.start, interval.end)))
    old_runner = Runner(Side(old_program, reference))
    new_runner = Runner(Side(new_program, reference))
    flips = _flips(old_runner, new_runner, cases, same_day=True)
    return Report("fichiers", *labels, tuple(changes), tuple(comparisons), tuple(flips), len(cases))


def _stretches(
    old: Program, new: Program, reference: datetime.date
) -> list[tuple[Interval, datetime.date]]:
    """One day per group of stretches on which the two rule bases differ in the same way."""
    names = sorted(
        old.rules.keys() | new.rules.keys() | old.parameters.keys() | new.parameters.keys()
    )
    groups: dict[tuple[tuple[str, str, str], ...], list[Interval]] = {}
    for interval in intervals(old, new):
        day = interval.nearest(reference)
        a, b = Side(old, day), Side(new, day)
        signature = tuple((n, *pair) for n in names if (pair := keys(a, b, n))[0] != pair[1])
        if signature:
            groups.setdefault(signature, []).append(interval)
    chosen = []
    for group in groups.values():
        best = min(group, key=lambda i: abs((i.nearest(reference) - reference).days))
        chosen.append((best, best.nearest(reference)))
    return sorted(chosen, key=lambda pair: pair[1])


def _findings(old: Runner, new: Runner) -> list[Finding]:
    names = sorted(
        n for side in (old.side, new.side) for n, rule in side.program.rules.items() if rule.public
    )
    found = []
    for name in dict.fromkeys(names):
        if not cone_differs(old.side, new.side, name):
            continue
        symbol = new.side.program.rules.get(name) or old.side.program.rules[name]
        found.append(search(old, new, name, symbol.label_at(new.side.day)))
    return found


def _flips(old: Runner, new: Runner, cases: Sequence[GoldenCase], *, same_day: bool) -> list[Flip]:
    found = []
    for case in cases:
        before_side = old.at(case.date) if same_day else old
        after_side = new.at(case.date) if same_day else new
        changed = []
        for name in case.expected:
            before = before_side.outcome(case.facts, name, explain=True)
            after = after_side.outcome(case.facts, name, explain=True)
            if before.key != after.key:
                changed.append((name, before, after))
        if not changed:
            continue
        passes = (
            (_passes(before_side, case), _passes(after_side, case)) if same_day else (None, None)
        )
        found.append(
            Flip(
                case.path,
                case.line,
                case.name,
                before_side.side.day,
                after_side.side.day,
                tuple(changed),
                *passes,
            )
        )
    return found


def _passes(runner: Runner, case: GoldenCase) -> bool:
    try:
        return run_case(runner.base, case).passed
    except AlineaError:
        return False


def search(old: Runner, new: Runner, name: str, label: str | None) -> Finding:
    """Witnesses for one conclusion: symbolic when the rules allow, boundary values otherwise
    (and after an inconclusive symbolic search)."""
    if any(name not in side.program.rules for side in (old.side, new.side)):
        found = witness(old, new, {}, name, ABSENT_SIDE, {})
        return Finding(name, label, (ABSENT_SIDE,), True, (found,))
    values = candidates(old.side, new.side, name)
    methods: list[str] = []
    witnesses: list[Witness] = []
    exhaustive = False
    note: str | None = None
    unconfirmed = 0
    try:
        witnesses, exhaustive, note, unconfirmed = SymbolicSearch(old, new, name, values).run()
        methods.append(SYMBOLIC)
    except Unsupported as error:
        note = f"encodage symbolique impossible : {error.reason}"
    if not exhaustive and (note is None or "arrêtée" not in note):
        boundary = BoundarySearch(old, new, name, values).run(witnesses)
        methods.append(boundary.method)
        witnesses.extend(boundary.witnesses)
    return Finding(name, label, tuple(methods), exhaustive, tuple(witnesses), note, unconfirmed)
