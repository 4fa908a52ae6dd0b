"""What an evaluation leaves behind: a value per node, and the static step it came from.

Evaluation builds one `Trace` per evaluated node; the explanation, the missing facts and the
sources of a conclusion are all read from this tree afterwards. `Trace` is a plain slotted
class, not attrs, because tens of thousands are created per second on the hot path.
"""

from __future__ import annotations

import datetime
import enum

import attrs

from ...dsl import nodes
from ...dsl.errors import Span
from ..domain.types import Type


class StepKind(enum.Enum):
    """What a step of a trace is: the five readers of a trace (explanation, coverage, golden
    cases, diff, diagrams) branch on it. The value is the French word written in the JSON
    explanation (`"kind"`)."""

    RULE = "règle"
    DEROGATION = "exception"
    CASE = "cas"
    OTHERWISE = "sinon"
    VALUE = "valeur"
    ROW = "ligne"
    ELEMENT = "élément"
    LIST = "liste"
    FACT = "donnée"
    PARAMETER = "paramètre"
    COMPARISON = "comparaison"
    CONDITION = "condition"
    IMPLICATION = "implication"
    MEMBERSHIP = "appartenance"
    CALL = "appel"
    SCALE = "barème"
    CALCULATION = "calcul"
    GROUP = "groupe"
    LOGIC = "logique"
    NOT = "non"
    INDIFFERENCE = "indifférence"

    # Each member is its own only instance and equals nothing else, so identity is a correct
    # hash; `Enum.__hash__` is a Python function, and the readers of a trace test a kind
    # against sets of kinds millions of times per thousand explanations.
    __hash__ = object.__hash__


@attrs.frozen
class Version:
    """The version of a rule or parameter value chosen for the evaluation date, and the
    article it is written under (a reference, resolved to the article's own version in force
    on the evaluation date when explained)."""

    period: nodes.Period | None
    article: str | None


@attrs.frozen(eq=False)
class Step:
    """Static description of a node: what it is, how to say it in French, where it comes from.

    `operator` marks a comparison (its children are the two operands); `alias` is the span of
    an expression fused into this step (a labelled condition line and its comparison);
    `logic` is the connective of a condition node: et, ou, toutes, une or aucune;
    `operation` the operator (`+ − × /`, `-` for a negation) or the function of a calculation,
    so an explanation can write it again with its operands' values; `anniversary` the day a
    yearly parameter value was computed on (`chaque année`); `irrelevant` the missing facts
    a conclusion was decided without, every value of them giving the same result; `note` says
    why a rule or parameter has no version on the evaluation date (article not yet created,
    or abrogated).
    """

    kind: StepKind
    text: str
    span: Span | None = None
    citation: str | None = None
    name: str | None = None
    type: Type | None = None
    version: Version | None = None
    operator: str | None = None
    alias: Span | None = None
    logic: str | None = None
    operation: str | None = None
    anniversary: datetime.date | None = None
    irrelevant: tuple[str, ...] = ()
    note: str | None = None


class Trace:
    __slots__ = ("children", "step", "value")

    def __init__(self, step: Step, value: object, children: tuple[Trace, ...] = ()) -> None:
        self.step = step
        self.value = value
        self.children = children

    def __repr__(self) -> str:
        return f"Trace({self.step.kind.value}: {self.step.text} = {self.value!r})"
