"""`alinea doc`: a static HTML site of a rule base that works offline, from a file:// URL.

One page per rule, parameter and fact, an index of subjects, decision trees inlined as SVG
(their nodes link to the pages), and a search box that runs in the page over an index
shipped as a script (a `fetch` of JSON would be refused from file://).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jinja2

from ..engine import files
from ..engine.compiler.program import Program, RuleSymbol
from ..engine.domain.values import french_date
from ..engine.runtime.evaluator import Evaluator
from . import deps, dot, highlight, labels, links, pages, render, sitefolder, tree

HERE = Path(__file__).resolve().parent
STATIC = ("style.css", "recherche.js")


@attrs.frozen
class SiteSummary:
    pages: int
    diagrams: int


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["code"] = highlight.html
    env.filters["period"] = labels.period
    env.filters["date_fr"] = french_date
    env.filters["url"] = links.url
    env.filters["expression"] = pages.value_text
    return env


def build(program: Program, out: str | Path, day: datetime.date) -> SiteSummary:
    """Write the site of `program` into `out`, at the law of `day`: a new or empty folder, or
    an earlier site, whose pages of deleted rules are removed (see `sitefolder`)."""
    target = sitefolder.check(out)
    staging = sitefolder.staging(target)
    try:
        writer = _Writer(program, staging, day, environment())
        writer.static()
        writer.index()
        for name in sorted(program.rules):
            writer.rule(name)
        for name in sorted(program.parameters):
            writer.parameter(name)
        for name in sorted(program.facts):
            writer.fact(name)
        writer.search_index()
        sitefolder.publish(target, staging, writer.written)
    except OSError as error:
        raise files.write_error(out, files.reason(error)) from None
    finally:
        sitefolder.abandon(target, staging)
    return SiteSummary(writer.pages, writer.diagrams)


class _Writer:
    def __init__(
        self, program: Program, out: Path, day: datetime.date, env: jinja2.Environment
    ) -> None:
        self.program = program
        self.out = out
        self.day = day
        self.env = env
        self.pages = 0
        self.diagrams = 0
        self.entries: list[dict[str, str]] = []
        self.written: list[str] = []
        self.evaluator = Evaluator(program)

    def write(self, path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        html = self.env.get_template(template).render(
            root=root, day=self.day, program=self.program, **context
        )
        self.file(path, html.encode("utf-8"))
        self.pages += 1

    def file(self, path: str, data: bytes) -> None:
        """One file of the site, into the staging folder (moved into place by `publish`)."""
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.written.append(path)

    def static(self) -> None:
        for name in STATIC:
            self.file(name, (HERE / "static" / name).read_bytes())

    def diagram(self, build: Callable[[], Any], label: str, ident: str) -> str:
        svg = render.svg(dot.source(build()))
        self.diagrams += 1
        return render.inline(svg, ident, label)

    # ------------------------------------------------------------ pages

    def index(self) -> None:
        subjects = []
        for subject in [*deps.subjects(self.program), ""]:
            rules = [
                r for n, r in sorted(self.program.rules.items()) if links.subject(n) == subject
            ]
            parameters = [
                p for n, p in sorted(self.program.parameters.items()) if links.subject(n) == subject
            ]
            if rules or parameters:
                graph = ""
                if subject:
                    graph = self.diagram(
                        lambda s=subject: deps.dependency_graph(self.program, s, day=self.day),  # type: ignore[misc]
                        f"Dépendances du sujet {subject}",
                        f"deps-{subject}",
                    )
                subjects.append((subject, rules, parameters, graph))
        graph = self.diagram(
            lambda: deps.dependency_graph(self.program, day=self.day),
            "Graphe des dépendances",
            "deps",
        )
        facts = [self.program.facts[n] for n in sorted(self.program.facts)]
        self.write("index.html", "index.html", subjects=subjects, facts=facts, graph=graph)

    def rule(self, name: str) -> None:
        symbol = self.program.rules[name]
        versions = pages.versions(self.program, symbol, self.day)
        diagrams = {}
        for version in versions:
            diagrams[version.number] = self.diagram(
                lambda v=version: tree.decision_tree(  # type: ignore[misc]
                    self.program, name, v.date, depth=0, prefix="../", evaluator=self.evaluator
                ),
                f"Arbre de décision de « {version.label} » au {french_date(version.date)}",
                f"v{version.number}",
            )
        derogations = [
            (
                d,
                pages.excerpt(d.decl.span),
                tree.rank(d, symbol.derogations),
                pages.quote(d.origin.article),
            )
            for d in symbol.derogations
        ]
        self.write(
            links.page("règle", name),
            "rule.html",
            symbol=symbol,
            subject=links.subject(name),
            versions=versions,
            diagrams=diagrams,
            derogations=derogations,
            label=symbol.label_at(self.day) or name,
            description=symbol.description_at(self.day),
            uses=pages.uses(self.program, name, "../", self.day),
            used_by=pages.used_by(self.program, name, "../", self.day),
            coverage=pages.coverage(self.program, name, self.day),
        )
        self._entry("règle", name, symbol, [v.article.reference for v in versions if v.article])

    def parameter(self, name: str) -> None:
        symbol = self.program.parameters[name]
        values = [
            (
                entry,
                pages.value_text(entry.value.value),
                pages.quote(
                    (
                        self.program.article(entry.value.citation.text, self.day)
                        if entry.value.citation
                        else None
                    )
                    or entry.origin.article
                ),
            )
            for entry in symbol.entries
        ]
        yearly = [
            (entry, pages.revaluations(self.evaluator.series(name, index), self.day))
            for index, entry in enumerate(symbol.entries)
            if entry.value.yearly
        ]
        self.write(
            links.page("paramètre", name),
            "parameter.html",
            symbol=symbol,
            subject=links.subject(name),
            values=values,
            yearly=yearly,
            source=pages.excerpt(symbol.decl.span),
            used_by=pages.used_by(self.program, name, "../", self.day),
            coverage=pages.coverage(self.program, name, self.day),
        )
        self._entry(
            "paramètre",
            name,
            symbol,
            [e.origin.article.reference for e in symbol.entries if e.origin.article],
        )

    def fact(self, name: str) -> None:
        symbol = self.program.facts[name]
        self.write(
            links.page("donnée", name),
            "fact.html",
            symbol=symbol,
            example=pages.fact_example(self.program, name),
            source=pages.excerpt(symbol.decl.span),
            used_by=pages.used_by(self.program, name, "../", self.day),
        )
        self._entry("donnée", name, symbol, [symbol.decl.question or ""])

    # ------------------------------------------------------------ search

    def _entry(self, kind: str, name: str, symbol: object, extra: list[str]) -> None:
        label = pages.label_of(self.program, name, self.day)
        public = isinstance(symbol, RuleSymbol) and symbol.public
        self.entries.append(
            {
                "nom": name,
                "libelle": label,
                "genre": "conclusion" if public else kind,
                "url": links.url(kind, name),
                "texte": " ".join(dict.fromkeys(e for e in extra if e)),
            }
        )

    def search_index(self) -> None:
        data = json.dumps(self.entries, ensure_ascii=False, indent=0, sort_keys=True)
        self.file("recherche-index.js", f"window.ALINEA_RECHERCHE = {data};\n".encode())
