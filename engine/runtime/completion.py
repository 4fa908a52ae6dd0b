"""A conclusion that no value of its missing facts could change is decided.

An undocumented person with 3,000 € of resources is below every AME ceiling, in mainland
France or overseas: that `residence_outre_mer` is not given must not make `ame.droit`
unknown. Three-valued logic cannot see it (each ceiling depends on the fact); trying the
values can. When a requested conclusion is unknown and every fact it misses has a finite
domain — booléen, énumération, entier whose `entre` bounds hold at most `INTEGER_VALUES`
values — the conclusion is evaluated for the possible values of those facts. If every one
gives the same value (never an unknown or non-applicable one), the conclusion has that value,
and its explanation says that the value holds whatever those facts are, showing the reasons
of one completion.

The completions are explored as a decision tree, one missing fact at a time (the first by
name): a completion already decided for `a = vrai` does not try every value of `b`, one that
misses another finite fact branches on it too. At most `LIMIT` completions are evaluated per
conclusion; past that, or at the first disagreement, the conclusion stays unknown. Only
unknown conclusions pay for this: rules already decided are reused, not evaluated again (more
facts never change a known value), and the conclusions of one situation share completions.
"""

from __future__ import annotations

from ...dsl import nodes
from ...dsl.errors import EvaluationError
from ..compiler.program import FactSymbol, Program
from ..domain.french import show
from ..domain.outcomes import SPECIAL, UNDECIDED, Unknown
from ..domain.types import Kind
from .context import Context, Evaluating
from .trace import Step, StepKind, Trace

LIMIT = 64
INTEGER_VALUES = 16

Assignment = dict[str, object]


def domains(program: Program) -> dict[str, tuple[object, ...]]:
    """The finite domain of every fact that has one."""
    found = {}
    for name, fact in program.facts.items():
        domain = domain_of(fact)
        if domain is not None:
            found[name] = domain
    return found


def domain_of(fact: FactSymbol) -> tuple[object, ...] | None:
    kind = fact.type.kind
    if kind is Kind.BOOLEEN:
        return (True, False)
    if kind is Kind.ENUM:
        return fact.type.values
    bounds = fact.decl.bounds
    if kind is Kind.ENTIER and bounds is not None:
        low, high = bounds.low, bounds.high
        if isinstance(low, nodes.Number) and isinstance(high, nodes.Number):
            count = int(high.value) - int(low.value) + 1
            if 0 < count <= INTEGER_VALUES:
                return tuple(range(int(low.value), int(high.value) + 1))
    return None


class Completions:
    """The completed contexts of one evaluation, by assignment: the conclusions of one
    situation share them, so a rule is evaluated once per completion, not per conclusion."""

    def __init__(self, evaluator: Evaluating, ctx: Context) -> None:
        self.evaluator = evaluator
        self.ctx = ctx
        self.known = {k: t for k, t in ctx.memo.items() if type(t.value) not in UNDECIDED}
        self.contexts: dict[frozenset[tuple[str, object]], Context] = {}

    def evaluate(self, name: str, assignment: Assignment) -> Trace | None:
        """`name` with the facts completed; None when the completion cannot be evaluated
        (two exceptions conflict, a division by zero): the conclusion then stays unknown."""
        key = frozenset(assignment.items())
        completed = self.contexts.get(key)
        if completed is None:
            ctx = self.ctx
            completed = self.evaluator.context({**ctx.facts, **assignment}, ctx.law)
            completed.memo.update(self.known)
            self.contexts[key] = completed
        found = completed.memo.get(name)
        if found is None:
            try:
                found = completed.memo[name] = completed.law.rule(name)(completed)
            except EvaluationError:  # a conflict too
                return None
        return found


def settle(evaluator: Evaluating, ctx: Context, name: str, shared: Completions | None) -> Trace:
    """The trace of `name` in `ctx`, decided when all its completions agree; `shared` holds
    the completions of the conclusions already settled in `ctx` (made when None)."""
    trace = ctx.memo[name]
    value = trace.value
    finite = evaluator.domains
    if type(value) is not Unknown or not all(f in finite for f in value.missing):
        return trace
    completions = shared or Completions(evaluator, ctx)
    first: tuple[Assignment, Trace] | None = None
    tried: list[str] = []
    pending: list[Assignment] = [{}]
    budget = LIMIT
    while pending:
        assignment = pending.pop()
        found = trace if not assignment else completions.evaluate(name, assignment)
        if found is None:
            return trace
        if type(found.value) is Unknown:
            fact = min(found.value.missing - assignment.keys(), default=None)
            if fact is None or fact not in finite or budget < len(finite[fact]):
                return trace
            budget -= len(finite[fact])
            tried.append(fact)
            pending.extend({**assignment, fact: v} for v in reversed(finite[fact]))
            continue
        if type(found.value) in SPECIAL:
            return trace
        if first is None:
            first = (assignment, found)
        elif found.value != first[1].value:
            return trace
    assert first is not None
    return _decided(evaluator.program, first[1], first[0], list(dict.fromkeys(tried)))


def _decided(program: Program, shown: Trace, example: Assignment, facts: list[str]) -> Trace:
    """The decided trace: the rule's step, then a node that says which facts did not matter
    and under which example value its reasons are shown."""
    whatever = _enumerate([f"de {fact} ({_domain_text(program.facts[fact])})" for fact in facts])
    plural = len(facts) > 1
    head = "quelles que soient les valeurs" if plural else "quelle que soit la valeur"
    shown_facts = ", ".join(
        f"{fact} = {show(example[fact], program.facts[fact].type)}"
        for fact in facts
        if fact in example
    )
    text = f"{head} {whatever} ; par exemple avec {shown_facts} :"
    step = Step(
        StepKind.INDIFFERENCE, text, shown.step.span, type=shown.step.type, irrelevant=tuple(facts)
    )
    return Trace(shown.step, shown.value, (Trace(step, shown.value, shown.children),))


def _domain_text(fact: FactSymbol) -> str:
    domain = domain_of(fact)
    assert domain is not None
    if fact.type.kind is Kind.ENTIER:
        return f"de {domain[0]} à {domain[-1]}"
    return _enumerate([show(v, fact.type) for v in domain], "ou")


def _enumerate(words: list[str], last: str = "et") -> str:
    """`a`, `a et b`, `a, b et c`."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]
