"""Read a trace back as an explanation: what decided, in which article, with which facts.

The same reading feeds the text tree (`Conclusion.explain()`), the JSON explanation, the
`sources` of a conclusion and the highlighted diagrams. A node's *deciding* children are the
ones that made its value: for a false `toutes ces conditions`, the failed conditions; for an
unknown value, the unknown operands; for a value not covered by the rule base, the operands
not covered and the unknown ones that could still decide it; for a rule, the exception that
applied or its base.
"""

from __future__ import annotations

import datetime
import functools
import textwrap
from typing import Any

from ...dsl import nodes
from ..compiler.program import Program
from ..domain.french import brief as brief
from ..domain.french import coverage_json as coverage_json
from ..domain.french import gap_json as gap_json
from ..domain.french import gap_text as gap_text
from ..domain.french import show as show
from ..domain.french import to_json_value as to_json_value
from ..domain.outcomes import NA, UNDECIDED, Gap, NotCovered, Unknown, status
from ..domain.values import french_date, short_date
from ..runtime.trace import Step, StepKind, Trace
from .calculation import computed, inputs, suffix, written

_NAMED = frozenset({StepKind.RULE, StepKind.PARAMETER, StepKind.FACT})
_INLINE = frozenset({StepKind.VALUE, StepKind.FACT})  # shown inside their parent's line


def deciding(trace: Trace) -> list[Trace]:
    """The children that made `trace.value` what it is."""
    children = trace.children
    if not children:
        return []
    value = trace.value
    if type(value) is Unknown:
        return [c for c in children if type(c.value) is Unknown] or list(children)
    if type(value) is NotCovered:
        return [c for c in children if _could_decide(c.value, value)] or list(children)
    logic = trace.step.logic
    if logic is not None and (value is True or value is False):
        wanted = _DECISIVE.get((logic, value))
        if wanted is not None:
            return [c for c in children if c.value is wanted] or list(children)
    known = [c for c in children if type(c.value) not in UNDECIDED]
    kind = trace.step.kind
    if kind is StepKind.RULE or kind is StepKind.INDIFFERENCE:
        return [c for c in known if not (c.step.kind is StepKind.DEROGATION and c.value is NA)]
    return known


_DECISIVE: dict[tuple[str, bool], bool] = {
    ("aucune", False): True,
    ("une", True): True,
    ("ou", True): True,
    ("et", False): False,
    ("toutes", False): False,
}
"""The child value that decides a connective's value, when one does: a true line makes
`une` true, a false one makes `toutes` false, a true one makes `aucune` false."""


def _could_decide(child: object, value: NotCovered) -> bool:
    """A child of a non-covered node that explains it: not covered itself, or unknown with
    facts that could still decide the node."""
    if type(child) is NotCovered:
        return True
    return type(child) is Unknown and bool(child.missing & value.missing)


def sources(trace: Trace, memo: dict[int, dict[str, None]] | None = None) -> list[str]:
    """Citations of every deciding step, in reading order, without repeats.

    `memo` keeps the sources of rule traces already read: a rule used by several
    conclusions of one result is walked once.
    """
    return list(_sources(trace, {} if memo is None else memo))


def _sources(trace: Trace, memo: dict[int, dict[str, None]]) -> dict[str, None]:
    step = trace.step
    shared = step.kind is StepKind.RULE
    if shared:
        cached = memo.get(id(trace))
        if cached is not None:
            return cached
    found: dict[str, None] = {}
    if step.citation:
        found[step.citation] = None
    for child in deciding(trace):
        if child.children:
            found.update(_sources(child, memo))
        elif child.step.citation:
            found[child.step.citation] = None
    if shared:
        memo[id(trace)] = found
    return found


def missing(trace: Trace) -> list[str]:
    """The facts that could still decide an unknown or non-covered value."""
    value = trace.value
    if type(value) is Unknown or type(value) is NotCovered:
        return sorted(value.missing)
    return []


def gaps(trace: Trace) -> list[Gap]:
    """What the rule base does not cover for a non-covered value, earliest end first."""
    value = trace.value
    return value.ordered() if type(value) is NotCovered else []


def questions(trace: Trace) -> dict[str, str | None]:
    """The missing facts in the order the explanation reads them: the order to ask them in.
    For a non-covered value, only the facts that could still decide it despite the gap.
    Each comes with the citation of the nearest cited step that reads it (the article its
    answer serves: `CSS R.162-64 1°` for `age` under Mon soutien psy), or None."""
    wanted = set(missing(trace))
    found: dict[str, str | None] = {}
    stack: list[tuple[Trace, str | None]] = [(trace, trace.step.citation)]
    seen: set[int] = set()
    while stack:
        node, cited = stack.pop()
        if id(node) in seen or type(node.value) not in UNDECIDED:
            continue
        seen.add(id(node))
        if node.step.kind is StepKind.FACT and node.step.name in wanted:
            found.setdefault(node.step.name, cited)
        stack.extend(
            (child, (child.step.kind is not StepKind.FACT and child.step.citation) or cited)
            for child in reversed(deciding(node))
        )
    return found


# ---------------------------------------------------------------- JSON


def to_json(
    trace: Trace, program: Program, day: datetime.date, articles: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The explanation tree as plain JSON data (stable keys, for snapshots and services).

    Nodes name their article by reference; `articles` collects each article's text once.
    """
    if articles is None:
        articles = {}
    step = trace.step
    node: dict[str, Any] = {
        "kind": step.kind.value,
        "text": step.text,
        "value": to_json_value(trace.value, step.type),
        "status": status(trace.value),
    }
    if step.name:
        node["name"] = step.name
    if type(trace.value) in UNDECIDED:
        node["missing"] = missing(trace)
    if type(trace.value) is NotCovered:
        node["lacunes"] = [gap_json(g) for g in gaps(trace)]
    if step.note:
        node["reason"] = step.note
    if step.citation:
        node["source"] = step.citation
    article = _article(step, program, day)
    if article is not None:
        node["article"] = article.reference
        articles.setdefault(article.reference, _article_json(article))
    if step.version is not None and step.version.period is not None:
        node["in_force"] = _period_json(step.version.period)
    if step.span is not None:
        node["location"] = f"{step.span.path}:{step.span.line}:{step.span.column}"
    if step.anniversary is not None:
        node["revalued_on"] = step.anniversary.isoformat()
    if step.irrelevant:
        node["facts_without_effect"] = list(step.irrelevant)
    calculation = written(trace) if computed(trace) is trace else None
    if calculation is not None:
        node["calculation"] = calculation
    kids = deciding(trace)
    if kids:
        node["children"] = [to_json(child, program, day, articles) for child in kids]
    return node


def _article(step: Step, program: Program, day: datetime.date) -> nodes.Article | None:
    """The article text behind a step, in its version in force on `day`."""
    if step.version is not None and step.version.article is not None:
        return program.article(step.version.article, day)
    if step.citation and step.kind is not StepKind.FACT:
        return program.article(step.citation, day)
    return None


def _article_json(article: nodes.Article) -> dict[str, Any]:
    data: dict[str, Any] = {"text": " ".join(article.lines)}
    if article.period is not None:
        data["in_force"] = _period_json(article.period)
    if article.amendment:
        data["amended_by"] = article.amendment
    if article.event is not None:
        data["event"] = article.event.value
    return data


def _period_json(period: nodes.Period) -> dict[str, str | None]:
    return {
        "from": period.start.isoformat() if period.start else None,
        "to": period.end.isoformat() if period.end else None,
    }


# ---------------------------------------------------------------- text


def explain(trace: Trace, program: Program, day: datetime.date) -> str:
    """The explanation tree in French, deciding reasons first, each line with its source."""
    return "\n".join(_Writer(program, day).conclusion(trace))


class _Writer:
    def __init__(self, program: Program, day: datetime.date) -> None:
        self.program = program
        self.day = day
        self.quoted: set[str] = set()
        self.expanded: set[int] = set()
        self.lines: list[str] = []

    def conclusion(self, trace: Trace) -> list[str]:
        step = trace.step
        self.lines.append(f"{step.name or step.text} = {value_text(trace, top=True)}")
        if step.note:
            self.lines.append(f"  {step.note}")
        self._source_block(trace, "  ")
        self.expanded.add(id(trace))
        self._children(trace, "  ")
        return self.lines

    def _source_block(self, trace: Trace, indent: str) -> None:
        """The article behind a step, quoted once per explanation; else its own period."""
        step = trace.step
        article = _article(step, self.program, self.day)
        if article is not None and article.reference not in self.quoted:
            self.quoted.add(article.reference)
            if step.version is not None:
                self.lines.append(indent + "texte en vigueur : " + article_text(article))
            self.lines.extend(_quote(article, indent + "  "))
        elif step.version is not None and step.version.period is not None:
            self.lines.append(indent + "en vigueur " + period_text(step.version.period))

    def _children(self, trace: Trace, indent: str) -> None:
        kids, others = shown_children(trace)
        for child in kids:
            self._node(child, indent)
        if others:
            unknown = type(trace.value) in UNDECIDED
            self.lines.append(
                indent + ("déjà établi :" if unknown else "sans effet sur le résultat :")
            )
            for child in others:
                self._line(child, indent + "  ")

    def _node(self, trace: Trace, indent: str) -> None:
        self._line(trace, indent)
        if id(trace) in self.expanded:
            return
        self.expanded.add(id(trace))
        if trace.step.citation or trace.step.version:
            self._source_block(trace, indent + "    ")
        facts = shown_facts(trace)
        if facts:
            self.lines.append(indent + "    " + " · ".join(facts))
        self._children(trace, indent + "  ")

    def _line(self, trace: Trace, indent: str) -> None:
        step = trace.step
        text = line_text(trace)
        if id(trace) in self.expanded and step.kind is StepKind.RULE:
            text += " (voir plus haut)"
        line = f"{indent}{mark(trace)} {text}"
        if step.citation:
            line = f"{line:<72} {step.citation}" if len(line) < 72 else f"{line}   {step.citation}"
        self.lines.append(line)
        if step.kind is StepKind.IMPLICATION and len(trace.children) == 1:
            self.expanded.add(id(trace))


def mark(trace: Trace) -> str:
    """✓ ✗ for a condition, ? unknown, – not applicable, • a value; a rejected exception ✗."""
    if trace.step.kind is StepKind.DEROGATION and trace.value is NA:
        return "✗"
    if isinstance(trace.value, bool):
        return "✓" if trace.value else "✗"
    if type(trace.value) is Unknown:
        return "?"
    if type(trace.value) is NotCovered:
        return "⊘"
    if trace.value is NA:
        return "–"
    return "•"


def value_text(trace: Trace, *, top: bool = False) -> str:
    """The value of a node as an explanation line shows it, with the facts still missing
    (unknown) or those that could still decide it (not covered). The gap itself is told at
    the top and on the rule or parameter that has no version; between them, « non couvert »."""
    value = trace.value
    whole = top or not trace.children
    shown = show(value, trace.step.type) if whole else brief(value, trace.step.type)
    if type(value) is Unknown:
        shown += " — il manque : " + ", ".join(missing(trace))
    elif type(value) is NotCovered and value.missing:
        shown += " — pourrait être décidé par : " + ", ".join(missing(trace))
    return shown


def line_text(trace: Trace) -> str:
    """The text of one explanation line (text and HTML): what the node is, its value, the
    values a comparison compared or the calculation a value came from."""
    step = trace.step
    text = step.text
    if step.kind is StepKind.DEROGATION and trace.value is NA:
        return f"{text} — ne s'applique pas"
    if step.kind is StepKind.IMPLICATION and len(trace.children) == 1:
        return f"{text} — sans objet, car « {trace.children[0].step.text} » est faux"
    if step.kind in _NAMED or not (
        isinstance(trace.value, bool) or step.kind is StepKind.INDIFFERENCE
    ):
        text = f"{text} = {value_text(trace)}"
    if step.note:
        text += f" — {step.note}"
    compared = operands(trace)
    if compared:
        text += f"  ({compared})"
    formula = computed(trace)
    if formula is not None:
        text += suffix(trace, formula)
    elif step.anniversary is not None:
        text += f" — revalorisé le {short_date(step.anniversary)}"
    return text


def shown_children(trace: Trace) -> tuple[list[Trace], list[Trace]]:
    """The lines beneath a line: those that decided its value, and the others (« sans effet
    sur le résultat »). Beneath a calculation, the parameters and rules it read."""
    formula = computed(trace)
    if formula is not None:
        return [i for i in inputs(formula) if i.step.kind is not StepKind.FACT], []
    kids = visible(deciding(trace))
    others = [c for c in visible(list(trace.children)) if all(c is not k for k in kids)]
    return kids, others


def visible(traces: list[Trace]) -> list[Trace]:
    """Constants and bare facts are shown inside their parent's line, not as lines; the case
    a rule took (`vrai si …`, `sinon faux`) is shown through its conditions. A cited value
    (`= … selon "…"`) that computes something is a line: it carries the citation."""
    shown: list[Trace] = []
    for trace in traces:
        kind = trace.step.kind
        if (kind is StepKind.CASE or kind is StepKind.OTHERWISE) and not trace.step.citation:
            shown.extend(visible(list(trace.children)))
        elif kind not in _INLINE or _cited_calculation(trace):
            shown.append(trace)
    return shown


def _cited_calculation(trace: Trace) -> bool:
    return (
        trace.step.kind is StepKind.VALUE
        and bool(trace.step.citation)
        and computed(trace) is not None
    )


def shown_facts(trace: Trace) -> list[str]:
    """`age = 34`: the known facts a line read directly (or through its calculation)."""
    if trace.step.operator is not None:
        return []
    formula = computed(trace)
    read = inputs(formula) if formula is not None else trace.children
    return [
        f"{c.step.name} = {show(c.value, c.step.type)}"
        for c in read
        if c.step.kind is StepKind.FACT and type(c.value) not in UNDECIDED
    ]


def operands(trace: Trace) -> str:
    """`34 ≥ 3` beside a comparison: the values it actually compared."""
    op = trace.step.operator
    if op is None or len(trace.children) != 2:
        return ""
    left, right = trace.children
    if left.step.kind is StepKind.VALUE and right.step.kind is StepKind.VALUE:
        return ""
    return f"{brief(left.value, left.step.type)} {op} {brief(right.value, right.step.type)}"


def article_text(article: nodes.Article) -> str:
    """`CSS R.162-65, depuis le 16/05/2025 (décret n° 2025-424)`: an article version."""
    text = article.reference
    if article.period is not None:
        text += f", {period_text(article.period)}"
    if article.amendment:
        text += f" ({article.amendment})"
    return text


def period_text(period: nodes.Period | None) -> str:
    """`du 19/02/2022 au 15/05/2025`, `depuis le 16/05/2025`, `jusqu'au …`."""
    if period is None or (period.start is None and period.end is None):
        return "sans limite de date"
    if period.start and period.end:
        return f"du {short_date(period.start)} au {short_date(period.end)}"
    if period.start:
        return f"depuis le {short_date(period.start)}"
    assert period.end is not None
    return f"jusqu'au {short_date(period.end)}"


def _quote(article: nodes.Article, indent: str) -> list[str]:
    """The article's quoted lines in full: the analyst already cut them to what matters."""
    return list(_wrapped(tuple(article.lines), indent))


@functools.lru_cache(maxsize=1024)
def _wrapped(lines: tuple[str, ...], indent: str) -> tuple[str, ...]:
    """Wrapping a quotation was half the time of an explanation; the texts are few and fixed,
    so each is wrapped once per indent."""
    text = " ".join(line.strip() for line in lines)
    if not text:
        return ()
    return tuple(indent + line for line in textwrap.wrap(f"« {text} »", width=88 - len(indent)))


def heading(day: datetime.date) -> str:
    return f"Droit applicable au {french_date(day)}"
