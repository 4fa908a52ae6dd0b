"""Which parts of a rule base the golden cases exercise, read from their evaluation traces.

A target is a rule, a version (of a rule, or a dated parameter value), a case of a rule
(`valeur si …`, `sinon …`), a barème row, a list element, an exception (`sauf …` or a named
`exception`), or a condition (a line of a condition list, an `applicable si`). A rule or a
version is exercised when a case evaluates it; a case, row or element when it gives the
value; an exception when it applies; a condition when the cases have seen it both true and
false. Traces carry static steps whose spans locate the AST node they were compiled from,
which is how a trace is matched to its target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import attrs

from ...dsl import nodes, printer
from ...dsl.errors import Span
from ..compiler.program import Program, RuleSymbol, RuleVersion
from ..domain.outcomes import NA, UNDECIDED
from ..runtime.trace import StepKind, Trace

KINDS = {
    "règle": ("règles", "règle jamais évaluée"),
    "version": ("versions", "version jamais appliquée"),
    "valeur": ("valeurs de paramètre", "valeur de paramètre jamais utilisée"),
    "cas": ("cas", "cas jamais retenu"),
    "ligne": ("lignes de barème", "ligne de barème jamais retenue"),
    "élément": ("éléments de liste", "élément jamais retenu"),
    "exception": ("exceptions", "exception jamais appliquée"),
    "condition": ("conditions", "condition"),
}


@attrs.define(eq=False)
class Target:
    kind: str
    text: str
    span: Span
    parent: Target | None = None
    seen: set[str] = attrs.Factory(set)

    @property
    def covered(self) -> bool:
        if self.kind == "condition":
            return {"vrai", "faux"} <= self.seen
        return bool(self.seen)

    def problem(self) -> str:
        if self.kind != "condition":
            return f"{KINDS[self.kind][1]} : {self.text}"
        if not self.seen:
            what = "jamais évaluée"
        elif not self.seen & {"vrai", "faux"}:
            what = "jamais décidée"
        else:
            what = "jamais fausse" if "vrai" in self.seen else "jamais vraie"
        return f"condition {what} : {self.text}"


class Coverage:
    """The targets of a program, marked as the traces of the cases are recorded."""

    def __init__(self, program: Program) -> None:
        self.targets: list[Target] = []
        self._by_step: dict[tuple[StepKind, Span], Target] = {}
        self._checks: dict[Span, list[Target]] = {}
        self._gates: dict[Span, Target] = {}
        self._cases: dict[Span, list[tuple[nodes.Expr, Target]]] = {}
        for name in sorted(program.rules):
            self._rule(program.rules[name])
        for name in sorted(program.parameters):
            parameter = program.parameters[name]
            for entry in parameter.entries:
                value = entry.value
                text = f"{name} = {printer.expression(value.value)} {printer.period(value.period)}"
                self._add("valeur", text, value, step=StepKind.PARAMETER)

    # ------------------------------------------------------------ targets

    def _add(
        self,
        kind: str,
        text: str,
        node: nodes.Node,
        parent: Target | None = None,
        step: StepKind | None = None,
    ) -> None:
        """A target found in traces by the kind of its step (`step`, else `kind`) and span."""
        if node.span is None:
            return
        target = Target(kind, text, node.span, parent)
        self.targets.append(target)
        self._by_step[(step or StepKind(kind), node.span)] = target

    def _rule(self, symbol: RuleSymbol) -> None:
        first = symbol.versions[0].rule if symbol.versions else None
        if first is None or first.span is None:
            return
        rule = Target("règle", symbol.name, first.span)
        self.targets.append(rule)
        for version in symbol.versions:
            span = version.rule.span
            if span is None:
                continue
            target = rule
            if len(symbol.versions) > 1:
                target = Target("version", f"{symbol.name} {_period(version)}", span, rule)
                self.targets.append(target)
            self._by_step[(StepKind.RULE, span)] = target
            self._body(version.rule, target)
        for derogation in symbol.derogations:
            decl = derogation.decl
            if decl.span is None:
                continue
            text = f"exception {decl.name + ' ' if decl.name else ''}à {symbol.name}"
            exception = Target("exception", text, decl.span, rule)
            self.targets.append(exception)
            self._by_step[(StepKind.DEROGATION, decl.span)] = exception
            for case in decl.cases:
                if len(decl.cases) > 1 and case.span is not None:
                    target = Target("cas", _case_text(case), case.span, exception)
                    self.targets.append(target)
                    self._cases.setdefault(decl.span, []).append((case.condition, target))
                self._conditions(case.condition, exception)

    def _body(self, rule: nodes.Rule, parent: Target) -> None:
        if rule.applicability is not None and rule.span is not None:
            condition = rule.applicability.condition
            text = f"applicable si {_condition_text(condition)}"
            gate = Target("condition", text, rule.applicability.span or rule.span, parent)
            self.targets.append(gate)
            self._gates[rule.span] = gate
            self._conditions(condition, parent)
        for clause in rule.clauses:
            match clause:
                case nodes.Case() | nodes.Unless():
                    kind = "cas" if isinstance(clause, nodes.Case) else "exception"
                    prefix = "" if kind == "cas" else "sauf "
                    self._add(kind, prefix + _case_text(clause), clause, parent)
                    self._conditions(clause.condition, parent)
                case nodes.Default(value=value):
                    self._add(
                        "cas",
                        f"sinon {printer.expression(value)}",
                        clause,
                        parent,
                        StepKind.OTHERWISE,
                    )
                case nodes.Table(rows=rows):
                    for row in rows:
                        text = f"{printer.row_key(row.key)} : {printer.expression(row.value)}"
                        self._add("ligne", text, row, parent)
                case nodes.ListBuild(elements=elements):
                    for element in elements:
                        self._add("élément", printer.expression(element.value), element, parent)

    def _conditions(self, condition: nodes.Expr, parent: Target) -> None:
        if not isinstance(condition, nodes.Group) or condition.span is None:
            return
        checks = []
        for check in condition.items:
            text = check.label or _condition_text(check.expr)
            if check.guard is not None:
                text += f" si {printer.expression(check.guard)}"
            target = Target("condition", f"« {text} »", check.span or condition.span, parent)
            self.targets.append(target)
            checks.append(target)
            self._conditions(check.expr, parent)
        self._checks[condition.span] = checks

    # ------------------------------------------------------------ traces

    def record(self, traces: Iterable[Trace]) -> None:
        """Mark what the traces of one case exercised."""
        seen: set[int] = set()
        stack = list(traces)
        while stack:
            trace = stack.pop()
            if id(trace) in seen:
                continue
            seen.add(id(trace))
            self._mark(trace)
            stack.extend(trace.children)

    def _mark(self, trace: Trace) -> None:
        step = trace.step
        if step.span is None:
            return
        if step.kind is StepKind.GROUP:
            for check, child in zip(self._checks.get(step.span, ()), trace.children, strict=False):
                check.seen.add(_outcome(child.value))
            return
        target = self._by_step.get((step.kind, step.span))
        if target is None or (
            step.kind in {StepKind.RULE, StepKind.PARAMETER} and step.version is None
        ):
            return  # the rule was asked for on a date when no version is in force
        if step.kind is StepKind.RULE:
            target.seen.add("oui")
            if target.parent is not None:
                target.parent.seen.add("oui")
            gate = self._gates.get(step.span)
            if gate is not None and trace.children:
                gate.seen.add(_outcome(trace.children[0].value))
        elif step.kind is StepKind.DEROGATION:
            self._exception(trace, target)
        elif _decided(trace):
            target.seen.add("oui")

    def _exception(self, trace: Trace, target: Target) -> None:
        applied = next((c for c in trace.children if c.value is True), None)
        if applied is None:
            return
        target.seen.add("oui")
        for condition, case in self._cases.get(target.span, ()):
            if _produced(applied, condition):
                case.seen.add("oui")

    # ------------------------------------------------------------ report

    def report(self) -> CoverageReport:
        return CoverageReport(tuple(sorted(self.targets, key=lambda t: _place(t.span))))


@attrs.frozen
class CoverageReport:
    targets: tuple[Target, ...]

    def missed(self) -> Iterator[Target]:
        """The targets no case exercised, except those inside one already reported."""
        for target in self.targets:
            if not target.covered and (target.parent is None or target.parent.covered):
                yield target

    def text(self) -> str:
        """Coverage as text: a total with its share per kind, then per file the missed
        targets with their locations."""
        covered = Counter(t.kind for t in self.targets if t.covered)
        total = Counter(t.kind for t in self.targets)
        lines = [
            f"Couverture : {_ratio(sum(covered.values()), len(self.targets))}",
            "  " + ", ".join(f"{KINDS[k][0]} {covered[k]}/{total[k]}" for k in KINDS if total[k]),
        ]
        missed = list(self.missed())
        for path in dict.fromkeys(t.span.path for t in self.targets):
            mine = [t for t in self.targets if t.span.path == path]
            done = sum(t.covered for t in mine)
            lines.append(f"\n{path} : {_ratio(done, len(mine))}")
            lines.extend(
                f"  {t.span.path}:{t.span.line}: {t.problem()}"
                for t in missed
                if t.span.path == path
            )
        return "\n".join(lines)


def _ratio(done: int, total: int) -> str:
    share = 100 * done / total if total else 100.0
    shown = f"{share:.1f}".replace(".", ",").removesuffix(",0")
    return f"{done} sur {total} ({shown} %)"


def _outcome(value: object) -> str:
    if value is True:
        return "vrai"
    if value is False:
        return "faux"
    return "inconnu"


def _decided(trace: Trace) -> bool:
    """A case, row or element gave the value (not rejected, not undecided)."""
    if trace.step.kind is StepKind.CASE:
        return len(trace.children) == 2  # (condition, value): the case was chosen
    return type(trace.value) not in UNDECIDED and trace.value is not NA


def _produced(trace: Trace, expr: nodes.Expr) -> bool:
    """Whether `trace` is the evaluation of `expr` (a rule read by name has the rule's step)."""
    if trace.step.span == expr.span:
        return True
    return isinstance(expr, nodes.Ref) and trace.step.name == expr.name


def _case_text(case: nodes.Case | nodes.Unless) -> str:
    return f"{printer.expression(case.value)} si {_condition_text(case.condition)}"


def _condition_text(condition: nodes.Expr) -> str:
    if isinstance(condition, nodes.Group):
        return printer.group_head(condition.quantifier)
    return printer.expression(condition)


def _period(version: RuleVersion) -> str:
    return printer.period(version.period) if version.period else "sans période"


def _place(span: Span) -> tuple[str, int, int]:
    return span.path, span.line, span.column
