"""Witness situations: found by the solver (or by boundary values), then checked, minimised
and explained by the real evaluator, so what `alinea diff` prints is what `alinea eval`
would say.

The symbolic search asks z3 for a situation where the two outcomes differ, then blocks its
*region*: the truth values of the decisions (conditions, comparisons) that exist on one side
only. Another witness must take at least one of those decisions the other way; when none is
left the search is exhaustive.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from typing import Any

import z3

from ..dsl.errors import AlineaError
from ..engine.rulebase import RuleBase
from .report import ABSENT, SYMBOLIC, Outcome, Witness, outcome
from .sides import Side
from .symbolic import Encoder
from .terms import Unsupported, differs
from .variables import Vocabulary

MAX_WITNESSES = 8
TIMEOUT_MS = 5_000


class Runner:
    """Evaluates situations on one side with the real evaluator."""

    def __init__(self, side: Side, base: RuleBase | None = None) -> None:
        self.side = side
        self.base = base or RuleBase(side.program)

    def at(self, day: datetime.date) -> Runner:
        """The same rule base read at another day (compiled closures are kept)."""
        return Runner(Side(self.side.program, day), self.base)

    def outcome(self, raw: Mapping[str, Any], name: str, *, explain: bool = False) -> Outcome:
        if name not in self.side.program.rules:
            return ABSENT
        facts = self._facts(raw)
        try:
            result = self.base.evaluate_facts(facts, date=self.side.day, only=[name])
            conclusion = result[name]
        except AlineaError as error:
            message = "; ".join(d.message for d in error.diagnostics)
            return Outcome("erreur", None, f"erreur : {message}", error=message)
        return outcome(conclusion, explain=explain)

    def _facts(self, raw: Mapping[str, Any]) -> dict[str, object]:
        """The facts this side knows; a value its type refuses is unknown here."""
        facts: dict[str, object] = {}
        for name, value in raw.items():
            if name not in self.side.program.facts:
                continue
            try:
                facts.update(self.base.facts_from({name: value}))
            except AlineaError:
                continue
        return facts


def disagree(old: Runner, new: Runner, raw: Mapping[str, Any], name: str) -> bool:
    return old.outcome(raw, name).key != new.outcome(raw, name).key


def minimise(old: Runner, new: Runner, raw: Mapping[str, Any], name: str) -> dict[str, Any]:
    """Drop facts one by one while both sides keep their outcome."""
    keys = (old.outcome(raw, name).key, new.outcome(raw, name).key)
    kept = dict(raw)
    for fact in sorted(raw):
        trial = {k: v for k, v in kept.items() if k != fact}
        if (old.outcome(trial, name).key, new.outcome(trial, name).key) == keys:
            kept = trial
    return kept


Inside = Callable[[Mapping[str, Any]], bool]


def snap(
    old: Runner,
    new: Runner,
    raw: Mapping[str, Any],
    name: str,
    values: dict[str, list[Any]],
    inside: Inside | None = None,
) -> dict[str, Any]:
    """Move each fact onto the first boundary value that keeps both outcomes (and the region
    of the search, so two witnesses of two regions stay apart): witnesses then sit on the
    thresholds, and do not depend on which model the solver happened to return."""
    keys = (old.outcome(raw, name).key, new.outcome(raw, name).key)
    kept = dict(raw)
    for fact in [*sorted(raw), *sorted(raw)]:
        for value in values.get(fact, ()):
            if value == kept[fact]:
                break
            trial = {**kept, fact: value}
            found = (old.outcome(trial, name).key, new.outcome(trial, name).key)
            if found == keys if inside is None else found[0] != found[1] and inside(trial):
                kept = trial
                break
    return kept


def witness(
    old: Runner,
    new: Runner,
    raw: Mapping[str, Any],
    name: str,
    method: str,
    values: dict[str, list[Any]],
    inside: Inside | None = None,
) -> Witness:
    facts = minimise(old, new, snap(old, new, raw, name, values, inside), name)
    return Witness(
        facts,
        old.outcome(facts, name, explain=True),
        new.outcome(facts, name, explain=True),
        method,
    )


class SymbolicSearch:
    """z3 search for one conclusion; `run` raises `Unsupported` when it cannot be encoded."""

    def __init__(self, old: Runner, new: Runner, name: str, values: dict[str, list[Any]]) -> None:
        self.old = old
        self.new = new
        self.name = name
        self.values = values

    def run(self) -> tuple[list[Witness], bool, str | None, int]:
        """(witnesses, exhaustive, why not, unconfirmed models)."""
        vocabulary = Vocabulary([self.old.side.program, self.new.side.program])
        old = Encoder(self.old.side.lowered, vocabulary)
        new = Encoder(self.new.side.lowered, vocabulary)
        before = _outcome_sym(old, self.name)
        after = _outcome_sym(new, self.name)
        if before is None or after is None:
            raise Unsupported("conclusion absente d'un côté")
        solver = z3.Solver()
        solver.set("timeout", TIMEOUT_MS)
        solver.add(*vocabulary.constraints())
        solver.add(differs(before, after))
        atoms = sorted(
            (
                term
                for key, term in {**old.atoms, **new.atoms}.items()
                if (key in old.atoms) != (key in new.atoms)
            ),
            key=lambda term: term.sexpr(),
        )
        found: list[Witness] = []
        unconfirmed = 0
        while True:
            answer = solver.check()
            if answer == z3.unsat:
                return _ordered(found), True, None, unconfirmed
            if len(found) >= MAX_WITNESSES:
                break
            if answer != z3.sat:
                return (
                    found,
                    False,
                    f"le solveur n'a pas conclu ({solver.reason_unknown()})",
                    unconfirmed,
                )
            model = solver.model()
            raw = vocabulary.decode(model)
            if disagree(self.old, self.new, raw, self.name):
                inside = _region(vocabulary, model, atoms)
                found_one = witness(
                    self.old, self.new, raw, self.name, SYMBOLIC, self.values, inside
                )
                if all(w.facts != found_one.facts for w in found):
                    found.append(found_one)
            else:
                unconfirmed += 1
            solver.add(_block(model, atoms))
        why = f"recherche arrêtée après {MAX_WITNESSES} témoins"
        return _ordered(found), False, why, unconfirmed


def _ordered(found: list[Witness]) -> list[Witness]:
    """Fewest facts first, then by the facts themselves: an order that does not depend on the
    solver's path."""
    return sorted(found, key=lambda w: (len(w.facts), json.dumps(w.facts, sort_keys=True)))


def _outcome_sym(encoder: Encoder, name: str) -> Any:
    if name not in encoder.program.rules:
        return None
    return encoder.rule(name)


def _region(vocabulary: Vocabulary, model: Any, atoms: list[Any]) -> Inside:
    """Whether a situation takes every side-specific decision as `model` does."""
    expected = [z3.is_true(model.evaluate(atom, model_completion=True)) for atom in atoms]

    def inside(raw: Mapping[str, Any]) -> bool:
        pairs = vocabulary.assignment(raw)
        for atom, wanted in zip(atoms, expected, strict=True):
            if z3.is_true(z3.simplify(z3.substitute(atom, *pairs))) != wanted:
                return False
        return True

    return inside


def _block(model: Any, atoms: list[Any]) -> Any:
    """Exclude the region of `model`: the same truth values for every side-specific decision."""
    if not atoms:
        return z3.BoolVal(False)
    return z3.Or(*(atom != model.evaluate(atom, model_completion=True) for atom in atoms))
