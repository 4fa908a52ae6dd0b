"""Lay an evaluation over a decision tree: each node's value, and the path that decided.

The path is the engine's own reading of the trace (`explanation.deciding`): nothing is
evaluated again here. Trace steps and tree nodes meet through the span of the AST node both
come from.
"""

from __future__ import annotations

from ..dsl.errors import Span
from ..engine.domain.outcomes import NA, NotCovered, Unknown
from ..engine.explain.calculation import computed, suffix
from ..engine.explain.explanation import deciding, operands, show, value_text
from ..engine.runtime.trace import Trace
from .model import (
    FALSE,
    NOT_APPLICABLE,
    NOT_COVERED,
    SKIPPED,
    TRUE,
    UNKNOWN,
    VALUE,
    Diagram,
    Node,
    State,
)


def highlight(diagram: Diagram, trace: Trace) -> Diagram:
    """Set the state of every node of `diagram` from `trace` (the root conclusion's)."""
    found: dict[Span, Trace] = {}
    _index(trace, found, set())
    decisive: set[Span] = set()
    _path(trace, decisive, set())
    irrelevant = _irrelevant(trace)
    for node in diagram.nodes:
        if node.kind == "donnée" and node.code in irrelevant:
            # The value shown beneath is one example of a fact the situation does not give.
            node.state = State(UNKNOWN, f"{node.code} : sans effet sur le résultat")
        else:
            node.state = _state(node, found, decisive)
    return diagram


def _irrelevant(trace: Trace) -> set[str]:
    """The facts a conclusion was decided without (every value giving the same result)."""
    return {fact for child in trace.children for fact in child.step.irrelevant}


def _index(trace: Trace, found: dict[Span, Trace], seen: set[int]) -> None:
    if id(trace) in seen:
        return
    seen.add(id(trace))
    for span in (trace.step.span, trace.step.alias):
        if span is not None and span not in found:
            found[span] = trace
    for child in trace.children:
        _index(child, found, seen)


def _path(trace: Trace, decisive: set[Span], seen: set[int]) -> None:
    if id(trace) in seen:
        return
    seen.add(id(trace))
    decisive.update(s for s in (trace.step.span, trace.step.alias) if s is not None)
    for child in deciding(trace):
        _path(child, decisive, seen)


def _state(node: Node, found: dict[Span, Trace], decisive: set[Span]) -> State:
    trace = found.get(node.key) if node.key is not None else None
    if trace is None and node.gate is not None and node.gate in found:
        gate = found[node.gate]
        return State(_outcome(gate.value), _gate_text(gate.value), node.gate in decisive)
    if trace is None:
        return State(SKIPPED, "non évalué")
    deciding_ = node.key in decisive
    if node.kind == "exception" and trace.value is NA:
        return State(FALSE, "ne s'applique pas", deciding_)
    if node.kind in {"cas", "sinon"} and node.key != node.gate:
        return State(_outcome(trace.value), _case_text(trace), deciding_)
    return State(_outcome(trace.value), _shown(node, trace, found), deciding_)


def _outcome(value: object) -> str:
    if value is True:
        return TRUE
    if value is False:
        return FALSE
    if type(value) is Unknown:
        return UNKNOWN
    if type(value) is NotCovered:
        return NOT_COVERED
    if value is NA:
        return NOT_APPLICABLE
    return VALUE


def _gate_text(value: object) -> str:
    if value is True:
        return "retenu"
    if value is False:
        return "écarté"
    if type(value) is NotCovered:
        return "non couvert"
    return _missing(value) if type(value) is Unknown else "non applicable"


def _case_text(trace: Trace) -> str:
    if type(trace.value) is Unknown:
        return _missing(trace.value)
    if type(trace.value) is NotCovered:
        return value_text(trace)
    shown = show(trace.value, trace.step.type)
    return f"retenu : {shown}" if trace.value is not NA else "non applicable"


def _missing(value: object) -> str:
    assert isinstance(value, Unknown)
    return "inconnu — il manque : " + ", ".join(sorted(value.missing))


def _shown(node: Node, trace: Trace, found: dict[Span, Trace]) -> str:
    value = trace.value
    if type(value) is Unknown:
        if node.kind == "donnée":
            return f"{node.code} inconnu"
        return _missing(value)
    if type(value) is NotCovered:
        return value_text(trace, top=node.kind == "conclusion")
    shown = show(value, trace.step.type)
    if node.kind == "donnée":
        return f"{node.code} = {shown}"
    formula = computed(trace)
    if formula is not None:
        return shown + suffix(trace, formula)
    if node.kind in {"paramètre", "règle", "renvoi", "conclusion"}:
        return shown
    probe = found.get(node.operands) if node.operands is not None else None
    compared = operands(probe if probe is not None else trace)
    return f"{shown} ({compared})" if compared else shown
