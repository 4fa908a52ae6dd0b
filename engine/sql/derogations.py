"""Exceptions to a rule (default logic), as `lowered/bodies.RuleInterpreter` decides:

- each exception tries its cases in order: the first whose condition holds makes it apply
  with that case's value; an undecided condition met first leaves it undecided;
- one that applies silences those it prevails over (`prime sur`, transitively); the live
  ones give the value, the body only when none is live;
- an undecided exception leaves the rule undecided (the merge of the conditions it waits
  for) unless every value it could still give, and every live value, equals the value found;
  its source is then the first undecided exception, as in the evaluator's trace;
- two live exceptions whose values differ are a conflict: a status of the row (`conflit`),
  its source the two exceptions (`layout.SOURCES_JOINED`), never a failure of the batch.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from sqlglot import exp

from ..lowered import declarations as decl
from . import layout
from .bodies import Bodies, Decision
from .combine import _raise_branches, choose
from .terms import (
    ZERO,
    Code,
    Term,
    all_of,
    any_of,
    bit_or,
    conj,
    disj,
    greatest,
    is_false,
    is_null,
    is_true,
    neg,
    not_null,
    number,
    special,
    when,
)


@attrs.frozen
class Attempt:
    """One exception, translated: when it applies (with its value), when it is undecided
    (at which case), and what it reads."""

    derogation: decl.Derogation
    conditions: tuple[Term, ...]
    values: tuple[Term, ...]
    applies: exp.Expr
    value: Term
    undecided_at: tuple[exp.Expr, ...]
    """For each case: the exception is undecided at it (every earlier case rejected)."""
    read: tuple[tuple[exp.Expr | None, Term], ...]

    @property
    def undecided(self) -> exp.Expr:
        return any_of(list(self.undecided_at))


def attempt(bodies: Bodies, derogation: decl.Derogation) -> Attempt:
    bind = bodies.layers.bind
    conditions = tuple(bind(bodies.tr.expr(case.condition)) for case in derogation.cases)
    values = tuple(bind(bodies.shaped(bodies.tr.expr(case.value))) for case in derogation.cases)
    applying: list[exp.Expr] = []
    undecided: list[exp.Expr] = []
    read: list[tuple[exp.Expr | None, Term]] = []
    rejected: list[exp.Expr] = []
    for condition, value in zip(conditions, values, strict=True):
        reached = all_of(rejected) if rejected else None
        read.append((reached, condition))
        applies = _and(reached, is_true(condition.value))
        applying.append(applies)
        read.append((applies, value))
        if condition.special:
            undecided.append(_and(reached, is_null(condition.value)))
        else:
            undecided.append(exp.false())
        rejected.append(is_false(condition.value))
    alternatives: list[tuple[exp.Expr | None, Term]] = list(zip(applying, values, strict=True))
    alternatives.append((None, special(Code.NOT_APPLICABLE, bodies.shape)))
    value = bind(choose(bodies.layers, alternatives, bodies.shape, bodies.masks))
    return Attempt(
        derogation, conditions, values, any_of(applying), value, tuple(undecided), tuple(read)
    )


def default_logic(
    bodies: Bodies, rule: decl.Rule, base: Callable[[], Decision], raised: Callable[[str], int]
) -> Decision:
    """The value of a rule with exceptions in force; `base` translates its body."""
    attempts = [attempt(bodies, d) for d in rule.exceptions]
    keys = {a.derogation.key: a for a in attempts}
    live: list[exp.Expr] = []
    opened: list[exp.Expr] = []
    for a in attempts:
        over = [o.applies for o in attempts if a.derogation.key in o.derogation.overrides]
        silenced = any_of(over) if over else None
        live.append(_and(_not(silenced), a.applies))
        opened.append(_and(_not(silenced), a.undecided))
    del keys
    body, body_source = base()
    body = bodies.layers.bind(bodies.shaped(body))
    any_live, any_open = any_of(live), any_of(opened)
    first = bodies.layers.bind(
        choose(
            bodies.layers,
            [*((c, a.value) for c, a in zip(live, attempts, strict=True)), (None, body)],
            bodies.shape,
            bodies.masks,
        )
    )
    settled = _settled(attempts, live, opened, first)
    waiting = [
        (open_, cond, at)
        for open_, a in zip(opened, attempts, strict=True)
        for cond, at in zip(a.conditions, a.undecided_at, strict=True)
        if cond.special
    ]
    wait_status = greatest(
        [when((conj(this=o, expression=at), c.status), otherwise=ZERO) for o, c, at in waiting]
    )
    wait_detail = bit_or(
        [when((conj(this=o, expression=at), c.detail), otherwise=ZERO) for o, c, at in waiting]
    )
    conflicts = _conflicts(attempts, live, raised)
    blocked = conj(this=any_open, expression=neg(this=settled)) if waiting else exp.false()
    conflict = any_of([c for c, _ in conflicts]) if conflicts else exp.false()
    value = when((blocked, exp.Null()), (conflict, exp.Null()), otherwise=first.value)
    status = when(
        (blocked, wait_status),
        (conflict, number(Code.CONFLICT)),
        otherwise=first.status,
    )
    detail = when(
        (blocked, wait_detail),
        *((c, number(i)) for c, i in conflicts),
        otherwise=first.detail,
    )
    statuses = first.statuses | frozenset().union(*(c.special for _, c, _ in waiting))
    if conflicts:
        statuses |= {Code.CONFLICT}
    level = max([first.level, *(t.level for a in attempts for _, t in a.read)])
    term = Term(value, bodies.shape, statuses, status, detail, level, first.bounds)
    term = _raises(term, attempts, any_live, any_open, body, live, opened)
    sources = bodies.sources
    undecided = [
        (conj(this=blocked, expression=o), sources.code(a.derogation.span))
        for o, a in zip(opened, attempts, strict=True)
        if waiting and o != exp.false()
    ]
    source = when(
        *undecided,
        *((c, sources.code(a.derogation.span)) for c, a in zip(live, attempts, strict=True)),
        otherwise=body_source,
    )
    return term, source


def _settled(
    attempts: list[Attempt], live: list[exp.Expr], opened: list[exp.Expr], first: Term
) -> exp.Expr:
    """Every live value and every value an undecided exception could still give equals
    the value found (which is known)."""

    def same(term: Term) -> exp.Expr:
        return exp.func("COALESCE", exp.EQ(this=term.value, expression=first.value), exp.false())

    checks = [not_null(first.value)]
    for live_, open_, a in zip(live, opened, attempts, strict=True):
        checks.append(disj(this=neg(this=live_), expression=same(a.value)))
        for index, at in enumerate(a.undecided_at):
            if at == exp.false():
                continue
            rest = all_of([same(v) for v in a.values[index:]])
            checks.append(disj(this=neg(this=conj(this=open_, expression=at)), expression=rest))
    return all_of(checks)


def _conflicts(
    attempts: list[Attempt], live: list[exp.Expr], raised: Callable[[str], int]
) -> list[tuple[exp.Expr, int]]:
    """(this pair conflicts, the index of its raise), for each pair that can: the first
    live exception and the first later live one whose value is known and differs."""
    found = []
    for i, a in enumerate(attempts):
        earlier_dead = [neg(this=live[k]) for k in range(i)]
        for j in range(i + 1, len(attempts)):
            b = attempts[j]
            if _never_conflict(a, b):
                continue
            agreeing = [neg(this=_differs(attempts[k], a, live[k])) for k in range(i + 1, j)]
            condition = all_of([*earlier_dead, live[i], _differs(b, a, live[j]), *agreeing])
            text = layout.source_text(a.derogation.span)
            text += layout.SOURCES_JOINED + layout.source_text(b.derogation.span)
            found.append((condition, raised(text)))
    return found


def _differs(other: Attempt, first: Attempt, live: exp.Expr) -> exp.Expr:
    """`other` is live with a known value that is not the first's (`value != first`)."""
    known = not_null(other.value.value)
    unequal = exp.func(
        "COALESCE", exp.NEQ(this=other.value.value, expression=first.value.value), exp.true()
    )
    return all_of([live, known, unequal])


def _never_conflict(a: Attempt, b: Attempt) -> bool:
    """One prevails over the other, or both can only give the same constant."""
    da, db = a.derogation, b.derogation
    if db.key in da.overrides or da.key in db.overrides:
        return True
    values = [t.known for t in (*a.values, *b.values)]
    return all(v is not None for v in values) and len({repr(v) for v in values}) == 1


def _raises(
    term: Term,
    attempts: list[Attempt],
    any_live: exp.Expr,
    any_open: exp.Expr,
    body: Term,
    live: list[exp.Expr],
    opened: list[exp.Expr],
) -> Term:
    """The first error or conflict read: the attempts in order, then the body (when no
    exception is live), then the values an undecided exception could still give."""
    read: list[tuple[exp.Expr | None, Term]] = [r for a in attempts for r in a.read]
    read.append((neg(this=any_live), body))
    for open_, a in zip(opened, attempts, strict=True):
        for index, at in enumerate(a.undecided_at):
            for value in a.values[index:]:
                read.append((conj(this=open_, expression=at), value))
    status = _raise_branches(read, "status")
    if not status:
        return term
    detail = _raise_branches(read, "detail")
    raised = any_of([c for c, _ in status])
    statuses = term.statuses | frozenset().union(
        *(t.statuses & {Code.ERROR, Code.CONFLICT} for _, t in read)
    )
    return Term(
        when((raised, exp.Null()), otherwise=term.value),
        term.shape,
        statuses,
        when(*status, otherwise=term.status),
        when(*detail, otherwise=term.detail),
        term.level,
        term.bounds,
    )


def _and(a: exp.Expr | None, b: exp.Expr) -> exp.Expr:
    return b if a is None else conj(this=a, expression=b)


def _not(a: exp.Expr | None) -> exp.Expr | None:
    return None if a is None else neg(this=a)


__all__ = ["any_of", "default_logic", "is_null"]
