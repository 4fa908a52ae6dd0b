"""How the statuses and details of operands make those of a result.

Two ways, as in `domain/outcomes.py`:

- `strict`: an operation that needs every operand (arithmetic, comparison, call): its
  value is null when one is (SQL's own propagation), its status the greatest, and once an
  operand is not covered only the not-covered operands' missing facts are kept;
- `settled`: an operation where a known operand can decide (the connectives, groups,
  guarded lines, cases, exceptions): its value is computed by the caller, and only where it
  stays null do the operands' statuses merge (every missing fact kept).

In both, an error or a conflict is the first one met in the evaluator's order of reading:
the caller says, for a `settled` result, under which condition each operand is read.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from sqlglot import exp

from .layers import Layers
from .shapes import Shape
from .terms import (
    RAISING,
    UNDECIDED,
    VALUE_ONLY,
    WITHIN,
    ZERO,
    Bounds,
    Code,
    Term,
    all_of,
    any_of,
    bit_or,
    conj,
    greatest,
    is_null,
    not_null,
    number,
    when,
)


def eq(expression: exp.Expr, code: Code) -> exp.Expr:
    return exp.EQ(this=expression, expression=number(code))


def raises(expression: exp.Expr) -> exp.Expr:
    return exp.GTE(this=expression, expression=number(Code.ERROR))


def _raise_branches(
    read: Sequence[tuple[exp.Expr | None, Term]], part: str
) -> list[tuple[exp.Expr, exp.Expr]]:
    """For each operand that can raise, in reading order: (it is read and raises, its
    status or detail)."""
    branches = []
    for condition, term in read:
        if not term.can(*RAISING):
            continue
        raised = raises(term.status)
        if condition is not None:
            raised = conj(this=condition, expression=raised)
        branches.append((raised, term.status if part == "status" else term.detail))
    return branches


def strict(
    layers: Layers,
    operands: Sequence[Term],
    value: exp.Expr,
    shape: Shape,
    masks: bool,
    bounds: Bounds = WITHIN,
    gates: Sequence[exp.Expr | None] | None = None,
) -> Term:
    """The term of an operation that needs every operand; `value` must be null when any
    operand's is (a null-propagating SQL expression of their values). With `gates`, an
    operand counts only where its gate holds (a list element kept by its condition)."""
    gated = list(gates) if gates is not None else [None] * len(operands)
    statuses = frozenset().union(*(o.statuses for o in operands)) | VALUE_ONLY
    level = max((o.level for o in operands), default=0)
    read = list(zip(gated, operands, strict=True))
    status_expr = None
    if len(statuses - VALUE_ONLY) > 1:
        status_expr = greatest([_gated(g, o.status) for g, o in read if o.special])
        branches = _raise_branches(read, "status")
        if len(branches) > 1:  # a lone raising operand is the greatest status already
            status_expr = when(*branches, otherwise=status_expr)
    detail = _strict_detail(read, masks)
    return layers.bind_parts(Term(value, shape, statuses, status_expr, detail, level, bounds))


def _gated(gate: exp.Expr | None, part: exp.Expr) -> exp.Expr:
    return part if gate is None else when((gate, part), otherwise=ZERO)


def _strict_detail(read: Sequence[tuple[exp.Expr | None, Term]], masks: bool) -> exp.Expr | None:
    undecided = [(g, o) for g, o in read if o.can(*UNDECIDED)] if masks else []
    branches = _raise_branches(read, "detail")
    if not undecided and not branches:
        return None
    if not undecided and len(branches) == 1 and all(g is None for g, _ in read):
        return next(o for _, o in read if o.can(*RAISING)).detail  # 0 unless it raises
    detail = bit_or([_gated(g, o.detail) for g, o in undecided])
    uncovered = [(g, o) for g, o in undecided if o.can(Code.NOT_COVERED)]
    if uncovered and len(undecided) > 1:
        chosen = [_both(g, eq(o.status, Code.NOT_COVERED)) for g, o in uncovered]
        only = bit_or(
            [
                when((c, o.detail), otherwise=ZERO)
                for c, (_, o) in zip(chosen, uncovered, strict=True)
            ]
        )
        detail = when((any_of(chosen), only), otherwise=detail)
    return when(*branches, otherwise=detail) if branches else detail


def _both(gate: exp.Expr | None, condition: exp.Expr) -> exp.Expr:
    return condition if gate is None else conj(this=gate, expression=condition)


def choose(
    layers: Layers,
    alternatives: Sequence[tuple[exp.Expr | None, Term]],
    shape: Shape,
    masks: bool,
    bounds: Bounds | None = None,
) -> Term:
    """`CASE WHEN c1 THEN t1 … ELSE tn END` over whole terms (the last condition None):
    the value, status and detail of the first alternative whose condition holds."""
    from .literals import literal
    from .shapes import cast

    statuses = frozenset().union(*(t.statuses for _, t in alternatives))
    level = max(t.level for _, t in alternatives)

    def pick(part: str) -> exp.Expr:
        branches = []
        otherwise: exp.Expr = exp.Null() if part == "value" else ZERO
        for condition, term in alternatives:
            found = getattr(term, part)
            if part == "value" and term.shape != shape:
                found = literal(term.known[0], shape) if term.known else cast(found, shape)
            if condition is None:
                otherwise = found
                break
            branches.append((condition, found))
        return when(*branches, otherwise=otherwise)

    status_expr = pick("status") if len(statuses - VALUE_ONLY) > 1 else None
    has_detail = any(t.detail_expr is not None for _, t in alternatives)
    detail_expr = pick("detail") if has_detail else None
    if bounds is None:
        low = min(t.bounds[0] for _, t in alternatives)
        high = max(t.bounds[1] for _, t in alternatives)
        bounds = (low, high)
    return layers.bind_parts(
        Term(pick("value"), shape, statuses, status_expr, detail_expr, level, bounds)
    )


def settled(
    layers: Layers,
    value: exp.Expr,
    shape: Shape,
    masks: bool,
    merged: Sequence[Term],
    read: Sequence[tuple[exp.Expr | None, Term]],
    level: int,
    bounds: Bounds = WITHIN,
    decided: bool = True,
) -> Term:
    """The term of an operation whose `value` (null when undecided) the caller computed:
    where it is null, the status is the merge of the `merged` operands' (which must be the
    ones that leave it undecided); `read` lists every operand with the condition under
    which the evaluator reads it (None: always), for the errors and conflicts they raise.
    `decided` is False when the value can never be known by itself (no `valeur`)."""
    statuses = frozenset().union(*(o.statuses - VALUE_ONLY for o in merged))
    statuses |= frozenset().union(*(o.statuses & RAISING for _, o in read))
    if decided:
        statuses |= VALUE_ONLY
    status_branches = _raise_branches(read, "status")
    detail_branches = _raise_branches(read, "detail")
    if status_branches:
        value = when((any_of([c for c, _ in status_branches]), exp.Null()), otherwise=value)
    undecided = [o for o in merged if o.can(*UNDECIDED)] if masks else []
    explicit = len(statuses - VALUE_ONLY) > 1
    term = Term(value, shape, statuses, None, None, level, bounds)
    if not explicit and not undecided and not detail_branches:
        return term
    term = layers.bind_value(term)
    open_ = is_null(term.value)
    status_expr = None
    if explicit:
        merge = greatest([o.status for o in merged if o.special])
        status_expr = when(*status_branches, (open_, merge), otherwise=ZERO)
    detail_expr = None
    if undecided or detail_branches:
        masked = bit_or([o.detail for o in undecided])
        detail_expr = when(*detail_branches, (open_, masked), otherwise=ZERO)
    return layers.bind_parts(attrs.evolve(term, status_expr=status_expr, detail_expr=detail_expr))


def guarded_value(term: Term, condition: exp.Expr) -> exp.Expr:
    """The value of `term` where `condition` holds, null elsewhere."""
    return when((condition, term.value))


def all_decided(terms: Sequence[Term]) -> exp.Expr:
    return all_of([not_null(t.value) for t in terms if t.special])
