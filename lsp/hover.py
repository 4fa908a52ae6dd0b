"""What hovering a name shows: its label and type, the article and quoted text of the
version in force on the server's date, its versions with their dates; a parameter's value
that day (yearly revaluations computed); a citation's quoted article."""

from __future__ import annotations

import datetime

from ..dsl import nodes, printer
from . import engine
from .index import Occurrence, Role
from .workspace import Snapshot


def hover(snapshot: Snapshot, occurrence: Occurrence) -> str | None:
    """Markdown for the name under the cursor, or None when there is nothing to say."""
    program = snapshot.program
    day = snapshot.day
    target = occurrence.target
    match occurrence.role:
        case Role.FACT if target in program.facts:
            return _fact(program.facts[target])
        case Role.RULE if target in program.rules:
            return _rule(program, program.rules[target], day)
        case Role.PARAMETER if target in program.parameters:
            return _parameter(snapshot, program.parameters[target], day)
        case Role.CITATION | Role.ARTICLE:
            return _citation(program, target, day)
        case Role.VALUE:
            return _value(program, target)
        case Role.FUNCTION:
            description = engine.function_names().get(target)
            return f"**{target}** — fonction\n\n{description}" if description else None
    return None


def _head(name: str, kind: str, type_: engine.Type) -> str:
    return f"**{name}** — {kind} · `{type_}`"


def _fact(symbol: engine.FactSymbol) -> str:
    decl = symbol.decl
    parts = [_head(symbol.name, "donnée", symbol.type)]
    parts += [text for text in (decl.label, decl.question, decl.description) if text]
    if decl.bounds is not None:
        low = printer.expression(decl.bounds.low, pretty=True)
        high = printer.expression(decl.bounds.high, pretty=True)
        parts.append(f"entre {low} et {high}")
    if decl.citation is not None:
        parts.append(f"selon « {decl.citation.text} »")
    return "\n\n".join(parts)


def _rule(program: engine.Program, symbol: engine.RuleSymbol, day: datetime.date) -> str:
    kind = "conclusion" if symbol.public else "règle"
    parts = [_head(symbol.name, kind, symbol.type)]
    parts += [t for t in (symbol.label_at(day), symbol.description_at(day)) if t]
    version = symbol.version_at(day)
    if version is None:
        parts.append(f"Au {_date(day)} : {engine.absence(program, symbol.name, day) or '—'}")
    else:
        article = _article_of(program, version.rule.citation, version.origin, day)
        parts.append(_in_force(day, article))
    versions = [
        f"- {engine.period_text(v.period)} — {_source(v.rule.citation, v.origin)}"
        for v in sorted(symbol.versions, key=lambda v: v.start)
    ]
    parts.append("Versions :\n" + "\n".join(versions))
    return "\n\n".join(parts)


def _parameter(snapshot: Snapshot, symbol: engine.ParameterSymbol, day: datetime.date) -> str:
    program = snapshot.program
    decl = symbol.decl
    parts = [_head(symbol.name, "paramètre", symbol.type)]
    parts += [text for text in (decl.label, decl.description) if text]
    evaluator = snapshot.evaluator
    if evaluator is not None:
        parts.append(
            f"Valeur au {_date(day)} : **{engine.parameter_value(evaluator, symbol.name, day)}**"
        )
    else:
        parts.append(f"Valeur au {_date(day)} : incalculable tant que la base a des erreurs")
    current = [e for e in symbol.entries if e.value.period.contains(day)]
    if current:
        entry = current[-1]
        parts.append(_in_force(day, _article_of(program, entry.value.citation, entry.origin, day)))
    values = []
    for entry in sorted(symbol.entries, key=lambda e: e.value.period.start or datetime.date.min):
        value = entry.value
        shown = printer.expression(value.value, pretty=True)
        yearly = " chaque année" if value.yearly else ""
        values.append(
            f"- `{shown}`{yearly} {engine.period_text(value.period)} — "
            f"{_source(value.citation, entry.origin)}"
        )
    parts.append("Valeurs :\n" + "\n".join(values))
    return "\n\n".join(parts)


def _citation(program: engine.Program, text: str, day: datetime.date) -> str:
    article = program.article(text, day)
    if article is None:
        reference = program.reference(text)
        if reference is None:
            return f"« {text} » : aucun article de la base ne porte cette référence"
        periods = ", ".join(engine.period_text(a.period) for a, _ in program.articles[reference])
        return f"**{reference}** n'est pas en vigueur au {_date(day)} dans la base ({periods})"
    return _quoted(article)


def _value(program: engine.Program, value: str) -> str:
    symbols: list[engine.Symbol] = [*program.facts.values(), *program.rules.values()]
    owners = [symbol.name for symbol in symbols if value in engine.enum_values(symbol.type)]
    listed = ", ".join(f"`{name}`" for name in owners[:8])
    more = f" et {len(owners) - 8} autres" if len(owners) > 8 else ""
    return f"**{value}** — valeur d'énumération" + (f" de {listed}{more}" if owners else "")


def _article_of(
    program: engine.Program,
    citation: nodes.Citation | None,
    origin: engine.Origin,
    day: datetime.date,
) -> nodes.Article | None:
    """The article a version rests on: the one its own citation points to, else its
    section."""
    if citation is not None:
        found = program.article(citation.text, day)
        if found is not None:
            return found
    return origin.article


def _in_force(day: datetime.date, article: nodes.Article | None) -> str:
    if article is None:
        return f"En vigueur au {_date(day)} : sans article"
    return f"En vigueur au {_date(day)} : " + _quoted(article)


def _quoted(article: nodes.Article) -> str:
    text = f"**{engine.article_text(article)}**"
    quote = " ".join(line.strip() for line in article.lines)
    return text + (f"\n\n> {quote}" if quote else "\n\n(texte non cité)")


def _source(citation: nodes.Citation | None, origin: engine.Origin) -> str:
    if citation is not None:
        return f"selon « {citation.text} »"
    return origin.article.reference if origin.article is not None else "sans source"


def _date(day: datetime.date) -> str:
    return engine.short_date(day)
