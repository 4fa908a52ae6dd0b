"""Pass 1: gather the declarations of every file and resolve each name to what it designates.

Names are resolved relative to the rule that uses them: inside `mon_soutien_psy.tarif`,
`eligible` means `mon_soutien_psy.eligible` if it exists, else the global `eligible`. A name
that is no symbol but a value of some enumeration becomes an enumeration literal; the type
checker then verifies it belongs to the enumeration it is compared with.

Writes: the symbol tables (`facts`, `parameters`, `rules`, `articles`) and each rule's
`derogations`; every later pass reads them.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> program, found = trial('''
    ... donnée age : entier
    ... paramètre exemple.seuil : entier
    ...   18 depuis 2020-01-01   selon "art. 1"
    ... règle exemple.majeur : booléen
    ...   selon "art. 2"
    ...   = age >= exemple.seuill
    ... ''', resolve)
    >>> found
    ['E201 6:12 nom inconnu « exemple.seuill »']
    >>> sorted(program.facts), sorted(program.parameters), sorted(program.rules)
    (['age'], ['exemple.seuil'], ['exemple.majeur'])
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Note
from ....dsl.walk import N, descendants, rewrite
from ...domain import types
from ..program import (
    DerogationDef,
    FactSymbol,
    Origin,
    ParameterEntry,
    ParameterSymbol,
    Program,
    RuleSymbol,
    RuleVersion,
)


def resolve(program: Program) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    pending = _declare(program, found)
    values = _enumeration_values(program)
    resolver = _Resolver(program, values, found)
    for rule in program.rules.values():
        rule.versions = [
            RuleVersion(resolver.rule(v.rule), v.period, v.origin) for v in rule.versions
        ]
    for parameter in program.parameters.values():
        parameter.entries = [
            ParameterEntry(resolver.within(e.value, parameter.name), e.origin)
            for e in parameter.entries
        ]
    for derogation, origin in pending:
        target = program.rules.get(derogation.target)
        if target is None:
            found.append(_unknown_target(derogation, program))
            continue
        period = derogation.period or (origin.article.period if origin.article else None)
        resolved = resolver.within(derogation, derogation.target)
        target.derogations.append(DerogationDef(resolved, period, origin))
    return found


def _declare(program: Program, found: list[Diagnostic]) -> list[tuple[nodes.Derogation, Origin]]:
    pending: list[tuple[nodes.Derogation, Origin]] = []
    for module in program.modules:
        article: nodes.Article | None = None
        for item in module.items:
            origin = Origin(module.path, article)
            match item:
                case nodes.Article():
                    article = item
                    program.articles.setdefault(item.reference, []).append(
                        (item, Origin(module.path, item))
                    )
                case nodes.Fact():
                    _declare_fact(program, item, origin, found)
                case nodes.Parameter():
                    _declare_parameter(program, item, origin, found)
                case nodes.Rule():
                    _declare_rule(program, item, origin, found)
                case nodes.Derogation():
                    pending.append((item, origin))
    return pending


def _clash(program: Program, name: str, item: nodes.Node, kind: str) -> Diagnostic | None:
    for other_kind, table in (
        ("donnée", program.facts),
        ("paramètre", program.parameters),
        ("règle", program.rules),
    ):
        if other_kind != kind and name in table:
            other = table[name]
            return Diagnostic(
                "E102",
                f"« {name} » est déjà déclaré comme {other_kind}",
                item.span,
                "une donnée, un paramètre et une règle ne peuvent pas porter le même nom",
                (Note("première déclaration", other.span),),
            )
    return None


def _checked_type(expr: nodes.TypeExpr, found: list[Diagnostic]) -> types.Type:
    for node in descendants(expr):
        if isinstance(node, nodes.EnumType):
            seen: set[str] = set()
            for value in node.values:
                if value in seen:
                    found.append(
                        Diagnostic(
                            "E105",
                            f"valeur « {value} » répétée dans l'énumération",
                            node.span,
                            "chaque valeur d'une énumération ne s'écrit qu'une fois",
                        )
                    )
                seen.add(value)
    return types.from_syntax(expr)


def _declare_fact(
    program: Program, fact: nodes.Fact, origin: Origin, found: list[Diagnostic]
) -> None:
    clash = _clash(program, fact.name, fact, "donnée")
    if clash:
        found.append(clash)
    elif fact.name in program.facts:
        found.append(
            Diagnostic(
                "E101",
                f"donnée « {fact.name} » déclarée deux fois",
                fact.span,
                "gardez une seule déclaration",
                (Note("première déclaration", program.facts[fact.name].span),),
            )
        )
    else:
        program.facts[fact.name] = FactSymbol(
            fact.name, _checked_type(fact.type, found), fact, origin
        )


def _declare_parameter(
    program: Program, parameter: nodes.Parameter, origin: Origin, found: list[Diagnostic]
) -> None:
    clash = _clash(program, parameter.name, parameter, "paramètre")
    if clash:
        found.append(clash)
        return
    type_ = _checked_type(parameter.type, found)
    symbol = program.parameters.setdefault(
        parameter.name, ParameterSymbol(parameter.name, type_, parameter)
    )
    if symbol.type != type_:
        found.append(_type_disagreement(parameter.name, parameter, symbol.type, type_, symbol))
        return
    symbol.entries.extend(ParameterEntry(value, origin) for value in parameter.values)


def _declare_rule(
    program: Program, rule: nodes.Rule, origin: Origin, found: list[Diagnostic]
) -> None:
    clash = _clash(program, rule.name, rule, "règle")
    if clash:
        found.append(clash)
        return
    type_ = _checked_type(rule.type, found)
    symbol = program.rules.setdefault(rule.name, RuleSymbol(rule.name, type_, rule.public))
    if symbol.versions and symbol.type != type_:
        found.append(_type_disagreement(rule.name, rule, symbol.type, type_, symbol))
        return
    if symbol.versions and symbol.public != rule.public:
        found.append(
            Diagnostic(
                "E103",
                f"« {rule.name} » est une conclusion dans une version et une règle dans une autre",
                rule.span,
                "écrivez « conclusion » (ou « règle ») dans toutes ses versions",
                (Note("autre version", symbol.span),),
            )
        )
        return
    period = rule.period or (origin.article.period if origin.article else None)
    symbol.versions.append(RuleVersion(rule, period, origin))


def _type_disagreement(
    name: str,
    item: nodes.Node,
    expected: types.Type,
    actual: types.Type,
    first: ParameterSymbol | RuleSymbol,
) -> Diagnostic:
    return Diagnostic(
        "E106",
        f"les versions de « {name} » n'ont pas le même type ({expected} puis {actual})",
        item.span,
        "toutes les versions d'un nom doivent avoir le même type",
        (Note("première version", first.span),),
    )


def _enumeration_values(program: Program) -> set[str]:
    values: set[str] = set()
    symbols: Iterable[FactSymbol | ParameterSymbol | RuleSymbol] = [
        *program.facts.values(),
        *program.parameters.values(),
        *program.rules.values(),
    ]
    for symbol in symbols:
        kind = symbol.type
        while kind.kind is types.Kind.LISTE and kind.element is not None:
            kind = kind.element
        values.update(kind.values)
    return values


def _unknown_target(derogation: nodes.Derogation, program: Program) -> Diagnostic:
    guess = difflib.get_close_matches(derogation.target, list(program.rules), n=1, cutoff=0.6)
    return Diagnostic(
        "E203",
        f"exception à une règle inconnue « {derogation.target} »",
        derogation.span,
        f"vouliez-vous dire « {guess[0]} » ?" if guess else "une exception déroge à une règle",
    )


class _Resolver:
    def __init__(self, program: Program, values: set[str], found: list[Diagnostic]) -> None:
        self.program = program
        self.values = values
        self.found = found

    def rule(self, rule: nodes.Rule) -> nodes.Rule:
        return self.within(rule, rule.name)

    def within(self, node: N, owner: str) -> N:
        prefixes = _prefixes(owner)

        def replace(child: nodes.Node) -> nodes.Node | None:
            if isinstance(child, nodes.Name):
                return self._ref(child, prefixes)
            if isinstance(child, nodes.Call) and child.function not in types.FUNCTIONS:
                self.found.append(_unknown_function(child))
            return None

        return rewrite(node, replace)

    def _ref(self, name: nodes.Name, prefixes: list[str]) -> nodes.Node:
        """A dotless name is first a global symbol (a fact), then an enumeration value, then
        a name relative to the rule; so `statut = aucune` never reads a rule `x.aucune`."""
        if "." not in name.name:
            found = self._symbol(name.name, name)
            if found is not None:
                return found
            if name.name in self.values:
                return nodes.Ref("valeur", name.name, span=name.span)
        for prefix in prefixes:
            found = self._symbol(f"{prefix}{name.name}", name)
            if found is not None:
                return found
        self.found.append(self._unknown(name, prefixes))
        return name

    def _symbol(self, full: str, name: nodes.Name) -> nodes.Ref | None:
        for kind, table in (
            ("donnée", self.program.facts),
            ("paramètre", self.program.parameters),
            ("règle", self.program.rules),
        ):
            if full in table:
                return nodes.Ref(kind, full, span=name.span)
        return None

    def _unknown(self, name: nodes.Name, prefixes: list[str]) -> Diagnostic:
        candidates: dict[str, str] = {value: value for value in self.values}
        for table in (self.program.facts, self.program.parameters, self.program.rules):
            for full in table:
                candidates[full] = full
                for prefix in prefixes:
                    if prefix and full.startswith(prefix):
                        candidates[full[len(prefix) :]] = full[len(prefix) :]
        guess = difflib.get_close_matches(name.name, list(candidates), n=1, cutoff=0.6)
        return Diagnostic(
            "E201",
            f"nom inconnu « {name.name} »",
            name.span,
            f"vouliez-vous dire « {guess[0]} » ?"
            if guess
            else "déclarez-le comme donnée, paramètre ou règle",
        )


def _prefixes(owner: str) -> list[str]:
    """`a.b.c` -> ["a.b.", "a.", ""]: where a relative name is looked for, innermost first."""
    parts = owner.split(".")[:-1]
    return [".".join(parts[:i]) + "." for i in range(len(parts), 0, -1)] + [""]


def _unknown_function(call: nodes.Call) -> Diagnostic:
    guess = difflib.get_close_matches(call.function, list(types.FUNCTIONS), n=1, cutoff=0.5)
    return Diagnostic(
        "E202",
        f"fonction inconnue « {call.function} »",
        call.span,
        f"vouliez-vous dire « {guess[0]} » ?"
        if guess
        else "fonctions : " + ", ".join(sorted(types.FUNCTIONS)),
    )
