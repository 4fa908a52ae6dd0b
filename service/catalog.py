"""The rule base as data: `/v1/rules`, `/v1/facts`, `/v1/parameters` and one of each.

Read from the checked program the way the documentation site reads it (`visualize.pages`):
labels and descriptions of the version in force on the date asked, every version with its
dates, the article it encodes and the articles it cites, each with its quoted text, and the
coverage of the rule base. Nothing here evaluates a situation.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote as percent

from ..dsl import nodes
from . import adapter
from .errors import ApiError, one, suggestion

DOC = "/doc/"
ROUTES = {"règle": "rules", "paramètre": "parameters", "donnée": "facts"}


def links(kind: str, name: str) -> dict[str, str]:
    """Where a symbol is described: this API and the documentation site."""
    return {"url": f"/v1/{ROUTES[kind]}/{percent(name)}", "doc": adapter.doc_url(kind, name, DOC)}


def period(value: nodes.Period | None) -> dict[str, str | None]:
    return {
        "from": value.start.isoformat() if value and value.start else None,
        "to": value.end.isoformat() if value and value.end else None,
    }


def article(found: adapter.Quote | None) -> dict[str, Any] | None:
    """An article version: its reference, its heading (dates, amending text) and its text."""
    if found is None:
        return None
    return {"reference": found.reference, "heading": found.heading, "text": " ".join(found.lines)}


def type_json(type_: adapter.Type) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": type_.kind.value, "text": str(type_)}
    if type_.values:
        data["values"] = list(type_.values)
    if type_.element is not None:
        data["element"] = type_json(type_.element)
    return data


def _unknown(kind: str, name: str, known: list[str]) -> ApiError:
    words = {
        "règle": "règle inconnue",
        "paramètre": "paramètre inconnu",
        "donnée": "donnée inconnue",
    }
    hint = suggestion(name, known, f"la liste est à /v1/{ROUTES[kind]}")
    return one(404, "H011", f"{words[kind]} « {name} »", hint)


# ---------------------------------------------------------------- rules


def rules(program: adapter.Program, day: datetime.date | None) -> dict[str, Any]:
    return {
        "date": day.isoformat() if day else None,
        "rules": [
            {
                "name": name,
                "kind": "conclusion" if symbol.public else "règle",
                "label": symbol.label_at(day) or name,
                "type": str(symbol.type),
                "versions": len(symbol.versions),
                **links("règle", name),
            }
            for name, symbol in sorted(program.rules.items())
        ],
    }


def rule(program: adapter.Program, name: str, day: datetime.date) -> dict[str, Any]:
    symbol = program.rules.get(name)
    if symbol is None:
        raise _unknown("règle", name, sorted(program.rules))
    pages = adapter.versions(program, symbol, day)
    versions = [
        {
            "number": page.number,
            "label": page.label,
            "description": page.description,
            "period": page.period,
            **period(version.period),
            "in_force": page.current,
            "article": article(page.article),
            "citations": [
                {"citation": citation, "article": article(quoted)}
                for citation, quoted in page.citations
            ],
            "source": _source(page.source),
        }
        for page, version in zip(pages, symbol.versions, strict=True)
    ]
    exceptions = [
        {
            "name": d.decl.name,
            "label": d.decl.label,
            **period(d.period),
            "citation": d.decl.citation.text if d.decl.citation else None,
            "prevails_over": list(d.decl.prevails_over),
            "source": _source(adapter.excerpt(d.decl.span)),
        }
        for d in symbol.derogations
    ]
    return {
        "name": name,
        "kind": "conclusion" if symbol.public else "règle",
        "date": day.isoformat(),
        "label": symbol.label_at(day) or name,
        "description": symbol.description_at(day),
        "type": type_json(symbol.type),
        "versions": versions,
        "exceptions": exceptions,
        "uses": sorted(program.dependencies.predecessors(name)),
        "used_by": sorted(program.dependencies.successors(name)),
        "coverage": _coverage(program, name, day),
        **links("règle", name),
    }


def _coverage(program: adapter.Program, name: str, day: datetime.date) -> dict[str, Any]:
    found = adapter.coverage(program, name, day)
    return {
        "text": list(found.lines),
        "today": found.today,
        "status": found.outcome if found.today else "valeur",
    }


def _source(found: Any) -> dict[str, str] | None:
    """The declaration as written in its rule file."""
    return None if found is None else {"location": found.location, "text": found.text}


# ---------------------------------------------------------------- parameters


def parameters(program: adapter.Program) -> dict[str, Any]:
    return {
        "parameters": [
            {
                "name": name,
                "label": symbol.decl.label or name,
                "type": str(symbol.type),
                "values": len(symbol.entries),
                **links("paramètre", name),
            }
            for name, symbol in sorted(program.parameters.items())
        ]
    }


def parameter(program: adapter.Program, name: str, day: datetime.date) -> dict[str, Any]:
    symbol = program.parameters.get(name)
    if symbol is None:
        raise _unknown("paramètre", name, sorted(program.parameters))
    values = []
    for entry in symbol.entries:
        value = entry.value
        cited = program.article(value.citation.text, day) if value.citation else None
        values.append(
            {
                **period(value.period),
                "value": adapter.expression_text(value.value),
                "yearly": value.yearly,
                "citation": value.citation.text if value.citation else None,
                "article": article(adapter.quote(cited or entry.origin.article)),
            }
        )
    return {
        "name": name,
        "date": day.isoformat(),
        "label": symbol.decl.label or name,
        "description": symbol.decl.description,
        "type": type_json(symbol.type),
        "values": values,
        "used_by": sorted(program.dependencies.successors(name)),
        "coverage": _coverage(program, name, day),
        "source": _source(adapter.excerpt(symbol.decl.span)),
        **links("paramètre", name),
    }


# ---------------------------------------------------------------- facts


def facts(program: adapter.Program) -> dict[str, Any]:
    return {
        "facts": [
            {
                "name": name,
                "label": symbol.decl.label or name,
                "question": symbol.decl.question,
                "type": str(symbol.type),
                **links("donnée", name),
            }
            for name, symbol in sorted(program.facts.items())
        ]
    }


def fact(program: adapter.Program, name: str) -> dict[str, Any]:
    symbol = program.facts.get(name)
    if symbol is None:
        raise _unknown("donnée", name, sorted(program.facts))
    return {**fact_data(symbol), **links("donnée", name)} | {
        "description": symbol.decl.description,
        "example": "{" + adapter.fact_example(program, name) + "}",
        "used_by": sorted(program.dependencies.successors(name)),
        "source": _source(adapter.excerpt(symbol.decl.span)),
    }


def fact_data(symbol: adapter.FactSymbol) -> dict[str, Any]:
    """What a caller needs to ask for a fact: its question, label, type and allowed values
    (the questions of `/v1/questions` carry it too)."""
    decl = symbol.decl
    bounds = None
    if decl.bounds is not None:
        low, high = decl.bounds.low, decl.bounds.high
        bounds = {"min": adapter.expression_text(low), "max": adapter.expression_text(high)}
    return {
        "name": symbol.name,
        "question": decl.question,
        "label": decl.label or symbol.name,
        "type": type_json(symbol.type),
        "bounds": bounds,
        "citation": decl.citation.text if decl.citation else None,
    }
