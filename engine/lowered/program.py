"""The lowered program: from a checked `Program` and a day, the law in force that day.

    lowered = lower(program, day)        # or lowering(program).at(day)
    lowered.rule("css.droit")            # Rule (version + exceptions in force) or Absent
    lowered.parameter("css.plafond")     # Parameter, Revaluation or Absent
    lowered.fact("age")                  # Fact: its type and declared bounds
    lowered.reads("css.droit")           # the names its definition reads that day

Versions, exceptions and parameter values are lowered once per program (`Lowering`, shared
by every day and every back end); a `Lowered` only chooses among them for its day, on first
use of each name, so a back end that reads a few rules pays for those only.
"""

from __future__ import annotations

import datetime
import weakref

from ...dsl import nodes, printer
from ..compiler import timeline
from ..compiler.program import DerogationDef, Origin, ParameterSymbol, Program, RuleSymbol
from ..domain.outcomes import NotCovered
from ..domain.types import Type
from ..domain.values import short_date
from . import declarations as decl
from . import nodes as low
from .expressions import ExpressionLowering, constant_value, shown
from .walk import reads


def source(citation: nodes.Citation | None, origin: Origin) -> str | None:
    """The source a declaration cites: its own `selon`, else its section's reference."""
    if citation is not None:
        return citation.text
    return origin.article.reference if origin.article else None


def section(citation: nodes.Citation | None, origin: Origin) -> str | None:
    """The article a declaration speaks for: its section, unless it cites its own source."""
    return origin.article.reference if origin.article and citation is None else None


def years_since(start: datetime.date, day: datetime.date) -> int:
    """The index k of the latest anniversary `start` + k years on or before `day`."""
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def anniversary(start: datetime.date, years: int) -> datetime.date | None:
    """`start` plus `years` years; None past the last representable year. The checker
    refuses a 29 February start (E411), so every year has the day."""
    year = start.year + years
    return start.replace(year=year) if year <= datetime.MAXYEAR else None


class Lowering:
    """The lowered declarations of one program, each lowered on first use and kept."""

    def __init__(self, program: Program) -> None:
        self._program = weakref.ref(program)
        self.expressions = ExpressionLowering(program)
        self._versions: dict[tuple[str, int], decl.Version] = {}
        self._derogations: dict[tuple[str, int], decl.Derogation] = {}
        self._entries: dict[tuple[str, int], decl.Parameter | decl.Yearly] = {}
        self._facts: dict[str, decl.Fact] = {}

    @property
    def program(self) -> Program:
        """Held weakly: the table of lowerings must not keep every program ever loaded alive
        (a long-lived process loads thousands)."""
        program = self._program()
        if program is None:
            raise ReferenceError("the program of this lowering is gone")
        return program

    def at(self, day: datetime.date) -> Lowered:
        return Lowered(self, day)

    def expression(self, expr: nodes.Expr) -> low.Expr:
        """An expression outside any declaration (one the documentation shows)."""
        return self.expressions.expr(expr)

    def fact(self, name: str) -> decl.Fact:
        """A fact's declaration, the same every day."""
        found = self._facts.get(name)
        if found is None:
            symbol = self.program.facts[name]
            bounds = symbol.decl.bounds
            low = constant_value(bounds.low) if bounds is not None else None
            high = constant_value(bounds.high) if bounds is not None else None
            text = symbol.decl.label or name
            found = self._facts[name] = decl.Fact(name, symbol.type, low, high, text, symbol.span)
        return found

    # ------------------------------------------------------------ rules

    def version(self, name: str, index: int) -> decl.Version:
        found = self._versions.get((name, index))
        if found is None:
            found = self._versions[(name, index)] = self._version(name, index)
        return found

    def _version(self, name: str, index: int) -> decl.Version:
        symbol = self.program.rules[name]
        version = symbol.versions[index]
        rule, origin = version.rule, version.origin
        lower = self.expressions
        applicability = None
        if rule.applicability is not None:
            applicability = lower.expr(rule.applicability.condition)
        unless = tuple(
            self._unless(clause, origin, symbol.type)
            for clause in rule.clauses
            if isinstance(clause, nodes.Unless)
        )
        return decl.Version(
            name,
            index,
            symbol.type,
            symbol.public,
            applicability,
            self._body(rule, symbol.type),
            unless,
            symbol.label_of(version),
            source(rule.citation, origin),
            version.period,
            section(rule.citation, origin),
            rule.span,
        )

    def derogation(self, name: str, index: int) -> decl.Derogation:
        found = self._derogations.get((name, index))
        if found is None:
            symbol = self.program.rules[name]
            found = self._derogation(symbol.derogations[index], symbol.type)
            self._derogations[(name, index)] = found
        return found

    def _derogation(self, derogation: DerogationDef, type_: Type) -> decl.Derogation:
        declared = derogation.decl
        text = declared.label or (
            f"exception « {declared.name} »" if declared.name else "exception"
        )
        return decl.Derogation(
            derogation.key,
            derogation.overrides,
            tuple(self._case(case) for case in declared.cases),
            False,
            type_,
            text,
            source(declared.citation, derogation.origin),
            declared.span,
        )

    def _unless(self, clause: nodes.Unless, origin: Origin, type_: Type) -> decl.Derogation:
        case = self._case(clause)
        span = clause.span
        return decl.Derogation(
            f"{span.path}:{span.line}" if span else "sauf",
            frozenset(),
            (case,),
            True,
            type_,
            f"sauf {case.text}",
            source(clause.citation, origin),
            span,
        )

    def _case(self, clause: nodes.Case | nodes.Unless) -> low.Case:
        condition = clause.condition
        head = (
            printer.group_head(condition.quantifier)
            if isinstance(condition, nodes.Group)
            else shown(condition)
        )
        return low.Case(
            self.expressions.expr(condition),
            self.expressions.expr(clause.value),
            f"{shown(clause.value)} si {head}",
            clause.citation.text if clause.citation else None,
            clause.span,
        )

    # ------------------------------------------------------------ bodies

    def _body(self, rule: nodes.Rule, type_: Type) -> low.Body:
        clauses = [c for c in rule.clauses if not isinstance(c, nodes.Unless)]
        first = clauses[0]
        if isinstance(first, nodes.Value):
            return self._formula(first)
        if isinstance(first, nodes.Table):
            return self._table(first)
        if isinstance(first, nodes.ListBuild):
            return self._list(first)
        cases = tuple(self._case(c) for c in clauses if isinstance(c, nodes.Case))
        default = next((c for c in clauses if isinstance(c, nodes.Default)), None)
        if default is None:
            otherwise = low.Otherwise(None, "aucun cas ne s'applique", rule.span)
        else:
            text = f"sinon {shown(default.value)}"
            otherwise = low.Otherwise(self._formula(default), text, default.span)
        return low.Cases(cases, otherwise)

    def _formula(self, clause: nodes.Value | nodes.Default) -> low.Formula:
        return low.Formula(
            self.expressions.expr(clause.value),
            shown(clause.value),
            clause.citation.text if clause.citation else None,
            clause.span,
        )

    def _table(self, table: nodes.Table) -> low.Table:
        rows = tuple(
            low.Row(
                self._key(row.key),
                self.expressions.expr(row.value),
                f"{printer.row_key(row.key, pretty=True)} : {shown(row.value)}",
                row.citation.text if row.citation else None,
                row.span,
            )
            for row in table.rows
        )
        key = self.expressions.expr(table.key)
        return low.Table(key, rows, f"barème suivant {shown(table.key)}", table.span)

    def _key(self, key: nodes.RowKey) -> low.RowKey:
        lower = self.expressions.expr
        match key:
            case nodes.KeyEqual(value=value):
                return low.KeyEqual(lower(value))
            case nodes.KeyRange(low=start, high=end):
                return low.KeyRange(lower(start), lower(end))
            case nodes.KeyAtLeast(low=start):
                return low.KeyAtLeast(lower(start))
            case nodes.KeyBelow(high=end):
                return low.KeyBelow(lower(end))
        return low.KeyOther()

    def _list(self, build: nodes.ListBuild) -> low.ListBuild:
        elements = []
        for element in build.elements:
            text = shown(element.value)
            if element.condition is not None:
                text += f" si {shown(element.condition)}"
            elements.append(
                low.Element(
                    self.expressions.expr(element.value),
                    self.expressions.expr(element.condition) if element.condition else None,
                    text,
                    element.citation.text if element.citation else None,
                    element.span,
                )
            )
        return low.ListBuild(tuple(elements), build.span)

    # ------------------------------------------------------------ parameters

    def entry(self, name: str, index: int) -> decl.Parameter | decl.Yearly:
        found = self._entries.get((name, index))
        if found is None:
            found = self._entries[(name, index)] = self._entry(name, index)
        return found

    def _entry(self, name: str, index: int) -> decl.Parameter | decl.Yearly:
        symbol = self.program.parameters[name]
        entry = symbol.entries[index]
        value, origin = entry.value, entry.origin
        text = symbol.decl.label or name
        citation = source(value.citation, origin)
        article = section(value.citation, origin)
        if value.yearly:
            formula = ExpressionLowering(self.program, symbol.type).expr(value.value)
            return decl.Yearly(
                name, index, symbol.type, formula, text, citation, value.period, article, value.span
            )
        lowered = self.expressions.expr(value.value)
        return decl.Parameter(
            name, index, symbol.type, lowered, text, citation, value.period, article, value.span
        )


class Lowered:
    """The law in force on `day`, lowered: what every back end translates."""

    __slots__ = ("_parameters", "_rules", "day", "lowering", "program")

    def __init__(self, lowering: Lowering, day: datetime.date) -> None:
        self.lowering = lowering
        self.program = lowering.program
        self.day = day
        self._rules: dict[str, decl.RuleAt] = {}
        self._parameters: dict[str, decl.ParameterAt] = {}

    def rule(self, name: str) -> decl.RuleAt:
        found = self._rules.get(name)
        if found is None:
            found = self._rules[name] = self._rule(name)
        return found

    def parameter(self, name: str) -> decl.ParameterAt:
        found = self._parameters.get(name)
        if found is None:
            found = self._parameters[name] = self._parameter(name)
        return found

    def fact(self, name: str) -> decl.Fact:
        return self.lowering.fact(name)

    def conclusions(self) -> list[str]:
        """The public conclusions, by name (in force or not that day)."""
        return sorted(name for name, rule in self.program.rules.items() if rule.public)

    def reads(self, name: str) -> frozenset[str]:
        """The facts, parameters and rules the definition of `name` reads on this day
        (nothing for a fact, or a name without a version that day)."""
        if name in self.program.rules:
            return reads(self.rule(name))
        if name in self.program.parameters:
            return reads(self.parameter(name))
        return frozenset()

    def _rule(self, name: str) -> decl.RuleAt:
        symbol = self.program.rules[name]
        day = self.day
        lowering = self.lowering
        for index, version in enumerate(symbol.versions):
            if version.in_force(day):
                derogations = tuple(
                    lowering.derogation(name, i)
                    for i, d in enumerate(symbol.derogations)
                    if d.in_force(day)
                )
                return decl.Rule(lowering.version(name, index), derogations)
        return self._absent(symbol, decl.Symbol.RULE, symbol.label_at(day) or name)

    def _parameter(self, name: str) -> decl.ParameterAt:
        symbol = self.program.parameters[name]
        day = self.day
        for index, entry in enumerate(symbol.entries):
            if entry.in_force(day):
                found = self.lowering.entry(name, index)
                if isinstance(found, decl.Yearly):
                    passed = anniversary(found.start, years_since(found.start, day))
                    assert passed is not None
                    return decl.Revaluation(found, passed)
                return found
        return self._absent(symbol, decl.Symbol.PARAMETER, symbol.decl.label or name)

    def _absent(
        self, symbol: RuleSymbol | ParameterSymbol, kind: decl.Symbol, label: str
    ) -> decl.Absent:
        name, type_, span = symbol.name, symbol.type, symbol.span
        absence = timeline.of(self.program).coverage(name).absence(self.day)
        if absence is None:  # unreachable once the versions pass has run: no hole
            text = f"{name} (pas de version en vigueur le {short_date(self.day)})"
            reason = decl.Reason.NO_VERSION
            return decl.Absent(name, kind, type_, reason, None, None, None, text, span)
        if isinstance(absence.value, NotCovered):
            gap = absence.value.first
            reason = decl.Reason.NOT_COVERED
            return decl.Absent(name, kind, type_, reason, absence.article, None, gap, label, span)
        created = timeline.of(self.program).coverage(name).creation
        before = created is not None and self.day < created.day
        reason = decl.Reason.NOT_CREATED if before else decl.Reason.ABROGATED
        return decl.Absent(
            name, kind, type_, reason, absence.article, absence.reason, None, label, span
        )


_LOWERINGS: dict[int, Lowering] = {}


def lowering(program: Program) -> Lowering:
    """The lowering of `program`, shared by every caller while the program lives."""
    found = _LOWERINGS.get(id(program))
    if found is None or found._program() is not program:
        found = _LOWERINGS[id(program)] = Lowering(program)
        weakref.finalize(program, _LOWERINGS.pop, id(program), None)
    return found


def lower(program: Program, day: datetime.date) -> Lowered:
    """The law of `program` in force on `day`, lowered."""
    return lowering(program).at(day)
