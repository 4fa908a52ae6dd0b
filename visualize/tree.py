"""The decision tree of one conclusion at one date, read from the AST of the versions in force.

Each condition line becomes a node with its plain-French label and its citation; exceptions
hang off their rule with their rank; the rules a conclusion reads are drawn beneath it (each
once), so the whole path from facts to conclusion shows, grouped by the article it encodes.
Nodes remember the span of the AST node they stand for: an overlay matches them to a trace.
"""

from __future__ import annotations

import datetime

import attrs

from ..dsl import nodes, printer
from ..dsl.errors import Diagnostic, Span, UsageError
from ..engine.compiler import timeline
from ..engine.compiler.program import DerogationDef, Program, RuleSymbol, RuleVersion
from ..engine.domain.values import french_date, short_date
from ..engine.explain.calculation import computed, suffix
from ..engine.explain.explanation import show
from ..engine.runtime.evaluator import Evaluator
from ..engine.runtime.trace import Trace
from . import labels, links, phrases
from .model import Cluster, Diagram, Node


@attrs.frozen
class Scope:
    """Where nodes are being drawn: the rule they belong to, its article cluster and depth."""

    rule: str
    cluster: str | None
    tooltip: str
    level: int


def decision_tree(
    program: Program,
    name: str,
    day: datetime.date,
    *,
    depth: int | None = None,
    prefix: str = "",
    evaluator: Evaluator | None = None,
) -> Diagram:
    """The tree of `name` as the law stands on `day`; `depth` limits how many levels of the
    rules it reads are drawn in full (None: all), `prefix` leads links to the site root.
    Values that only the date decides (parameters, calculations on them) are shown, computed
    by `evaluator` (one is made when none is given)."""
    symbol = program.rules.get(name)
    if symbol is None:
        raise UsageError([Diagnostic("U001", f"règle inconnue « {name} »")])
    if symbol.version_at(day) is None:
        periods = ", ".join(labels.period(v.period) for v in symbol.versions)
        raise UsageError(
            [
                Diagnostic(
                    "U007",
                    f"aucune version de « {name} » n'est en vigueur le {short_date(day)}",
                    None,
                    f"{absence(program, name, day)} ; versions : {periods}",
                )
            ]
        )
    shown = symbol.label_at(day) or name
    title = f"{shown} — droit applicable au {french_date(day)}"
    evaluator = evaluator or Evaluator(program)
    builder = _Builder(program, day, depth, prefix, Diagram(name, title), evaluator)
    builder.rule(name, 0)
    return builder.diagram


def absence(program: Program, name: str, day: datetime.date) -> str:
    """Why a rule or parameter has no version on `day`: the rule base does not cover it
    (and where it stops), or the law does not apply (article not yet created, abrogated)."""
    return timeline.describe(program, name, day) or f"en vigueur le {short_date(day)}"


def rank(derogation: DerogationDef, others: list[DerogationDef]) -> int:
    """1 for an exception that overrides only the base rule, one more per `prime sur` level."""
    by_key = {d.key: d for d in others}
    below = [by_key[k] for k in derogation.overrides if k in by_key]
    return 1 + max((rank(d, others) for d in below), default=0)


class _Builder:
    def __init__(
        self,
        program: Program,
        day: datetime.date,
        depth: int | None,
        prefix: str,
        diagram: Diagram,
        evaluator: Evaluator,
    ) -> None:
        self.program = program
        self.day = day
        self.depth = depth
        self.prefix = prefix
        self.diagram = diagram
        self.drawn: dict[str, Node] = {}
        self.evaluator = evaluator

    # ------------------------------------------------------------ rules

    def rule(self, name: str, level: int) -> Node:
        if name in self.drawn:
            return self.drawn[name]
        symbol = self.program.rules[name]
        version = symbol.version_at(self.day)
        url = links.url("règle", name, self.prefix)
        title = symbol.label_at(self.day) or name
        if version is None:
            absent = absence(self.program, name, self.day)
            node = self.diagram.add(
                "renvoi",
                title,
                code=name,
                details=[absent],
                tooltip=f"{title} : {absent}",
                url=url,
                key=symbol.span,
            )
            self.drawn[name] = node
            return node
        article = self._article_of(version)
        cluster = self._cluster(article)
        tooltip = labels.quoted(article) or f"{title} ({name})"
        expand = self.depth is None or level <= self.depth
        kind = ("conclusion" if symbol.public else "règle") if expand else "renvoi"
        details = [f"type : {symbol.type}"]
        details.append(f"version en vigueur : {labels.period(version.period)}")
        node = self.diagram.add(
            kind,
            title,
            code=name,
            details=details,
            citation=phrases.source(version),
            tooltip=tooltip,
            url=url,
            cluster=cluster,
            key=version.rule.span,
        )
        self.drawn[name] = node
        if expand:
            scope = Scope(name, cluster, tooltip, level)
            self._body(node, symbol, version, scope)
        return node

    def _article_of(self, version: RuleVersion) -> nodes.Article | None:
        if version.origin.article is not None:
            return self.program.article(version.origin.article.reference, self.day)
        citation = version.rule.citation
        return self.program.article(citation.text, self.day) if citation else None

    def _cluster(self, article: nodes.Article | None) -> str | None:
        if article is None:
            return None
        key = labels.article_heading(article)
        if key not in self.diagram.clusters:
            self.diagram.clusters[key] = Cluster(key, "§ " + key, labels.quoted(article))
        return key

    def _body(self, node: Node, symbol: RuleSymbol, version: RuleVersion, scope: Scope) -> None:
        rule = version.rule
        if rule.applicability is not None:
            span = self._span(rule.applicability.condition)
            gate = self._add(scope, "cas", "applicable si", key=span, gate=span)
            self.diagram.link(node, gate)
            self.condition(gate, rule.applicability.condition, scope)
        self._exceptions(node, symbol, version, scope)
        clauses = [c for c in rule.clauses if not isinstance(c, nodes.Unless)]
        first = clauses[0]
        if isinstance(first, nodes.Value):
            self._value(node, first, scope)
        elif isinstance(first, nodes.Table):
            self._table(node, first, scope)
        elif isinstance(first, nodes.ListBuild):
            self._list(node, first, scope)
        elif phrases.foldable(clauses):
            case = clauses[0]
            assert isinstance(case, nodes.Case) and isinstance(case.condition, nodes.Group)
            node.details.append(f"{phrases.text(case.value)} si {phrases.text(case.condition)} :")
            node.details.extend(
                f"sinon {phrases.text(c.value)}"
                for c in clauses[1:]
                if isinstance(c, nodes.Default)
            )
            self.condition(node, case.condition, scope, inline=True)
        else:
            for clause in clauses:
                if isinstance(clause, nodes.Case):
                    self._case(node, clause, scope)
                elif isinstance(clause, nodes.Default):
                    self._default(node, clause, scope)

    # ------------------------------------------------------------ rule bodies

    def _value(self, parent: Node, clause: nodes.Value, scope: Scope) -> None:
        expr = clause.value
        if isinstance(expr, nodes.Ref) and expr.kind != "valeur" and clause.citation is None:
            self.diagram.link(parent, self.ref(expr, scope), "=")
            return
        key = clause.span if clause.citation else expr.span
        details = []
        if all(ref.kind == "paramètre" for ref in phrases.references(expr)):
            details = self._value_at(self.evaluator.constant(expr, self.day))
        node = self._add(
            scope,
            "expression",
            "= " + phrases.text(expr),
            key=key,
            citation=phrases.cite(clause),
            details=details,
        )
        self.diagram.link(parent, node)
        self.refs(node, expr, scope)

    def _case(self, parent: Node, case: nodes.Case, scope: Scope) -> None:
        title = f"{phrases.text(case.value)} si{phrases.condition_head(case.condition)}"
        node = self._add(
            scope,
            "cas",
            title,
            key=case.span,
            gate=self._span(case.condition),
            citation=phrases.cite(case),
        )
        self.diagram.link(parent, node)
        self.refs(node, case.value, scope)
        self.condition(node, case.condition, scope, inline=True)

    def _default(self, parent: Node, default: nodes.Default, scope: Scope) -> None:
        node = self._add(
            scope,
            "sinon",
            f"sinon {phrases.text(default.value)}",
            key=default.span,
            citation=phrases.cite(default),
        )
        self.diagram.link(parent, node)
        self.refs(node, default.value, scope)

    def _table(self, parent: Node, table: nodes.Table, scope: Scope) -> None:
        node = self._add(
            scope, "expression", f"barème suivant {phrases.text(table.key)}", key=table.span
        )
        self.diagram.link(parent, node)
        self.refs(node, table.key, scope)
        for row in table.rows:
            line = self._add(
                scope,
                "ligne",
                f"{printer.row_key(row.key, pretty=True)} : {phrases.text(row.value)}",
                key=row.span,
            )
            line.citation = phrases.cite(row)
            self.diagram.link(node, line)
            self.refs(line, row.value, scope)

    def _list(self, parent: Node, build: nodes.ListBuild, scope: Scope) -> None:
        node = self._add(scope, "expression", "liste", key=build.span)
        self.diagram.link(parent, node)
        for element in build.elements:
            title = phrases.text(element.value)
            if element.condition is not None:
                title += f" si {phrases.text(element.condition)}"
            item = self._add(
                scope, "élément", title, key=element.span, citation=phrases.cite(element)
            )
            self.diagram.link(node, item)
            self.refs(item, element.value, scope)
            if element.condition is not None:
                self.condition(item, element.condition, scope)

    def _exceptions(
        self, parent: Node, symbol: RuleSymbol, version: RuleVersion, scope: Scope
    ) -> None:
        for clause in version.rule.clauses:
            if isinstance(clause, nodes.Unless):
                head = phrases.condition_head(clause.condition)
                title = f"sauf {phrases.text(clause.value)} si{head}"
                node = self._add(
                    scope,
                    "exception",
                    title,
                    key=clause.span,
                    details=["exception, rang 1"],
                    citation=phrases.cite(clause) or phrases.source(version),
                )
                self.diagram.link(parent, node, "sauf", "dashed")
                self.condition(node, clause.condition, scope, inline=True)
        in_force_now = symbol.derogations_at(self.day)
        for derogation in in_force_now:
            self._derogation(parent, derogation, rank(derogation, in_force_now), scope)

    def _derogation(
        self, parent: Node, derogation: DerogationDef, level: int, scope: Scope
    ) -> None:
        decl = derogation.decl
        article = derogation.origin.article
        if article is not None:
            article = self.program.article(article.reference, self.day) or article
        elif decl.citation is not None:
            article = self.program.article(decl.citation.text, self.day)
        detail = f"exception, rang {level}"
        if decl.prevails_over:
            detail += " — prime sur " + ", ".join(f"« {n} »" for n in decl.prevails_over)
        title = decl.label or (f"exception « {decl.name} »" if decl.name else "exception")
        inner = Scope(scope.rule, self._cluster(article), labels.quoted(article), scope.level)
        node = self._add(
            inner,
            "exception",
            title,
            key=decl.span,
            code=decl.name,
            details=[detail],
            citation=decl.citation.text
            if decl.citation
            else (article.reference if article else None),
        )
        self.diagram.link(parent, node, "sauf", "dashed")
        for case in decl.cases:
            title = f"{phrases.text(case.value)} si{phrases.condition_head(case.condition)}"
            gate = self._span(case.condition)
            branch = self._add(inner, "cas", title, key=case.span, gate=gate)
            self.diagram.link(node, branch)
            self.refs(branch, case.value, inner)
            self.condition(branch, case.condition, inner, inline=True)

    # ------------------------------------------------------------ conditions

    def condition(self, parent: Node, expr: nodes.Expr, scope: Scope, inline: bool = False) -> None:
        """Draw a condition under `parent`; `inline` when the parent already says its head
        (`vrai si toutes ces conditions`), so a group's lines hang off the parent directly."""
        match expr:
            case nodes.Group(items=items) if inline:
                for check in items:
                    self.check(parent, check, scope)
            case nodes.Group(quantifier=quantifier, items=items):
                node = self._add(scope, "groupe", phrases.QUANTIFIERS[quantifier], key=expr.span)
                self.diagram.link(parent, node)
                for check in items:
                    self.check(node, check, scope)
            case nodes.Logical(op=op):
                code = phrases.text(expr) if phrases.text(expr) != parent.code else None
                node = self._add(
                    scope, "logique", phrases.CONNECTIVES[op], key=expr.span, code=code
                )
                self.diagram.link(parent, node, op)
                for operand in phrases.operands(expr, op):
                    self.condition(node, operand, scope)
            case nodes.Not(operand=operand):
                node = self._add(scope, "logique", "non", key=expr.span, code=phrases.text(expr))
                self.diagram.link(parent, node)
                self.condition(node, operand, scope)
            case nodes.Ref(kind=kind) if kind != "valeur":
                self.diagram.link(parent, self.ref(expr, scope))
            case _:
                node = self._add(scope, "expression", phrases.text(expr), key=expr.span)
                self.diagram.link(parent, node)
                self.refs(node, expr, scope)

    def check(self, parent: Node, check: nodes.Check, scope: Scope) -> None:
        if check.label is None and check.guard is None and check.citation is None:
            self.condition(parent, check.expr, scope)
            return
        citation = check.citation.text if check.citation else None
        article = self.program.article(citation, self.day) if citation else None
        atomic = phrases.atomic(check.expr)
        node = self._add(
            scope,
            "condition",
            check.label or phrases.text(check.expr),
            key=check.span,
            code=phrases.text(check.expr) if check.label or atomic else None,
            citation=citation,
            tooltip=labels.quoted(article) or phrases.unquoted(citation) or scope.tooltip,
        )
        if atomic:
            node.operands = check.expr.span
        self.diagram.link(parent, node)
        if check.guard is not None:
            self._guard(node, check.guard, scope)
        if atomic:
            self.refs(node, check.expr, scope)
        else:
            self.condition(node, check.expr, scope)

    def _guard(self, parent: Node, guard: nodes.Expr, scope: Scope) -> None:
        """`- A si B`: B is drawn as the condition under which the line is checked."""
        if not phrases.atomic(guard):
            span = self._span(guard)
            node = self._add(scope, "cas", "si", key=span, gate=span)
            self.diagram.link(parent, node, "garde")
            self.condition(node, guard, scope)
            return
        node = self._add(scope, "expression", f"si {phrases.text(guard)}", key=guard.span)
        node.operands = guard.span
        self.diagram.link(parent, node, "garde")
        self.refs(node, guard, scope)

    # ------------------------------------------------------------ references

    def refs(self, parent: Node, expr: nodes.Expr, scope: Scope) -> None:
        """One node per fact, parameter or rule that `expr` reads, in reading order."""
        seen: set[str] = set()
        for ref in phrases.references(expr):
            if ref.name not in seen:
                seen.add(ref.name)
                self.diagram.link(parent, self.ref(ref, scope))

    def ref(self, ref: nodes.Ref, scope: Scope) -> Node:
        if ref.kind == "règle":
            return self.rule(ref.name, scope.level + 1)
        if ref.kind == "paramètre":
            return self.parameter(ref.name)
        fact = self.program.facts[ref.name]
        tooltip = fact.decl.question or fact.decl.label or ref.name
        if fact.decl.description:
            tooltip += "\n" + fact.decl.description
        return self.diagram.add(
            "donnée",
            fact.decl.label or ref.name,
            code=ref.name,
            tooltip=tooltip,
            url=links.url("donnée", ref.name, self.prefix),
            cluster=scope.cluster,
            key=ref.span,
        )

    def parameter(self, name: str) -> Node:
        key = "paramètre:" + name
        if key in self.drawn:
            return self.drawn[key]
        symbol = self.program.parameters[name]
        entry = symbol.entry_at(self.day)
        title = symbol.decl.label or name
        details = [absence(self.program, name, self.day)]
        citation, article, span = None, None, symbol.span
        if entry is not None:
            value = entry.value
            period = labels.period(value.period)
            details = [f"= {phrases.text(value.value)}, {period}"]
            if value.yearly:
                details = [f"= {phrases.text(value.value)}", f"chaque année, {period}"]
            details += self._value_at(self.evaluator.law(self.day).parameter(name))
            citation = value.citation.text if value.citation else None
            article = entry.origin.article
            if citation is not None:
                article = self.program.article(citation, self.day) or article
            span = value.span
        node = self.diagram.add(
            "paramètre",
            title,
            code=name,
            details=details,
            citation=citation or (article.reference if article else None),
            tooltip=labels.quoted(article) or phrases.unquoted(citation) or title,
            url=links.url("paramètre", name, self.prefix),
            cluster=self._cluster(article),
            key=span,
        )
        self.drawn[key] = node
        if entry is not None:
            for ref in phrases.references(entry.value.value):
                self.diagram.link(node, self.parameter(ref.name))
        return node

    def _value_at(self, trace: Trace) -> list[str]:
        """`au 01/06/2027 : 10 422,00 € — revalorisé le 01/04/2027 : …`: the value of a
        calculation that reads only parameters, which the date alone decides."""
        formula = computed(trace)
        if formula is None:
            return []
        return [
            f"au {short_date(self.day)} : {show(trace.value, trace.step.type)}"
            + suffix(trace, formula)
        ]

    def _span(self, expr: nodes.Expr) -> Span | None:
        """The span of the trace step `expr` yields: a rule or parameter read by name is
        traced at its own declaration, in the version in force."""
        if isinstance(expr, nodes.Ref) and expr.kind == "règle":
            version = self.program.rules[expr.name].version_at(self.day)
            return version.rule.span if version else None
        if isinstance(expr, nodes.Ref) and expr.kind == "paramètre":
            entries = self.program.parameters[expr.name].entries
            entry = next((e for e in entries if e.in_force(self.day)), None)
            return entry.value.span if entry else None
        return expr.span

    def _add(
        self,
        scope: Scope,
        kind: str,
        title: str,
        *,
        key: Span | None,
        gate: Span | None = None,
        code: str | None = None,
        details: list[str] | None = None,
        citation: str | None = None,
        tooltip: str | None = None,
    ) -> Node:
        return self.diagram.add(
            kind,
            title,
            code=code,
            details=details or [],
            citation=citation,
            tooltip=tooltip or scope.tooltip,
            url=links.url("règle", scope.rule, self.prefix),
            cluster=scope.cluster,
            key=key,
            gate=gate,
        )
