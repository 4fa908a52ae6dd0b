"""How a computed value was obtained: its calculation written again with the values of its
operands (`100 % − 30 %`), and the inputs that calculation read.

An explanation line that shows a number computed from parameters, rules or facts shows this
calculation beside it, and lists the inputs (each with its own citation) beneath it instead
of the nodes of the expression: the reader sees `70 % (100 % − 30 %)`, then where the 30 %
comes from. A parameter value or a cited value (`= … selon "…"`) shows the calculation it
wraps, so the citation and the calculation share one line.
"""

from __future__ import annotations

from ..domain.french import show
from ..domain.outcomes import SPECIAL
from ..domain.values import short_date
from ..runtime.trace import StepKind, Trace

CALCULATIONS = frozenset({StepKind.CALCULATION, StepKind.CALL})
WRAPPERS = frozenset({StepKind.PARAMETER, StepKind.VALUE})
_LEVELS = {"+": 5, "-": 5, "×": 6, "/": 6}
_WRITTEN = {"-": "−"}
_CHOOSING = frozenset({"minimum", "maximum"})


def computed(trace: Trace) -> Trace | None:
    """The calculation a line shows: its own, or the one a parameter value or a cited value
    wraps; None when there is none, or when it reads only constants (`2 × 3` says nothing
    the expression does not)."""
    candidate = trace
    if trace.step.kind in WRAPPERS and len(trace.children) == 1:
        candidate = trace.children[0]
    if candidate.step.kind not in CALCULATIONS or candidate.step.operation is None:
        return None
    return candidate if inputs(candidate) else None


def inputs(trace: Trace) -> list[Trace]:
    """The parameters, rules, facts and previous values a calculation read, in reading order,
    each once; through `minimum`/`maximum`, only the operand that gave the result."""
    found: list[Trace] = []
    stack = [trace]
    while stack:
        node = stack.pop()
        if node.step.kind in CALCULATIONS and node.step.operation is not None:
            chosen = _chosen(node)
            stack.extend(reversed([chosen] if chosen is not None else list(node.children)))
        elif (node.step.kind is not StepKind.VALUE or node.children) and all(
            node is not f for f in found
        ):
            found.append(node)
    return found


def written(trace: Trace) -> str | None:
    """`arrondi_euro(10 339,00 € × 1,008)`: the calculation with its operands' values; None
    when its value is unknown or not applicable (an operand has none to write)."""
    if type(trace.value) in SPECIAL:
        return None
    return _written(trace, outermost=True)[1]


def suffix(trace: Trace, formula: Trace) -> str:
    """What a line adds after its value: `  (100 % − 30 %)`, or for a yearly parameter value
    ` — revalorisé le 01/04/2026 : arrondi_euro(10 339,00 € × 1,008)`."""
    shown = written(formula)
    day = trace.step.anniversary
    if day is None:
        return f"  ({shown})" if shown else ""
    if shown is None:
        return f" — revalorisation du {short_date(day)} impossible"
    return f" — revalorisé le {short_date(day)} : {shown}"


def _written(trace: Trace, outermost: bool = False) -> tuple[int, str]:
    """Precedence level and text; a `minimum`/`maximum` inside a calculation is written as
    the operand it took, unless it is the calculation itself."""
    step, children = trace.step, trace.children
    operation = step.operation
    if step.kind is StepKind.CALCULATION and operation in _LEVELS and len(children) == 2:
        level = _LEVELS[operation]
        left = _operand(children[0], level)
        right = _operand(children[1], level + 1)
        return level, f"{left} {_WRITTEN.get(operation, operation)} {right}"
    if step.kind is StepKind.CALCULATION and len(children) == 1:
        return 7, "−" + _operand(children[0], 7)
    if step.kind is StepKind.CALL and operation is not None:
        chosen = None if outermost else _chosen(trace)
        if chosen is not None:
            return _written(chosen)
        return 9, f"{operation}({' ; '.join(_operand(c, 0) for c in children)})"
    return 9, show(trace.value, step.type)


def _operand(trace: Trace, context: int) -> str:
    level, text = _written(trace)
    return f"({text})" if level < context else text


def _chosen(trace: Trace) -> Trace | None:
    """The operand a `minimum`/`maximum` took when the others are constants: `maximum(
    coefficient, 1)` is the coefficient when it is at least 1, and is written as it."""
    if trace.step.operation not in _CHOOSING or type(trace.value) in SPECIAL:
        return None
    read = [c for c in trace.children if c.step.kind is not StepKind.VALUE or c.children]
    if len(read) != 1 or read[0].value != trace.value:
        return None
    return read[0]
