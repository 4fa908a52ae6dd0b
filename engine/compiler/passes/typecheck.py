"""Pass: types and units, and the shape of each rule body.

Every error here would otherwise surface at evaluation time, for one situation out of many;
`alinea check` finds them all before any situation is run.

Writes nothing (the types it infers are the symbols' declared ones).

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> trial('''
    ... règle exemple.part : montant
    ...   selon "CSS L.160-13"
    ...   = 50 € * 60 %
    ... ''', check)[1]
    ['E303 3:5 montant non arrondi au centime']
"""

from __future__ import annotations

import difflib

from ....dsl import nodes
from ....dsl.errors import Diagnostic
from ....dsl.walk import descendants
from ...domain import types
from ...domain.literals import literal_type
from ...domain.types import Kind, Type
from ..program import Program, RuleSymbol
from . import literals

BASES = (nodes.Value, nodes.Case, nodes.Default, nodes.Table, nodes.ListBuild)


def check(program: Program) -> list[Diagnostic]:
    checker = Checker(program)
    for rule in program.rules.values():
        for version in rule.versions:
            checker.rule(rule, version.rule)
        for derogation in rule.derogations:
            for case in derogation.decl.cases:
                checker.value(rule.type, case.value)
                checker.condition(case.condition)
    for parameter in program.parameters.values():
        for entry in parameter.entries:
            checker.constant(entry.value.value)
            checker.previous = parameter.type if entry.value.yearly else None
            checker.value(parameter.type, entry.value.value)
            checker.previous = None
    for fact in program.facts.values():
        if fact.decl.bounds is not None:
            for bound in (fact.decl.bounds.low, fact.decl.bounds.high):
                checker.value(fact.type, bound)
    return checker.found


class Checker:
    def __init__(self, program: Program) -> None:
        self.program = program
        self.found: list[Diagnostic] = []
        self.bounded: set[int] = set()
        # The type of `précédent` while a yearly parameter value is checked; None elsewhere.
        self.previous: Type | None = None

    def _bounded(self, literal: nodes.Number | nodes.Quantity | nodes.DateLiteral) -> None:
        """A literal past its limit (E320–E323), once however many times it is read."""
        problem = literals.problem(literal)
        if problem is not None and id(literal) not in self.bounded:
            self.bounded.add(id(literal))
            self.found.append(problem)

    def error(self, code: str, message: str, node: nodes.Node, hint: str | None = None) -> None:
        self.found.append(Diagnostic(code, message, node.span, hint))

    # ------------------------------------------------------------ rule bodies

    def rule(self, symbol: RuleSymbol, rule: nodes.Rule) -> None:
        self._shape(rule)
        if rule.applicability is not None:
            self.condition(rule.applicability.condition)
        for clause in rule.clauses:
            match clause:
                case nodes.Value() | nodes.Default():
                    self.value(symbol.type, clause.value)
                case nodes.Case() | nodes.Unless():
                    self.value(symbol.type, clause.value)
                    self.condition(clause.condition)
                case nodes.Table():
                    self._table(symbol.type, clause)
                case nodes.ListBuild():
                    self._list(symbol.type, clause)

    def _shape(self, rule: nodes.Rule) -> None:
        bases = [c for c in rule.clauses if isinstance(c, BASES)]
        kinds = {type(c) for c in bases}
        if not bases:
            self.error(
                "E104",
                f"la règle « {rule.name} » n'a pas de valeur",
                rule,
                "écrivez « = valeur », des cas « valeur si condition », un barème ou une liste",
            )
        elif (
            len(kinds - {nodes.Case, nodes.Default}) > 1
            or (kinds & {nodes.Case, nodes.Default} and kinds - {nodes.Case, nodes.Default})
            or sum(isinstance(c, (nodes.Value, nodes.Table, nodes.ListBuild)) for c in bases) > 1
        ):
            self.error(
                "E104",
                f"la règle « {rule.name} » a plusieurs valeurs de base",
                bases[1],
                "une règle a soit « = valeur », soit des cas « … si … » avec « sinon », "
                "soit un barème, soit une liste ; les exceptions s'écrivent « sauf … si … »",
            )
        defaults = [i for i, c in enumerate(bases) if isinstance(c, nodes.Default)]
        if len(defaults) > 1 or (defaults and defaults[0] != len(bases) - 1):
            self.error(
                "E104",
                "« sinon » doit être le dernier cas, et unique",
                bases[defaults[0] if len(defaults) == 1 else defaults[1]],
                "déplacez « sinon … » après tous les cas",
            )

    def _table(self, declared: Type, table: nodes.Table) -> None:
        key = self.expr(table.key)
        for row in table.rows:
            self.value(declared, row.value)
            for bound in nodes.bounds(row.key):
                bound_type = self.expr(bound)
                if not types.comparable(key, bound_type):
                    self._mismatch("la clé du barème", key, bound_type, bound)
                elif not isinstance(row.key, nodes.KeyEqual) and key.kind not in types.ORDERED:
                    self.error(
                        "E301",
                        f"une tranche de barème demande une clé ordonnée, pas {key}",
                        row.key,
                    )

    def _list(self, declared: Type, build: nodes.ListBuild) -> None:
        if declared.kind is not Kind.LISTE:
            self.error(
                "E301", f"« liste : » construit une liste, la règle est de type {declared}", build
            )
            return
        element = declared.element or types.ANY
        for item in build.elements:
            self.value(element, item.value)
            if item.condition is not None:
                self.condition(item.condition)

    # ------------------------------------------------------------ values and conditions

    def value(self, expected: Type, expr: nodes.Expr) -> None:
        actual = self.expr(expr)
        if not types.accepts(expected, actual):
            self._mismatch("la valeur", expected, actual, expr)
        elif expected.kind is Kind.MONTANT and not actual.rounded:
            self.error(
                "E303",
                "montant non arrondi au centime",
                expr,
                "arrondissez explicitement : arrondi_centime(…) ou arrondi_euro(…)",
            )

    def condition(self, expr: nodes.Expr) -> None:
        actual = self.expr(expr)
        if actual.kind not in {Kind.BOOLEEN, Kind.ANY}:
            self.error(
                "E304",
                f"une condition doit être vraie ou fausse ; cette expression est de type {actual}",
                expr,
                "comparez-la, par exemple « age >= 18 »",
            )

    def constant(self, expr: nodes.Expr) -> None:
        for node in descendants(expr):
            if isinstance(node, nodes.Ref) and node.kind in {"donnée", "règle"}:
                self.error(
                    "E306",
                    f"la valeur d'un paramètre ne peut pas dépendre "
                    f"de la {node.kind} « {node.name} »",
                    node,
                    "un paramètre est un chiffre de la loi ; calculez avec une règle",
                )

    def _mismatch(self, what: str, expected: Type, actual: Type, expr: nodes.Expr) -> None:
        if expected.kind is Kind.ENUM and actual.kind is Kind.VALUE:
            self._not_in_enum(actual.values[0], expected, expr)
            return
        hint = _unit_hint(expected, expr)
        code = "E302" if hint else "E301"
        self.error(code, f"{what} est de type {actual}, {expected} attendu", expr, hint)

    def _not_in_enum(self, value: str, enum: Type, expr: nodes.Node) -> None:
        guess = difflib.get_close_matches(value, list(enum.values), n=1, cutoff=0.5)
        self.error(
            "E305",
            f"« {value} » n'est pas une valeur de l'{enum}",
            expr,
            f"vouliez-vous dire « {guess[0]} » ?"
            if guess
            else "valeurs possibles : " + ", ".join(enum.values),
        )

    # ------------------------------------------------------------ expressions

    def expr(self, expr: nodes.Expr) -> Type:
        match expr:
            case nodes.Number() | nodes.Quantity():
                self._bounded(expr)
                return literal_type(expr)
            case nodes.DateLiteral():
                self._bounded(expr)
                return types.DATE
            case nodes.Text():
                return types.TEXTE
            case nodes.Boolean():
                return types.BOOLEEN
            case nodes.Ref(kind="valeur", name=name):
                return Type(Kind.VALUE, values=(name,))
            case nodes.Ref(name=name):
                symbol = self.program.symbol(name)
                return symbol.type if symbol else types.ANY
            case nodes.Name():
                return types.ANY
            case nodes.Previous():
                return self._previous(expr)
            case nodes.Call():
                return self._call(expr)
            case nodes.ListLiteral(items=items):
                common = types.unify([self.expr(i) for i in items])
                if common is None:
                    self.error("E301", "les éléments de la liste n'ont pas le même type", expr)
                    return types.ANY
                return Type(Kind.LISTE, element=common if items else None)
            case nodes.Negation(operand=operand):
                result = types.negation(self.expr(operand))
                if result is None:
                    self.error(
                        "E301", "le signe moins s'applique à un nombre, montant ou taux", expr
                    )
                return result or types.ANY
            case nodes.Arithmetic():
                return self._arithmetic(expr)
            case nodes.Comparison():
                self._comparison(expr)
                return types.BOOLEEN
            case nodes.Membership():
                self._membership(expr)
                return types.BOOLEEN
            case nodes.Not(operand=operand):
                self.condition(operand)
                return types.BOOLEEN
            case nodes.Logical(left=left, right=right):
                self.condition(left)
                self.condition(right)
                return types.BOOLEEN
            case nodes.Group(items=items):
                for item in items:
                    self.condition(item.expr)
                    if item.guard is not None:
                        self.condition(item.guard)
                return types.BOOLEEN
        raise AssertionError(expr)

    def _previous(self, expr: nodes.Previous) -> Type:
        if self.previous is not None:
            return self.previous
        self.error(
            "E310",
            "« précédent » en dehors d'une valeur « chaque année » de paramètre",
            expr,
            "« précédent » est la valeur du paramètre la veille de chaque date anniversaire : "
            "il ne s'écrit que dans « … chaque année depuis AAAA-MM-JJ »",
        )
        return types.ANY

    def _call(self, call: nodes.Call) -> Type:
        args = [self.expr(a) for a in call.args]
        function = types.FUNCTIONS.get(call.function)
        if function is None:
            return types.ANY
        if function.arity is not None and len(args) != function.arity:
            self.error(
                "E307",
                f"{call.function} attend {_count(function.arity, 'argument')}, "
                f"{_count(len(args), 'donné')}",
                call,
            )
            return types.ANY
        result = types.call(call.function, args)
        if isinstance(result, str):
            self.error("E301", result, call)
            return types.ANY
        return result

    def _arithmetic(self, expr: nodes.Arithmetic) -> Type:
        left, right = self.expr(expr.left), self.expr(expr.right)
        result = types.arithmetic(expr.op, left, right)
        if result is not None:
            return result
        hint = _unit_hint(left, expr.right) or _unit_hint(right, expr.left)
        self.error(
            "E302" if hint else "E301",
            f"opération impossible : {left} {expr.op} {right}",
            expr,
            hint,
        )
        return types.ANY

    def _comparison(self, expr: nodes.Comparison) -> None:
        left, right = self.expr(expr.left), self.expr(expr.right)
        for enum, other, node in ((left, right, expr.right), (right, left, expr.left)):
            if enum.kind is Kind.ENUM and other.kind is Kind.VALUE:
                if other.values[0] not in enum.values:
                    self._not_in_enum(other.values[0], enum, node)
                return
        if not types.comparable(left, right):
            hint = _unit_hint(left, expr.right) or _unit_hint(right, expr.left)
            self.error(
                "E302" if hint else "E301",
                f"comparaison impossible : {left} {expr.op} {right}",
                expr,
                hint,
            )
        elif expr.op not in {"=", "!="} and left.kind not in types.ORDERED | {Kind.ANY}:
            self.error("E301", f"« {expr.op} » compare des valeurs ordonnées, pas {left}", expr)

    def _membership(self, expr: nodes.Membership) -> None:
        item, collection = self.expr(expr.item), self.expr(expr.collection)
        if collection.kind is Kind.ANY:
            return
        if collection.kind is not Kind.LISTE:
            self.error("E301", f"« dans » attend une liste à droite, pas {collection}", expr)
        elif collection.element and not types.comparable(collection.element, item):
            self.error("E301", f"{item} ne peut pas appartenir à une {collection}", expr)


def _unit_hint(expected: Type, expr: nodes.Expr) -> str | None:
    """For a bare number where a unit is expected: how to write it with its unit."""
    if not isinstance(expr, nodes.Number):
        return None
    shown = f"{expr.value}"
    units = {Kind.MONTANT: "€", Kind.TAUX: "%", Kind.DUREE: "mois (ou jours, ans)"}
    unit = units.get(expected.kind)
    if unit is None:
        return None
    if expected.kind is Kind.TAUX and expr.value <= 1 and not expr.integral:
        shown = f"{(expr.value * 100).normalize():f}"
    return f"écrivez « {shown} {unit} » : un nombre seul n'a pas d'unité"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"
