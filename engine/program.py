"""The checked rule base: symbols with their versions, built and verified by the passes.

A `Program` holds only AST nodes, types and a networkx graph, so it pickles; the loader
caches it on disk and the evaluator compiles closures from it lazily, rule by rule.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import networkx as nx

from ..dsl import nodes
from ..dsl.errors import Diagnostic, Span
from .types import Type


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


@attrs.define
class ParameterSymbol:
    name: str
    type: Type
    decl: nodes.Parameter
    entries: list[ParameterEntry] = attrs.Factory(list)

    @property
    def span(self) -> Span | None:
        return self.decl.span


@attrs.frozen
class RuleVersion:
    rule: nodes.Rule
    period: nodes.Period | None
    origin: Origin


@attrs.frozen
class DerogationDef:
    decl: nodes.Derogation
    period: nodes.Period | None
    origin: Origin
    overrides: frozenset[str] = frozenset()

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

    @property
    def label(self) -> str | None:
        return next((v.rule.label for v in self.versions if v.rule.label), None)

    @property
    def description(self) -> str | None:
        return next((v.rule.description for v in self.versions if v.rule.description), None)


Symbol = FactSymbol | ParameterSymbol | RuleSymbol


@attrs.define
class Program:
    modules: tuple[nodes.Module, ...]
    facts: dict[str, FactSymbol] = attrs.Factory(dict)
    parameters: dict[str, ParameterSymbol] = attrs.Factory(dict)
    rules: dict[str, RuleSymbol] = attrs.Factory(dict)
    articles: dict[str, list[tuple[nodes.Article, Origin]]] = attrs.Factory(dict)
    graph: Any = attrs.Factory(lambda: nx.DiGraph())
    warnings: list[Diagnostic] = attrs.Factory(list)

    def symbol(self, name: str) -> Symbol | None:
        return self.facts.get(name) or self.parameters.get(name) or self.rules.get(name)

    def article(self, citation: str, day: datetime.date | None) -> nodes.Article | None:
        """The article section a citation points to, in its version in force on `day`.

        A citation points to the longest article reference it starts with:
        "CSS R.162-64 1°" -> the section headed "§ CSS R.162-64".
        """
        text = " ".join(citation.split())
        best = None
        for reference, sections in self.articles.items():
            cited = text == reference or (
                text.startswith(reference) and not text[len(reference)].isalnum()
            )
            if cited and (best is None or len(reference) > len(best[0])):
                best = (reference, sections)
        if best is None:
            return None
        candidates = [
            a for a, _ in best[1] if day is None or a.period is None or a.period.contains(day)
        ]
        return candidates[-1] if candidates else None
