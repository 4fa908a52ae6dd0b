"""The checked rule base: symbols with their versions, built and verified by the passes.

A `Program` holds only AST nodes, types and a dependency graph; the loader builds it from the
parsed modules (cached on disk as checked JSON, `engine.cache`) and the evaluator compiles
closures from it lazily, rule by rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ...dsl import nodes
from ...dsl.errors import Diagnostic, Span
from ..domain.types import Type
from .dependencies import Digraph

if TYPE_CHECKING:
    import networkx as nx


def in_force(period: nodes.Period | None, day: datetime.date) -> bool:
    """A version, value or exception without a period is in force on every day."""
    return period is None or period.contains(day)


@attrs.frozen
class Origin:
    """Where a declaration was written: its file and the article section it sits under."""

    path: str
    article: nodes.Article | None


@attrs.frozen
class FactSymbol:
    name: str
    type: Type
    decl: nodes.Fact
    origin: Origin

    @property
    def span(self) -> Span | None:
        return self.decl.span


@attrs.frozen
class ParameterEntry:
    value: nodes.ParameterValue
    origin: Origin

    def in_force(self, day: datetime.date) -> bool:
        return in_force(self.value.period, day)


@attrs.define
class ParameterSymbol:
    name: str
    type: Type
    decl: nodes.Parameter
    entries: list[ParameterEntry] = attrs.Factory(list)

    @property
    def span(self) -> Span | None:
        return self.decl.span

    def entry_at(self, day: datetime.date) -> ParameterEntry | None:
        """The value in force on `day`, if the rule base holds one."""
        return next((e for e in self.entries if e.in_force(day)), None)


@attrs.frozen
class RuleVersion:
    rule: nodes.Rule
    period: nodes.Period | None
    origin: Origin

    def in_force(self, day: datetime.date) -> bool:
        return in_force(self.period, day)

    @property
    def start(self) -> datetime.date:
        """Its first day; `date.min` for a version in force since always."""
        period = self.period
        return period.start if period is not None and period.start else datetime.date.min


@attrs.frozen
class DerogationDef:
    decl: nodes.Derogation
    period: nodes.Period | None
    origin: Origin
    overrides: frozenset[str] = frozenset()

    def in_force(self, day: datetime.date) -> bool:
        return in_force(self.period, day)

    @property
    def key(self) -> str:
        """The name other exceptions use in `prime sur`; unnamed ones get their position."""
        if self.decl.name:
            return self.decl.name
        span = self.decl.span
        return f"{span.path}:{span.line}" if span else "?"


@attrs.define
class RuleSymbol:
    name: str
    type: Type
    public: bool
    versions: list[RuleVersion] = attrs.Factory(list)
    derogations: list[DerogationDef] = attrs.Factory(list)

    @property
    def span(self) -> Span | None:
        return self.versions[0].rule.span if self.versions else None

    def version_at(self, day: datetime.date) -> RuleVersion | None:
        """The version in force on `day`, if the rule base holds one."""
        return next((v for v in self.versions if v.in_force(day)), None)

    def derogations_at(self, day: datetime.date) -> list[DerogationDef]:
        """The exceptions in force on `day`, in the order they are written."""
        return [d for d in self.derogations if d.in_force(day)]

    def label_at(self, day: datetime.date | None) -> str | None:
        """The label of the version in force on `day` (the last version's without a day).

        A version without a label, or a day no version covers, takes the label of the
        nearest version that has one: the latest before, else the first after — the words
        of the law closest in time, never those of a version decades away when a nearer
        one speaks."""
        return self._nearest(day, lambda v: v.rule.label)

    def label_of(self, version: RuleVersion) -> str:
        """The words a version is shown with: its label, else the nearest one, else the name."""
        return version.rule.label or self.label_at(version.start) or self.name

    def description_at(self, day: datetime.date | None) -> str | None:
        return self._nearest(day, lambda v: v.rule.description)

    def _nearest(
        self, day: datetime.date | None, read: Callable[[RuleVersion], str | None]
    ) -> str | None:
        if not self.versions:
            return None
        ordered = sorted(self.versions, key=lambda v: v.start)
        if day is None:
            index = len(ordered) - 1
        else:
            index = max((i for i, v in enumerate(ordered) if v.start <= day), default=0)
        before = [read(v) for v in reversed(ordered[: index + 1])]
        after = [read(v) for v in ordered[index + 1 :]]
        return next((text for text in [*before, *after] if text), None)


Symbol = FactSymbol | ParameterSymbol | RuleSymbol


@attrs.define
class Program:
    modules: tuple[nodes.Module, ...]
    facts: dict[str, FactSymbol] = attrs.Factory(dict)
    parameters: dict[str, ParameterSymbol] = attrs.Factory(dict)
    rules: dict[str, RuleSymbol] = attrs.Factory(dict)
    articles: dict[str, list[tuple[nodes.Article, Origin]]] = attrs.Factory(dict)
    dependencies: Digraph = attrs.Factory(Digraph)
    """The dependency graph the passes build (`a -> b`: b reads a), in plain dicts."""
    warnings: list[Diagnostic] = attrs.Factory(list)
    _found: dict[tuple[str, datetime.date | None], nodes.Article | None] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    """`article` by citation and day: explanations ask it for every cited step they show."""

    @property
    def graph(self) -> nx.DiGraph[str]:
        """The dependency graph as a networkx `DiGraph`, built on first use: for readers that
        want networkx's algorithms; loading and evaluating never import it."""
        return self.dependencies.networkx()

    def symbol(self, name: str) -> Symbol | None:
        return self.facts.get(name) or self.parameters.get(name) or self.rules.get(name)

    def reference(self, citation: str) -> str | None:
        """The article reference a citation points to: the longest section reference it
        starts with ("CSS R.162-64 1°" -> "CSS R.162-64"), or None."""
        text = " ".join(citation.split())
        if text in self.articles:
            return text
        # A reference ends where the citation goes on with something else than a letter or a
        # digit: try those prefixes, longest first (a few dict lookups, not a scan of every
        # article: explanations ask this for each step they quote).
        for end in range(len(text) - 1, 0, -1):
            if not text[end].isalnum() and text[:end] in self.articles:
                return text[:end]
        return None

    def article(self, citation: str, day: datetime.date | None) -> nodes.Article | None:
        """The article section a citation points to, in its version in force on `day`.

        A citation points to the longest article reference it starts with:
        "CSS R.162-64 1°" -> the section headed "§ CSS R.162-64".
        """
        key = (citation, day)
        if key not in self._found:
            self._found[key] = self._article(citation, day)
        return self._found[key]

    def _article(self, citation: str, day: datetime.date | None) -> nodes.Article | None:
        reference = self.reference(citation)
        if reference is None:
            return None
        candidates = [
            a
            for a, _ in self.articles[reference]
            if day is None or a.period is None or a.period.contains(day)
        ]
        return candidates[-1] if candidates else None
