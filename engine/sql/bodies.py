"""Rule bodies -> terms, with what decided them: formula, cases, barème, list.

Each body gives its `Term` and the code of its source (`Sources`: the clause that gave the
value, `layout.source_text` of its span), as `lowered/bodies.py` decides: the first case
whose condition holds, except that an undecided case before it leaves the rule undecided
unless it would give the same value; the first barème row whose key matches, a row whose
bound is undecided stopping the search; the list of the elements kept.
"""

from __future__ import annotations

from sqlglot import exp

from ...dsl.errors import Span
from ..lowered import nodes as low
from . import layout
from .combine import choose, settled, strict
from .expressions import COMPARATORS, Expressions, _comparable
from .literals import known
from .shapes import Form, Shape, cast, of_type
from .terms import (
    RAISING,
    ZERO,
    Code,
    Term,
    all_of,
    any_of,
    bit_or,
    conj,
    disj,
    greatest,
    is_,
    is_false,
    is_null,
    is_true,
    neg,
    not_null,
    number,
    special,
    when,
)

Decision = tuple[Term, exp.Expr]
"""A term and the code of its source."""


class Sources:
    """The texts a rule's `N.source` can hold, each with its code."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def code(self, span: Span | None) -> exp.Expr:
        text = layout.source_text(span)
        if text not in self.texts:
            self.texts.append(text)
        return number(self.texts.index(text))


class Bodies:
    def __init__(self, tr: Expressions, sources: Sources, shape: Shape) -> None:
        self.tr = tr
        self.sources = sources
        self.shape = shape
        self.layers = tr.layers
        self.masks = tr.masks

    def body(self, body: low.Body, span: Span | None) -> Decision:
        match body:
            case low.Formula(value=value):
                return self.tr.expr(value), self.sources.code(body.span)
            case low.Cases():
                return self.cases(body)
            case low.Table():
                return self.table(body)
            case low.ListBuild():
                return self.list(body), self.sources.code(body.span)
        raise AssertionError(body)

    def shaped(self, term: Term) -> Term:
        """`term` cast to the rule's shape (decimals to one scale, lists to one element)."""
        if term.shape == self.shape:
            return term
        if term.known is not None:
            return known(term.known[0], self.shape)
        return Term(
            cast(term.value, self.shape),
            self.shape,
            term.statuses,
            term.status_expr,
            term.detail_expr,
            term.level,
            term.bounds,
        )

    # ------------------------------------------------------------ cases

    def cases(self, body: low.Cases) -> Decision:
        bind = self.layers.bind
        conditions = [bind(self.tr.expr(case.condition)) for case in body.cases]
        values = [bind(self.shaped(self.tr.expr(case.value))) for case in body.cases]
        default = body.otherwise.value
        if default is None:
            other = special(Code.NOT_APPLICABLE, self.shape)
        else:
            other = self.shaped(self.tr.expr(default.value))
        chosen = [is_true(c.value) for c in conditions]
        simple = values[0].known and other.known if len(conditions) == 1 else False
        if simple and not (values[0].known == other.known and conditions[0].can(*RAISING)):
            source = when(
                (chosen[0], self.sources.code(body.cases[0].span)),
                otherwise=self.sources.code(body.otherwise.span),
            )
            return self._one_case(conditions[0], values[0], other), source
        found = bind(
            choose(
                self.layers,
                [*zip(chosen, values, strict=True), (None, other)],
                self.shape,
                self.masks,
            )
        )
        source = when(
            *(
                (c, self.sources.code(case.span))
                for c, case in zip(chosen, body.cases, strict=True)
            ),
            otherwise=self.sources.code(body.otherwise.span),
        )
        read: list[tuple[exp.Expr | None, Term]] = []
        pending: list[tuple[exp.Expr, Term, Term]] = []
        for index, (condition, value) in enumerate(zip(conditions, values, strict=True)):
            before = [c for c in chosen[:index]]
            reached = neg(this=any_of(before)) if before else None
            read.append((reached, condition))
            opened = _and(reached, neg(this=is_(this=condition.value, expression=exp.false())))
            read.append((opened, value))
            if condition.special:
                pending.append((_and(reached, is_null(condition.value)), condition, value))
        read.append((neg(this=any_of(chosen)) if chosen else None, other))
        if not pending:
            return found, source
        return self._undecided(found, pending, read), source

    def _one_case(self, condition: Term, value: Term, other: Term) -> Term:
        """`k1 si c, sinon k0` with constants: `c` itself for `vrai si c sinon faux`, its
        negation for the converse, else k1 or k0 as `c` holds, undecided with `c` (an
        undecided case whose value differs from the one found leaves the rule undecided)."""
        assert value.known is not None and other.known is not None
        (k1,), (k0,) = value.known, other.known
        if k1 == k0:  # the case cannot change the value (the condition does not raise)
            return other
        if (k1, k0) == (True, False) and self.shape.form is Form.BOOLEAN:
            return condition
        result = when(
            (is_true(condition.value), value.value), (is_false(condition.value), other.value)
        )
        return Term(
            result,
            self.shape,
            condition.statuses,
            condition.status_expr,
            condition.detail_expr,
            condition.level,
            (min(value.bounds[0], other.bounds[0]), max(value.bounds[1], other.bounds[1])),
        )

    def _undecided(
        self,
        found: Term,
        pending: list[tuple[exp.Expr, Term, Term]],
        read: list[tuple[exp.Expr | None, Term]],
    ) -> Term:
        """`found` stands if no case before it is undecided, or if each undecided one
        would give the same value; otherwise the merge of the undecided cases, their
        values and `found`."""
        any_pending = any_of([p for p, _, _ in pending])
        agree = all_of(
            [
                not_null(found.value),
                *(
                    disj(
                        this=neg(this=p),
                        expression=exp.func(
                            "COALESCE", exp.EQ(this=v.value, expression=found.value), exp.false()
                        ),
                    )
                    for p, _, v in pending
                ),
            ]
        )
        stands = disj(this=neg(this=any_pending), expression=agree)
        value = when((stands, found.value))
        merged_status = greatest(
            [
                found.status,
                *(when((p, greatest([c.status, v.status])), otherwise=ZERO) for p, c, v in pending),
            ]
        )
        status = when((neg(this=any_pending), found.status), (agree, ZERO), otherwise=merged_status)
        detail = None
        if self.masks or any(t.detail_expr is not None for _, t in read):
            merged_detail = bit_or(
                [
                    found.detail,
                    *(
                        when((p, bit_or([c.detail, v.detail])), otherwise=ZERO)
                        for p, c, v in pending
                    ),
                ]
            )
            detail = when(
                (neg(this=any_pending), found.detail), (agree, ZERO), otherwise=merged_detail
            )
        statuses = found.statuses | frozenset().union(
            *((c.statuses | v.statuses) - {Code.VALUE} for _, c, v in pending)
        )
        level = max(t.level for _, t in read)
        level = max(level, found.level)
        return _raised(
            self.tr,
            Term(value, self.shape, statuses, status, detail, level, found.bounds),
            read,
        )

    # ------------------------------------------------------------ barèmes

    def table(self, table: low.Table) -> Decision:
        """The first row whose key matches; an undecided key, or an undecided bound met
        before a match, leaves the barème undecided (its source is then the barème)."""
        key = self.layers.bind(self.tr.expr(table.key))
        whole = self.sources.code(table.span)
        alternatives: list[tuple[exp.Expr | None, Term]] = []
        sources: list[tuple[exp.Expr, exp.Expr]] = []
        if key.special:
            alternatives.append((is_null(key.value), key_status(key, self.shape)))
            sources.append((is_null(key.value), whole))
        for row in table.rows:
            bounds = [self.tr.expr(b) for b in low.key_bounds(row.key)]
            undecided = [b for b in bounds if b.special]
            if undecided:
                stop = strict(
                    self.layers, undecided, cast(exp.Null(), self.shape), self.shape, self.masks
                )
                stopped = any_of([is_null(b.value) for b in undecided])
                alternatives.append((stopped, stop))
                sources.append((stopped, whole))
            matches = _matches(row.key, key, bounds)
            alternatives.append((matches, self.shaped(self.tr.expr(row.value))))
            sources.append(
                (matches if matches is not None else exp.true(), self.sources.code(row.span))
            )
            if matches is None:
                break
        if alternatives[-1][0] is None:
            pass
        else:
            alternatives.append((None, special(Code.NOT_APPLICABLE, self.shape)))
        return choose(self.layers, alternatives, self.shape, self.masks), when(
            *sources, otherwise=whole
        )

    # ------------------------------------------------------------ lists

    def list(self, build: low.ListBuild) -> Term:
        element = self.shape.element or Shape(Form.TEXT)
        parts: list[tuple[exp.Expr | None, Term]] = []
        items: list[exp.Expr] = []
        for item in build.elements:
            value = self.layers.bind(self.tr.expr(item.value))
            wanted = value.value if value.shape == element else cast(value.value, element)
            if item.condition is None:
                parts.append((None, value))
                items.append(wanted)
                continue
            condition = self.layers.bind(self.tr.expr(item.condition))
            parts.append((None, condition))
            kept = is_true(condition.value)
            parts.append((kept, value))
            items.append(when((kept, wanted)))
        if not items:
            return Term(cast(exp.Array(expressions=[]), self.shape), self.shape)
        decided = all_of(
            [
                not_null(t.value)
                if gate is None
                else disj(this=neg(this=gate), expression=not_null(t.value))
                for gate, t in parts
                if t.special
            ]
        )
        kept_items = exp.ArrayFilter(
            this=exp.Array(expressions=items),
            expression=exp.Lambda(
                this=not_null(exp.column("x")), expressions=[exp.to_identifier("x")]
            ),
        )
        listed = when((decided, cast(kept_items, self.shape)))
        operands = [t for _, t in parts]
        return strict(
            self.layers, operands, listed, self.shape, self.masks, gates=[g for g, _ in parts]
        )


def key_status(key: Term, shape: Shape) -> Term:
    """The barème's value when its key is undecided: the key's status."""
    return Term(
        cast(exp.Null(), shape),
        shape,
        key.special,
        key.status_expr or key.status,
        key.detail_expr,
        key.level,
    )


def _matches(key: low.RowKey, found: Term, bounds: list[Term]) -> exp.Expr | None:
    """Whether a row's key holds (None: `autre`, always)."""

    def compare(comparator: low.Comparator, other: Term) -> exp.Expr:
        a, b = _comparable(found, other)
        return COMPARATORS[comparator](this=a, expression=b)

    match key:
        case low.KeyEqual():
            return compare(low.Comparator.EQ, bounds[0])
        case low.KeyRange():
            return conj(
                this=compare(low.Comparator.GE, bounds[0]),
                expression=compare(low.Comparator.LE, bounds[1]),
            )
        case low.KeyAtLeast():
            return compare(low.Comparator.GE, bounds[0])
        case low.KeyBelow():
            return compare(low.Comparator.LT, bounds[0])
    return None


def _and(a: exp.Expr | None, b: exp.Expr) -> exp.Expr:
    return b if a is None else conj(this=a, expression=b)


def _raised(tr: Expressions, term: Term, read: list[tuple[exp.Expr | None, Term]]) -> Term:
    """`term` raising the first error or conflict among `read`, in order."""
    if not any(t.can(Code.ERROR, Code.CONFLICT) for _, t in read):
        return term
    from .combine import _raise_branches

    status = _raise_branches(read, "status")
    detail = _raise_branches(read, "detail")
    raised = any_of([c for c, _ in status])
    return Term(
        when((raised, exp.Null()), otherwise=term.value),
        term.shape,
        term.statuses
        | frozenset().union(*(t.statuses & {Code.ERROR, Code.CONFLICT} for _, t in read)),
        when(*status, otherwise=term.status),
        when(*detail, otherwise=term.detail),
        term.level,
        term.bounds,
    )


__all__ = ["Bodies", "Decision", "Sources", "of_type", "settled"]
