"""`N.source` read from the per-situation evaluator's trace: the same text the SQL back end
computes, so that a row of a population and `RuleBase.evaluate` on that row can be
compared clause for clause (and `alinea explain --ligne` can say which clause it shows).

The clause that decided a value or a non-applicability (`layout.source_text` of its span):
the applicability (`applicable si`) when it closed the rule; the first exception that
applied and was not silenced; else the body's: the formula, the case or `sinon` chosen, the
barème row chosen (the barème itself when no row matched or its key was undecided), the
list. None for an unknown or not covered value, or a rule without a version that day. A
conclusion decided by completion shows the clause of the completion its explanation shows.
"""

from __future__ import annotations

from ...dsl.errors import ConflictError, EvaluationError
from ..domain.outcomes import NA, UNDECIDED
from ..lowered import declarations as decl
from ..lowered import nodes as low
from ..runtime.trace import StepKind, Trace
from . import layout


def of_trace(rule: decl.RuleAt, trace: Trace) -> str | None:
    """The source of `rule`'s value in `trace` (the trace of that rule)."""
    if type(trace.value) in UNDECIDED or isinstance(rule, decl.Absent):
        return None
    children = list(trace.children)
    if children and children[0].step.kind is StepKind.INDIFFERENCE:
        children = list(children[0].children)
    version = rule.version
    if version.applicability is not None:
        gate = children.pop(0)
        if gate.value is not True:
            return layout.source_text(version.span)
    chosen = children[0]
    if rule.exceptions and chosen.step.kind is StepKind.DEROGATION:
        return layout.source_text(chosen.step.span)
    return _body(version.body, chosen)


def _body(body: low.Body, chosen: Trace) -> str:
    match body:
        case low.Cases():
            return layout.source_text(chosen.step.span)
        case low.Table():
            rows = [c for c in chosen.children if c.step.kind is StepKind.ROW]
            return layout.source_text(rows[0].step.span if rows else body.span)
    return layout.source_text(body.span)


def of_error(error: EvaluationError) -> str:
    """The source of a conflict (both exceptions) or of an evaluation error (its code)."""
    (diagnostic, *_) = error.diagnostics
    if not isinstance(error, ConflictError):  # a conflict is an EvaluationError too
        return diagnostic.code
    first, second = (note.span for note in diagnostic.notes)
    return layout.source_text(first) + layout.SOURCES_JOINED + layout.source_text(second)


__all__ = ["NA", "of_error", "of_trace"]
