"""Rules -> z3 terms, so a solver can look for a situation where two versions disagree.

Witness situations give every fact they use (the evaluator then drops the ones that do not
matter), so a fact is a plain z3 variable here; what stays three-valued is applicability: a
symbolic value carries `na`, true where the evaluator would answer *non applicable*. The
encoding mirrors `closures.py` and `rules.py` case by case: conditions that are not
applicable make their rule not applicable, cases are tried in order, exceptions follow
default logic with `prime sur`.

Sorts: booleans, integers (entier, dates as day ordinals, enumeration values as integers
shared by both sides), reals (décimal, montant, taux; facts are integers of cents or basis
points, so witnesses are plausible), strings (texte), sequences (listes), and durations as
(constant months, days, hours), compared in hours laid back from the evaluation date as the
evaluator does. Anything else raises `Unsupported` and the caller falls back to boundary
values.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import z3

from ..dsl import nodes
from ..engine.compiler import timeline
from ..engine.domain.literals import literal_value
from ..engine.domain.outcomes import NA, NotCovered
from ..engine.domain.values import CalendarError, Duration, shift, short_date
from ..engine.runtime.evaluator import Evaluator
from .sides import Side, derogations, rule_version
from .terms import (
    FALSE,
    SORTS,
    TRUE,
    Dur,
    Sym,
    Unsupported,
    all_,
    any_,
    common_kind,
    ite,
    kind_of,
    not_,
    placeholder,
)
from .variables import Vocabulary

Exception_ = tuple[str, int, frozenset[str], list[tuple[nodes.Expr, nodes.Expr]]]


_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


class Encoder:
    """Encodes the rules of one side at its day; facts come from a vocabulary both sides share."""

    def __init__(self, side: Side, vocabulary: Vocabulary, evaluator: Evaluator) -> None:
        self.side = side
        self.program = side.program
        self.day = side.day
        self.vocabulary = vocabulary
        self.law = evaluator.law(side.day)
        self.rules: dict[str, Sym] = {}
        self.atoms: dict[int, Any] = {}
        self._unless = 0

    def atom(self, sym: Sym) -> Sym:
        """Remember a decision (a condition, a comparison) for the regions of the search."""
        term = sym.truth()
        if not (z3.is_true(term) or z3.is_false(term)):
            self.atoms.setdefault(term.get_id(), term)
        return sym

    # ------------------------------------------------------------ rules

    def rule(self, name: str) -> Sym:
        found = self.rules.get(name)
        if found is None:
            found = self.rules[name] = self._rule(name)
        return found

    def _rule(self, name: str) -> Sym:
        symbol = self.program.rules[name]
        kind, element = kind_of(symbol.type)
        version = rule_version(self.program, name, self.day)
        if version is None:
            absent = timeline.absence(self.program, name, self.day)
            self._covered(absent.value if absent else NA, name)
            return placeholder(kind, element)
        rule = version.rule
        exceptions: list[Exception_] = [
            ("sauf", index, frozenset(), [(c.condition, c.value)])
            for index, c in enumerate(rule.clauses)
            if isinstance(c, nodes.Unless)
        ]
        for d in derogations(self.program, name, self.day):
            exceptions.append(
                (d.key, -1, d.overrides, [(c.condition, c.value) for c in d.decl.cases])
            )
        body = self._default_logic(exceptions, self._base(rule, kind, element), kind, element)
        if rule.applicability is None:
            return body
        gate = self.atom(self.condition(rule.applicability.condition))
        return ite(gate.truth(), body, placeholder(kind, element))

    def _default_logic(
        self,
        exceptions: Sequence[Exception_],
        base: Sym,
        kind: str,
        element: str | None,
    ) -> Sym:
        if not exceptions:
            return base
        attempts = []
        for key, index, overrides, branches in exceptions:
            applies, undecided, value = self._attempt(branches, kind, element)
            attempts.append(
                (f"{key}#{index}" if index >= 0 else key, overrides, applies, undecided, value)
            )
        live: list[tuple[Any, Sym]] = []
        pending = []
        for key, _, applies, undecided, value in attempts:
            dominated = any_(*(a for _, o, a, _, _ in attempts if key in o))
            live.append((all_(applies, not_(dominated)), value))
            pending.append(all_(undecided, not_(dominated)))
        chosen = base
        for condition, value in reversed(live):
            chosen = ite(condition, value, chosen)
        return ite(any_(*pending), placeholder(kind, element), chosen)

    def _attempt(
        self, branches: list[tuple[nodes.Expr, nodes.Expr]], kind: str, element: str | None
    ) -> tuple[Any, Any, Sym]:
        still = TRUE
        applies: list[Any] = []
        undecided: list[Any] = []
        values: list[tuple[Any, Sym]] = []
        for condition_expr, value_expr in branches:
            condition = self.atom(self.condition(condition_expr))
            here = all_(still, condition.truth())
            applies.append(here)
            undecided.append(all_(still, condition.na))
            values.append((here, self.expr(value_expr)))
            still = all_(still, condition.falsity())
        value = placeholder(kind, element)
        for here, sym in reversed(values):
            value = ite(here, sym, value)
        return any_(*applies), any_(*undecided), value

    def _base(self, rule: nodes.Rule, kind: str, element: str | None) -> Sym:
        clauses = [c for c in rule.clauses if not isinstance(c, nodes.Unless)]
        first = clauses[0]
        if isinstance(first, nodes.Value):
            return self.expr(first.value)
        if isinstance(first, nodes.Table):
            return self._table(first, kind, element)
        if isinstance(first, nodes.ListBuild):
            return self._list(first, element)
        default = next((c for c in clauses if isinstance(c, nodes.Default)), None)
        chosen = self.expr(default.value) if default else placeholder(kind, element)
        for case in reversed([c for c in clauses if isinstance(c, nodes.Case)]):
            condition = self.atom(self.condition(case.condition))
            otherwise = ite(condition.na, placeholder(kind, element), chosen)
            chosen = ite(condition.truth(), self.expr(case.value), otherwise)
        return chosen

    def _table(self, table: nodes.Table, kind: str, element: str | None) -> Sym:
        key = self.expr(table.key)
        if key.kind in {"duration", "list"}:
            raise Unsupported("barème suivant une durée ou une liste")
        chosen = placeholder(kind, element)
        for row in reversed(table.rows):
            bounds = [self.expr(b) for b in nodes.bounds(row.key)]
            matches = self.atom(Sym("bool", FALSE, _matches(row.key, key.value, bounds)))
            unknown = any_(*(b.na for b in bounds))
            chosen = ite(
                unknown,
                placeholder(kind, element),
                ite(matches.value, self.expr(row.value), chosen),
            )
        return ite(key.na, placeholder(kind, element), chosen)

    def _list(self, build: nodes.ListBuild, element: str | None) -> Sym:
        parts = []
        na = []
        sort = z3.SeqSort(SORTS[element or "int"]())
        for item in build.elements:
            value = self.expr(item.value)
            unit = z3.Unit(value.value)
            if item.condition is None:
                parts.append(unit)
                na.append(value.na)
                continue
            condition = self.atom(self.condition(item.condition))
            parts.append(z3.If(condition.truth(), unit, z3.Empty(sort)))
            na.append(any_(condition.na, all_(condition.truth(), value.na)))
        return Sym("list", any_(*na), _concat(parts, sort), element)

    # ------------------------------------------------------------ expressions

    def condition(self, expr: nodes.Expr) -> Sym:
        sym = self.expr(expr)
        if sym.kind != "bool":
            raise Unsupported("condition qui n'est pas un booléen")
        return sym

    def expr(self, expr: nodes.Expr) -> Sym:
        match expr:
            case nodes.Number() | nodes.Quantity():
                return constant(literal_value(expr), expr)
            case nodes.DateLiteral(value=value):
                return Sym("date", FALSE, z3.IntVal(value.toordinal()))
            case nodes.Text(value=value):
                return Sym("text", FALSE, z3.StringVal(value))
            case nodes.Boolean(value=value):
                return Sym("bool", FALSE, z3.BoolVal(value))
            case nodes.Ref(kind="valeur", name=name):
                return Sym("enum", FALSE, z3.IntVal(self.vocabulary.value_id(name)))
            case nodes.Ref(kind="donnée", name=name):
                return self.vocabulary.fact(name, self.program.facts[name], self.side)
            case nodes.Ref(kind="paramètre", name=name):
                return self._parameter(name)
            case nodes.Ref(name=name):
                return self.rule(name)
            case nodes.Call():
                return self._call(expr)
            case nodes.ListLiteral(items=items):
                return self._list_literal([self.expr(i) for i in items])
            case nodes.Negation(operand=operand):
                return _negate(self.expr(operand))
            case nodes.Arithmetic(op=op):
                return self._arithmetic(op, self.expr(expr.left), self.expr(expr.right))
            case nodes.Comparison(op=op):
                return self.atom(self._compare(op, self.expr(expr.left), self.expr(expr.right)))
            case nodes.Membership():
                return self.atom(self._member(self.expr(expr.item), self.expr(expr.collection)))
            case nodes.Not(operand=operand):
                inner = self.condition(operand)
                return Sym("bool", inner.na, not_(inner.value))
            case nodes.Logical(op=op):
                parts = [self.condition(expr.left), self.condition(expr.right)]
                return conjunction(parts) if op == "et" else disjunction(parts)
            case nodes.Group():
                return self._group(expr)
        raise Unsupported(f"expression {type(expr).__name__}")

    def _parameter(self, name: str) -> Sym:
        kind, element = kind_of(self.program.parameters[name].type)
        value = self.law.parameter(name).value
        self._covered(value, name)
        if value is NA:
            return placeholder(kind, element)
        return python_value(value, kind, element, self.vocabulary)

    def _covered(self, value: object, name: str) -> None:
        """A value the rule base does not cover has no symbolic counterpart: the search
        falls back to the evaluator, which reports « non couvert » as an outcome."""
        if isinstance(value, NotCovered):
            raise Unsupported(
                f"« {name} » non couvert par la base de règles le {short_date(self.day)}"
            )

    def _group(self, group: nodes.Group) -> Sym:
        checks = [self.atom(self._check(item)) for item in group.items]
        if group.quantifier == "toutes":
            return conjunction(checks)
        found = disjunction(checks)
        if group.quantifier == "une":
            return found
        return Sym("bool", found.na, not_(found.value))

    def _check(self, check: nodes.Check) -> Sym:
        inner = self.condition(check.expr)
        if check.guard is None:
            return inner
        guard = self.atom(self.condition(check.guard))
        passes = guard.falsity()
        decided = any_(guard.truth(), inner.truth())
        na = all_(not_(passes), z3.If(decided, inner.na, TRUE))
        return Sym("bool", z3.simplify(na), z3.Or(passes, inner.value))

    def _call(self, call: nodes.Call) -> Sym:
        args = [self.expr(a) for a in call.args]
        na = any_(*(a.na for a in args))
        if call.function in {"arrondi_centime", "arrondi_euro"}:
            (arg,) = args
            if arg.kind == "int":
                return Sym("real", na, z3.ToReal(arg.value))
            quantum = 100 if call.function == "arrondi_centime" else 1
            return Sym("real", na, round_half_up(arg.value, quantum))
        if call.function in {"minimum", "maximum"}:
            if any(a.kind in {"duration", "list", "text", "enum", "bool"} for a in args):
                raise Unsupported(f"{call.function} de durées ou de valeurs non numériques")
            best = args[0].value
            kind = args[0].kind
            for arg in args[1:]:
                kind = kind if kind == arg.kind else common_kind(kind, arg.kind)
                better = arg.value < best if call.function == "minimum" else arg.value > best
                self.atom(Sym("bool", na, better))
                best = z3.If(better, arg.value, best)
            return Sym(kind, na, best)
        if call.function == "nombre":
            (arg,) = args
            return Sym("int", na, z3.Length(arg.value))
        raise Unsupported(f"fonction {call.function}")

    def _list_literal(self, items: list[Sym]) -> Sym:
        kinds = {i.kind for i in items}
        if not items or len(kinds) > 1 or kinds & {"duration", "list"}:
            raise Unsupported("liste vide ou d'éléments de sortes différentes")
        element = items[0].kind
        sort = z3.SeqSort(SORTS[element]())
        value = _concat([z3.Unit(i.value) for i in items], sort)
        return Sym("list", any_(*(i.na for i in items)), value, element)

    def _arithmetic(self, op: str, a: Sym, b: Sym) -> Sym:
        na = any_(a.na, b.na)
        kinds = {a.kind, b.kind}
        if "date" in kinds:
            return Sym(*_dates(op, a, b, na))
        if "duration" in kinds:
            return Sym("duration", na, _durations(op, a, b))
        if op == "/":
            return Sym("real", na, z3.ToReal(a.value) / z3.ToReal(b.value))
        kind = "int" if kinds == {"int"} else "real"
        if not kinds <= {"int", "real"}:
            raise Unsupported(f"opération {op} sur {a.kind} et {b.kind}")
        result = {"+": a.value + b.value, "-": a.value - b.value, "*": a.value * b.value}[op]
        return Sym(kind, na, result)

    def _compare(self, op: str, a: Sym, b: Sym) -> Sym:
        na = any_(a.na, b.na)
        left, right = a.value, b.value
        if a.kind == "duration" or b.kind == "duration":
            left, right = a.value.hours_at(self.day), b.value.hours_at(self.day)
        elif "list" in {a.kind, b.kind} and op not in {"=", "!="}:
            raise Unsupported("comparaison ordonnée de listes")
        return Sym("bool", na, _COMPARE[op](left, right))

    def _member(self, item: Sym, collection: Sym) -> Sym:
        if collection.kind != "list":
            raise Unsupported("« dans » sur autre chose qu'une liste")
        na = any_(item.na, collection.na)
        return Sym("bool", na, z3.Contains(collection.value, z3.Unit(item.value)))


def conjunction(parts: Iterable[Sym]) -> Sym:
    """Kleene conjunction as `lowered.operations.all_of`: a false part decides, else not
    applicable wins."""
    parts = list(parts)
    false = any_(*(p.falsity() for p in parts))
    return Sym("bool", all_(not_(false), any_(*(p.na for p in parts))), not_(false))


def disjunction(parts: Iterable[Sym]) -> Sym:
    parts = list(parts)
    true = any_(*(p.truth() for p in parts))
    return Sym("bool", all_(not_(true), any_(*(p.na for p in parts))), true)


def round_half_up(value: Any, quantum: int) -> Any:
    """Decimal ROUND_HALF_UP: ties go away from zero."""
    scaled = value * quantum
    up = z3.ToReal(z3.ToInt(scaled + z3.RealVal("1/2")))
    down = -z3.ToReal(z3.ToInt(-scaled + z3.RealVal("1/2")))
    return z3.If(scaled >= 0, up, down) / quantum


def constant(value: object, node: nodes.Node | None = None) -> Sym:
    if isinstance(value, bool):
        return Sym("bool", FALSE, z3.BoolVal(value))
    if isinstance(value, int):
        return Sym("int", FALSE, z3.IntVal(value))
    if isinstance(value, Decimal):
        return Sym("real", FALSE, z3.RealVal(str(value)))
    if isinstance(value, Duration):
        months = value.years * 12 + value.months
        return Sym("duration", FALSE, Dur(months, z3.IntVal(value.days), z3.IntVal(value.hours)))
    if isinstance(value, datetime.date):
        return Sym("date", FALSE, z3.IntVal(value.toordinal()))
    if isinstance(value, str):
        return Sym("text", FALSE, z3.StringVal(value))
    raise Unsupported(f"valeur {value!r}")


def python_value(value: object, kind: str, element: str | None, vocabulary: Vocabulary) -> Sym:
    """A value computed by the evaluator (a parameter's) as a z3 constant."""
    if kind == "enum" and isinstance(value, str):
        return Sym("enum", FALSE, z3.IntVal(vocabulary.value_id(value)))
    if kind == "list" and isinstance(value, tuple):
        sort = z3.SeqSort(SORTS[element or "int"]())
        items = [python_value(v, element or "int", None, vocabulary).value for v in value]
        return Sym("list", FALSE, _concat([z3.Unit(i) for i in items], sort), element)
    sym = constant(value)
    return Sym(
        kind, sym.na, z3.ToReal(sym.value) if kind == "real" and sym.kind == "int" else sym.value
    )


def _concat(parts: list[Any], sort: Any) -> Any:
    if not parts:
        return z3.Empty(sort)
    return parts[0] if len(parts) == 1 else z3.Concat(*parts)


def _negate(sym: Sym) -> Sym:
    if sym.kind == "duration":
        return Sym("duration", sym.na, Dur(-sym.value.months, -sym.value.days, -sym.value.hours))
    return Sym(sym.kind, sym.na, -sym.value)


def _dates(op: str, a: Sym, b: Sym, na: Any) -> tuple[str, Any, Any]:
    if a.kind == b.kind == "date" and op == "-":
        return "duration", na, Dur(0, a.value - b.value, z3.IntVal(0))
    date, duration = (a, b) if a.kind == "date" else (b, a)
    if duration.kind != "duration" or op not in "+-" or (op == "-" and date is b):
        raise Unsupported(f"opération {op} sur une date")
    sign = 1 if op == "+" else -1
    d: Dur = duration.value
    if d.months:
        day, days, hours = date.value, z3.simplify(d.days), z3.simplify(d.hours)
        if not (z3.is_int_value(day) and z3.is_int_value(days) and z3.is_int_value(hours)):
            raise Unsupported("date symbolique plus une durée en mois")
        try:
            moved = shift(
                datetime.date.fromordinal(day.as_long()),
                Duration(0, d.months, days.as_long(), hours.as_long()),
                sign,
            )
        except (CalendarError, ValueError):  # ValueError: an ordinal outside the calendar
            raise Unsupported("date qui sort du calendrier") from None
        return "date", na, z3.IntVal(moved.toordinal())
    return "date", na, date.value + sign * (d.days + d.hours / 24)


def _durations(op: str, a: Sym, b: Sym) -> Dur:
    if op in "+-" and a.kind == b.kind == "duration":
        sign = 1 if op == "+" else -1
        x, y = a.value, b.value
        return Dur(x.months + sign * y.months, x.days + sign * y.days, x.hours + sign * y.hours)
    if op == "*":
        duration, factor = (a, b) if a.kind == "duration" else (b, a)
        k = z3.simplify(factor.value)
        if factor.kind == "int":
            d: Dur = duration.value
            if d.months and not z3.is_int_value(k):
                raise Unsupported("durée en mois multipliée par un nombre inconnu")
            months = d.months * k.as_long() if d.months else 0
            return Dur(months, d.days * k, d.hours * k)
    raise Unsupported(f"opération {op} sur des durées")


def _matches(key: nodes.RowKey, value: Any, bounds: list[Sym]) -> Any:
    match key:
        case nodes.KeyEqual():
            return value == bounds[0].value
        case nodes.KeyRange():
            return z3.And(bounds[0].value <= value, value <= bounds[1].value)
        case nodes.KeyAtLeast():
            return value >= bounds[0].value
        case nodes.KeyBelow():
            return value < bounds[0].value
    return TRUE
