"""The structural diff: by fact, parameter, rule version, exception and article, in words.

A rule is read as a set of statements keyed by what they are about (its type, a condition
by its label, a case by its value, a barème row by its key, an exception by its text), so a
change reads « condition « adressé par un médecin » supprimée », not as a line diff, and
both sides carry their citation and the quoted text of their article.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TypeVar

import attrs
import networkx as nx

from ..dsl import nodes, printer
from ..engine.compiler import timeline
from ..engine.compiler.program import DerogationDef, Origin, ParameterEntry, Program, RuleVersion
from ..engine.domain.types import from_syntax
from ..engine.domain.values import short_date
from ..engine.explain.explanation import period_text
from .report import Change, SideText

ADDED, REMOVED, MODIFIED = "ajouté", "supprimé", "modifié"
T = TypeVar("T")
Dated = Callable[[T], "nodes.Period | None"]


# ---------------------------------------------------------------- two rule bases


def between(old: Program, new: Program) -> list[Change]:
    """Every change from one rule base to another, version by version."""
    changes: list[Change] = []
    for name in sorted(old.facts.keys() | new.facts.keys()):
        changes.extend(_fact(old, new, name))
    for name in sorted(old.parameters.keys() | new.parameters.keys()):
        before = old.parameters[name].entries if name in old.parameters else []
        after = new.parameters[name].entries if name in new.parameters else []
        for ea, eb in _pair(before, after, lambda e: e.value.period):
            changes.extend(_parameter(name, ea, eb, _affects(name, old, new)))
    for name in sorted(old.rules.keys() | new.rules.keys()):
        before_v = old.rules[name].versions if name in old.rules else []
        after_v = new.rules[name].versions if name in new.rules else []
        public = (new.rules.get(name) or old.rules[name]).public
        for va, vb in _pair(before_v, after_v, lambda v: v.period):
            changes.extend(_rule(name, public, va, vb, _affects(name, old, new), periods=True))
        before_d = old.rules[name].derogations if name in old.rules else []
        after_d = new.rules[name].derogations if name in new.rules else []
        for da, db in _pair_derogations(before_d, after_d):
            changes.extend(_derogation(name, da, db, _affects(name, old, new)))
    return changes + _articles(old, new, None, None, changes)


# ---------------------------------------------------------------- one rule base, two dates


def at_dates(program: Program, old_day: datetime.date, new_day: datetime.date) -> list[Change]:
    """What changes in the law in force from one day to another; a value or version that
    stops (or starts) being in force says why: not covered by the rule base, or the law."""
    changes: list[Change] = []
    days = (old_day, new_day)
    for name, parameter in sorted(program.parameters.items()):
        a = parameter.entry_at(old_day)
        b = parameter.entry_at(new_day)
        if a is not b:
            found = _parameter(name, a, b, _affects(name, program))
            changes.extend(_why_absent(program, name, days, found))
    for name, rule in sorted(program.rules.items()):
        va = rule.version_at(old_day)
        vb = rule.version_at(new_day)
        if va is not vb:
            found = _rule(name, rule.public, va, vb, _affects(name, program))
            changes.extend(_why_absent(program, name, days, found))
        da = rule.derogations_at(old_day)
        db = rule.derogations_at(new_day)
        for xa, xb in _pair_derogations(da, db):
            if xa is not xb:
                changes.extend(_derogation(name, xa, xb, _affects(name, program)))
    return changes + _articles(program, program, old_day, new_day, changes)


def _why_absent(
    program: Program,
    name: str,
    days: tuple[datetime.date, datetime.date],
    changes: list[Change],
) -> list[Change]:
    """A symbol added or removed between two dates: the day it has no version, and why."""
    found = []
    for change in changes:
        day = days[0] if change.action == ADDED else days[1]
        why = timeline.describe(program, name, day) if change.action != MODIFIED else None
        if why is not None:
            change = attrs.evolve(
                change, details=(f"au {short_date(day)} : {why}", *change.details)
            )
        found.append(change)
    return found


# ---------------------------------------------------------------- facts and parameters


def _fact(old: Program, new: Program, name: str) -> list[Change]:
    a, b = old.facts.get(name), new.facts.get(name)
    if a is None and b is None:
        return []
    texts = [
        None if s is None else SideText(_where(s.decl), _cite(s.decl.citation, None), None)
        for s in (a, b)
    ]
    if a is None or b is None:
        return [Change("donnée", name, ADDED if a is None else REMOVED, texts[0], texts[1])]
    details = _compare(_fact_lines(a.decl), _fact_lines(b.decl))
    return [Change("donnée", name, MODIFIED, texts[0], texts[1], details)] if details else []


def _fact_lines(fact: nodes.Fact) -> dict[str, str]:
    lines = {"type": str(from_syntax(fact.type))}
    if fact.bounds is not None:
        low, high = printer.expression(fact.bounds.low), printer.expression(fact.bounds.high)
        lines["bornes"] = f"entre {low} et {high}"
    for key, value in (
        ("question", fact.question),
        ("libellé", fact.label),
        ("description", fact.description),
    ):
        if value:
            lines[key] = f"« {value} »"
    return lines


def _parameter(
    name: str, a: ParameterEntry | None, b: ParameterEntry | None, affects: tuple[str, ...]
) -> list[Change]:
    texts = [
        None if e is None else _side(e.origin, e.value.citation, e.value.period, e.value)
        for e in (a, b)
    ]
    if a is None or b is None:
        action = ADDED if a is None else REMOVED
        entry = b or a
        assert entry is not None
        details: tuple[str, ...] = (f"valeur : {_entry_lines(entry)['valeur']}",)
        return [Change("paramètre", name, action, texts[0], texts[1], details, affects)]
    details = _compare(_entry_lines(a), _entry_lines(b))
    if not details and _same(texts[0], texts[1]):
        return []
    return [Change("paramètre", name, MODIFIED, texts[0], texts[1], details, affects)]


def _entry_lines(entry: ParameterEntry) -> dict[str, str]:
    """A yearly value (`… chaque année`) differs from the same formula applied once."""
    shown = printer.expression(entry.value.value, pretty=True)
    return {"valeur": f"{shown} {printer.YEARLY}" if entry.value.yearly else shown}


# ---------------------------------------------------------------- rules


def _rule(
    name: str,
    public: bool,
    a: RuleVersion | None,
    b: RuleVersion | None,
    affects: tuple[str, ...],
    *,
    periods: bool = False,
) -> list[Change]:
    category = "conclusion" if public else "règle"
    texts = [
        None if v is None else _side(v.origin, v.rule.citation, v.period, v.rule) for v in (a, b)
    ]
    if a is None or b is None:
        action = ADDED if a is None else REMOVED
        version = b or a
        assert version is not None
        details = tuple(f"{k} : {v}" for k, v in rule_lines(version.rule).items())
        return [Change(category, name, action, texts[0], texts[1], details, affects)]
    details = _compare(rule_lines(a.rule), rule_lines(b.rule))
    if periods and a.period != b.period:
        details = (f"en vigueur : {period_text(a.period)} → {period_text(b.period)}", *details)
    if not details and _same(texts[0], texts[1]):
        return []
    return [Change(category, name, MODIFIED, texts[0], texts[1], details, affects)]


def rule_lines(rule: nodes.Rule) -> dict[str, str]:
    """A rule as statements keyed by what they are about."""
    lines = {"type": str(from_syntax(rule.type))}
    if rule.label:
        lines["libellé"] = f"« {rule.label} »"
    if rule.applicability is not None:
        _condition(lines, "applicable si", rule.applicability.condition)
    for clause in rule.clauses:
        match clause:
            case nodes.Value(value=value, citation=citation):
                lines["valeur"] = _expr(value) + _selon(citation)
            case nodes.Default(value=value, citation=citation):
                lines["sinon"] = _expr(value) + _selon(citation)
            case nodes.Case(value=value, condition=condition, citation=citation):
                _condition(lines, f"cas « {_expr(value)} »", condition, citation)
            case nodes.Unless(value=value, condition=condition, citation=citation):
                text = f"sauf {_expr(value)} si {_expr(condition)}"
                lines[f"exception « {text} »"] = text + _selon(citation)
            case nodes.Table(key=key, rows=rows):
                lines["barème suivant"] = _expr(key)
                for row in rows:
                    lines[f"ligne « {printer.row_key(row.key, pretty=True)} »"] = _expr(
                        row.value
                    ) + _selon(row.citation)
            case nodes.ListBuild(elements=elements):
                for element in elements:
                    guard = f" si {_expr(element.condition)}" if element.condition else ""
                    lines[f"élément « {_expr(element.value)} »"] = (
                        _expr(element.value) + guard + _selon(element.citation)
                    )
    return lines


def _condition(
    lines: dict[str, str], key: str, condition: nodes.Expr, citation: nodes.Citation | None = None
) -> None:
    if not isinstance(condition, nodes.Group):
        lines[key] = _expr(condition) + _selon(citation)
        return
    lines[key] = {"toutes": "toutes ces conditions", "une": "une de ces conditions"}.get(
        condition.quantifier, "aucune de ces conditions"
    ) + _selon(citation)
    for item in condition.items:
        name = f"« {item.label} »" if item.label else _expr(item.expr)
        guard = f" si {_expr(item.guard)}" if item.guard is not None else ""
        lines[f"{key}, condition {name}"] = _expr(item.expr) + guard + _selon(item.citation)


# ---------------------------------------------------------------- exceptions


def _pair_derogations(
    before: Sequence[DerogationDef], after: Sequence[DerogationDef]
) -> list[tuple[DerogationDef | None, DerogationDef | None]]:
    def key(d: DerogationDef) -> str:
        return d.decl.name or " ; ".join(_expr(c.value) for c in d.decl.cases)

    old = {key(d): d for d in before}
    new = {key(d): d for d in after}
    return [(old.get(k), new.get(k)) for k in sorted(old.keys() | new.keys())]


def _derogation(
    target: str, a: DerogationDef | None, b: DerogationDef | None, affects: tuple[str, ...]
) -> list[Change]:
    decl = (b or a).decl  # type: ignore[union-attr]
    name = f"{target} — exception « {decl.name} »" if decl.name else f"{target} — exception"
    texts = [
        None if d is None else _side(d.origin, d.decl.citation, d.period, d.decl) for d in (a, b)
    ]
    lines = [None if d is None else _derogation_lines(d) for d in (a, b)]
    if lines[0] is None or lines[1] is None:
        action = ADDED if lines[0] is None else REMOVED
        shown = lines[1] or lines[0] or {}
        details = tuple(f"{k} : {v}" for k, v in shown.items())
        return [Change("exception", name, action, texts[0], texts[1], details, affects)]
    details = _compare(lines[0], lines[1])
    if not details and _same(texts[0], texts[1]):
        return []
    return [Change("exception", name, MODIFIED, texts[0], texts[1], details, affects)]


def _derogation_lines(derogation: DerogationDef) -> dict[str, str]:
    decl = derogation.decl
    lines: dict[str, str] = {}
    if decl.prevails_over:
        lines["prime sur"] = ", ".join(decl.prevails_over)
    for case in decl.cases:
        _condition(lines, f"cas « {_expr(case.value)} »", case.condition, case.citation)
    if derogation.period is not None:
        lines["en vigueur"] = period_text(derogation.period)
    return lines


# ---------------------------------------------------------------- articles


def _articles(
    old: Program,
    new: Program,
    old_day: datetime.date | None,
    new_day: datetime.date | None,
    changes: list[Change],
) -> list[Change]:
    """Article sections whose quoted text changed, when no change above already shows them."""
    shown = {
        (t.article, t.in_force)
        for c in changes
        for t in (c.old, c.new)
        if t is not None and t.article
    }
    found = []
    for reference in sorted(old.articles.keys() | new.articles.keys()):
        before = [a for a, _ in old.articles.get(reference, [])]
        after = [a for a, _ in new.articles.get(reference, [])]
        if old_day is not None and new_day is not None:
            pairs = [(_section_at(before, old_day), _section_at(after, new_day))]
        else:
            pairs = _pair(before, after, lambda a: a.period)
        for a, b in pairs:
            if a == b and (old_day is None or a is b):
                continue
            texts = [None if x is None else _article_side(x) for x in (a, b)]
            if any(t is not None and (t.article, t.in_force) in shown for t in texts):
                continue
            if a is not None and b is not None and a.lines == b.lines and old_day is None:
                continue
            action = ADDED if a is None else REMOVED if b is None else MODIFIED
            details = ("texte cité modifié",) if a and b and a.lines != b.lines else ()
            found.append(Change("article", reference, action, texts[0], texts[1], details))
    return found


def _section_at(sections: list[nodes.Article], day: datetime.date) -> nodes.Article | None:
    found = [a for a in sections if a.period is None or a.period.contains(day)]
    return found[-1] if found else None


def _article_side(article: nodes.Article) -> SideText:
    return SideText(
        _where(article),
        article.reference,
        period_text(article.period) if article.period else None,
        article.reference,
        article.amendment,
        tuple(line.strip() for line in article.lines),
    )


# ---------------------------------------------------------------- helpers


def _side(
    origin: Origin, citation: nodes.Citation | None, period: nodes.Period | None, node: nodes.Node
) -> SideText:
    article = origin.article
    return SideText(
        _where(node),
        _cite(citation, article),
        period_text(period) if period is not None else None,
        article.reference if article else None,
        article.amendment if article else None,
        tuple(line.strip() for line in article.lines) if article else (),
    )


def _same(a: SideText | None, b: SideText | None) -> bool:
    """Equal sources, wherever the files are (two folders, two revisions)."""
    if a is None or b is None:
        return a is b
    return attrs.evolve(a, location=None) == attrs.evolve(b, location=None)


def _where(node: nodes.Node) -> str | None:
    return f"{node.span.path}:{node.span.line}" if node.span else None


def _cite(citation: nodes.Citation | None, article: nodes.Article | None) -> str | None:
    if citation is not None:
        return citation.text
    return article.reference if article else None


def _expr(expr: nodes.Expr) -> str:
    return printer.expression(expr, pretty=True)


def _selon(citation: nodes.Citation | None) -> str:
    return f"  (selon « {citation.text} »)" if citation else ""


def _compare(old: dict[str, str], new: dict[str, str]) -> tuple[str, ...]:
    """Statements removed, added and changed, in the order they are written."""
    details = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key not in new:
            details.append(f"supprimé — {key} : {old[key]}")
        elif key not in old:
            details.append(f"ajouté — {key} : {new[key]}")
        elif old[key] != new[key]:
            before, after = old[key], new[key]
            suffix = before[before.rfind("  (selon") :] if "  (selon" in before else None
            if suffix and after.endswith(suffix):
                before, after = before[: -len(suffix)], after[: -len(suffix)] + suffix
            details.append(f"modifié — {key} : {before} → {after}")
    return tuple(details)


def _pair(
    before: Sequence[T], after: Sequence[T], get: Dated[T]
) -> list[tuple[T | None, T | None]]:
    """Versions matched by period: equal periods first, then the largest overlap."""
    pairs: list[tuple[T | None, T | None]] = []
    left = list(before)
    right = list(after)
    for a in list(left):
        b = next((b for b in right if get(b) == get(a)), None)
        if b is not None:
            pairs.append((a, b))
            left.remove(a)
            right.remove(b)
    for a in list(left):
        overlaps = [(_overlap(get(a), get(b)), i) for i, b in enumerate(right)]
        best = max(overlaps, default=(0, -1))
        if best[0] > 0:
            pairs.append((a, right.pop(best[1])))
            left.remove(a)
    pairs.extend((a, None) for a in left)
    pairs.extend((None, b) for b in right)
    return pairs


def _overlap(a: nodes.Period | None, b: nodes.Period | None) -> int:
    start = max(_start(a), _start(b))
    end = min(_end(a), _end(b))
    return max(0, (end - start).days + 1)


def _start(period: nodes.Period | None) -> datetime.date:
    return period.start if period and period.start else datetime.date.min


def _end(period: nodes.Period | None) -> datetime.date:
    return period.end if period and period.end else datetime.date.max


def _affects(name: str, *programs: Program) -> tuple[str, ...]:
    """The public conclusions that read `name`, directly or not."""
    found: set[str] = set()
    for program in programs:
        if name in program.graph:
            for other in {name, *nx.descendants(program.graph, name)}:
                rule = program.rules.get(other)
                if rule is not None and rule.public:
                    found.add(other)
    return tuple(sorted(found))
