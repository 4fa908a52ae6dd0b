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

import attrs

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Note
from ....dsl.walk import N, descendants, rewrite
from ...domain import types
from ..memo import Memo
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

Scope = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]


@attrs.frozen
class Resolved:
    """The names of one declaration resolved within `owner`, and what that read: the symbols
    looked up with the kind found (None: no such symbol) and the enumeration values asked
    for; `probes` is None when a name was unknown, whose hint weighs every name in scope."""

    node: nodes.Node
    owner: str
    probes: tuple[tuple[str, str | None], ...] | None
    values: tuple[tuple[str, bool], ...]
    resolved: nodes.Node
    found: tuple[Diagnostic, ...]


class Names:
    """What name resolution keeps from one compile to the next (`memo`): each declaration
    resolved, and the names in scope then."""

    def __init__(self) -> None:
        self.entries: Memo[Resolved] = Memo()
        self.scope: Scope | None = None


def resolve(program: Program, memo: Names | None = None) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    pending = _declare(program, found)
    values = _enumeration_values(program)
    resolver = _Resolver(program, values, found, memo)
    if memo is not None:
        memo.scope = None  # set again once every entry kept agrees with the new scope
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
    if memo is not None:
        memo.entries.done()
        memo.scope = resolver.scope
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
    def __init__(
        self, program: Program, values: set[str], found: list[Diagnostic], memo: Names | None
    ) -> None:
        self.program = program
        self.values = values
        self.found = found
        self.memo = memo
        self.scope: Scope = (
            tuple(program.facts),
            tuple(program.parameters),
            tuple(program.rules),
            frozenset(values),
        )
        self.same_scope = memo is not None and memo.scope == self.scope
        # What the declaration being resolved reads, when there is a memo to keep it in.
        self.probes: list[tuple[str, str | None]] | None = None
        self.asked: list[tuple[str, bool]] = []
        self.unknown = False

    def rule(self, rule: nodes.Rule) -> nodes.Rule:
        return self.within(rule, rule.name)

    def within(self, node: N, owner: str) -> N:
        if self.memo is None:
            return self._within(node, owner)
        entry = self.memo.entries.get(node)
        if entry is not None and entry.owner == owner and self._still(entry):
            self.found.extend(entry.found)
            return entry.resolved  # type: ignore[return-value]  # filed under this node
        start = len(self.found)
        self.probes, self.asked, self.unknown = [], [], False
        resolved = self._within(node, owner)
        probes = None if self.unknown else tuple(self.probes)
        found = tuple(self.found[start:])
        self.memo.entries.put(Resolved(node, owner, probes, tuple(self.asked), resolved, found))
        self.probes = None
        return resolved

    def _still(self, entry: Resolved) -> bool:
        """Whether every name a declaration read means what it meant at the last compile."""
        if self.same_scope:
            return True
        if entry.probes is None:
            return False
        return all(self._kind(full) == kind for full, kind in entry.probes) and all(
            (value in self.values) == present for value, present in entry.values
        )

    def _within(self, node: N, owner: str) -> N:
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
            if self._value(name.name):
                return nodes.Ref("valeur", name.name, span=name.span)
        for prefix in prefixes:
            found = self._symbol(f"{prefix}{name.name}", name)
            if found is not None:
                return found
        self.unknown = True
        self.found.append(self._unknown(name, prefixes))
        return name

    def _symbol(self, full: str, name: nodes.Name) -> nodes.Ref | None:
        kind = self._kind(full)
        if self.probes is not None:
            self.probes.append((full, kind))
        return nodes.Ref(kind, full, span=name.span) if kind is not None else None

    def _kind(self, full: str) -> str | None:
        for kind, table in (
            ("donnée", self.program.facts),
            ("paramètre", self.program.parameters),
            ("règle", self.program.rules),
        ):
            if full in table:
                return kind
        return None

    def _value(self, name: str) -> bool:
        present = name in self.values
        if self.probes is not None:
            self.asked.append((name, present))
        return present

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
