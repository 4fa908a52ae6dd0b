"""Where every name of a rule base is written, and what it designates.

The names pass resolves each name used in an expression to a symbol (a relative
`eligible` inside `mon_soutien_psy.x` to `mon_soutien_psy.eligible`); the index reads those
resolved names, and finds in the text the names declarations give (`règle NOM :`,
`exception NOM à CIBLE prime sur …`, an enumeration's values), which the tree keeps without
a position of their own. Definition, references, rename, hover and semantic tokens all read
it.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Iterator

import attrs

from ..dsl import nodes
from ..dsl.errors import Span
from ..dsl.walk import descendants
from . import engine, lexicon


class Role(enum.Enum):
    """What a name designates."""

    FACT = "donnée"
    PARAMETER = "paramètre"
    RULE = "règle"
    VALUE = "valeur"
    EXCEPTION = "exception"
    FUNCTION = "fonction"
    ARTICLE = "article"
    CITATION = "citation"
    UNKNOWN = "inconnu"


_ROLES = {"donnée": Role.FACT, "paramètre": Role.PARAMETER, "règle": Role.RULE}


@attrs.frozen
class Occurrence:
    """A name written somewhere: where (`span`, exactly the written text), what it designates
    (`role`, `target`: a full symbol name, an enumeration value, an article reference, the
    text of a citation), and whether it is a declaration."""

    span: Span
    written: str
    role: Role
    target: str
    declaration: bool = False

    def contains(self, line: int, column: int) -> bool:
        """Whether a 1-based position is on this name (just after its last letter counts)."""
        span = self.span
        return span.line == line and span.column <= column <= span.end_column


class Index:
    """The occurrences of names in every file of a program, found in its resolved tree and in
    the texts (`lines`: each file's lines)."""

    def __init__(self, program: engine.Program, lines: dict[str, list[str]]) -> None:
        self.program = program
        self.lines = lines
        found: list[Occurrence] = []
        for module in program.modules:
            found.extend(_declarations(module, lines.get(module.path, [])))
        found.extend(_uses(program))
        self.by_file: dict[str, list[Occurrence]] = {}
        self.by_target: dict[tuple[Role, str], list[Occurrence]] = {}
        for occurrence in sorted(set(found), key=_order):
            self.by_file.setdefault(occurrence.span.path, []).append(occurrence)
            self.by_target.setdefault((occurrence.role, occurrence.target), []).append(occurrence)
        self.values = {o.target for o in found if o.role is Role.VALUE}
        self._starts = {
            path: [(o.span.line, o.span.column) for o in items]
            for path, items in self.by_file.items()
        }

    def at(self, path: str, line: int, column: int) -> Occurrence | None:
        """The name at a 1-based position of a file, if any."""
        items = self.by_file.get(path, [])
        index = bisect.bisect_right(self._starts.get(path, []), (line, column))
        candidates = items[max(0, index - 2) : index]
        exact = [o for o in candidates if o.contains(line, column)]
        inside = [o for o in exact if column < o.span.end_column]
        found = inside or exact
        return found[-1] if found else None

    def occurrences(self, role: Role, target: str) -> list[Occurrence]:
        return self.by_target.get((role, target), [])

    def declarations(self, role: Role, target: str) -> list[Occurrence]:
        return [o for o in self.occurrences(role, target) if o.declaration]


def _order(occurrence: Occurrence) -> tuple[str, int, int]:
    return (occurrence.span.path, occurrence.span.line, occurrence.span.column)


# ---------------------------------------------------------------- declarations


def _declarations(module: nodes.Module, lines: list[str]) -> Iterator[Occurrence]:
    for item in module.items:
        span = item.span
        if span is None or not 0 < span.line <= len(lines):
            continue
        words = lexicon.names_on(lines[span.line - 1])
        match item:
            case nodes.Article():
                yield from _article(item, span, lines[span.line - 1])
            case nodes.Fact():
                yield from _declared(words, span, item.name, Role.FACT)
                yield from _values(item.type, lines)
            case nodes.Parameter():
                yield from _declared(words, span, item.name, Role.PARAMETER)
                yield from _values(item.type, lines)
            case nodes.Rule():
                yield from _declared(words, span, item.name, Role.RULE)
                yield from _values(item.type, lines)
            case nodes.Derogation():
                yield from _derogation(item, words, span)


def _at(span: Span, word: lexicon.Word) -> Span:
    line = span.line + word.line
    return Span(span.path, line, word.column + 1, line, word.end + 1)


def _declared(words: list[lexicon.Word], span: Span, name: str, role: Role) -> Iterator[Occurrence]:
    for word in words:
        if word.text == name:
            yield Occurrence(_at(span, word), name, role, name, declaration=True)
            return


def _derogation(
    item: nodes.Derogation, words: list[lexicon.Word], span: Span
) -> Iterator[Occurrence]:
    """`exception [NOM] à CIBLE [prime sur A, B]`: the names of the line in that order."""
    remaining = list(words)
    if item.name is not None and remaining and remaining[0].text == item.name:
        word = remaining.pop(0)
        yield Occurrence(
            _at(span, word), item.name, Role.EXCEPTION, _exception(item.target, item.name), True
        )
    if remaining and remaining[0].text == item.target:
        word = remaining.pop(0)
        yield Occurrence(_at(span, word), item.target, Role.RULE, item.target)
    for name in item.prevails_over:
        if remaining and remaining[0].text == name:
            word = remaining.pop(0)
            yield Occurrence(_at(span, word), name, Role.EXCEPTION, _exception(item.target, name))


def _exception(target: str, name: str) -> str:
    """Named exceptions are named within the rule they override (`prime sur` reads them
    there)."""
    return f"{target}:{name}"


def _article(item: nodes.Article, span: Span, line: str) -> Iterator[Occurrence]:
    start = line.find(item.reference)
    if start < 0:
        return
    place = Span(span.path, span.line, start + 1, span.line, start + 1 + len(item.reference))
    yield Occurrence(place, item.reference, Role.ARTICLE, item.reference, declaration=True)


def _values(type_: nodes.TypeExpr, lines: list[str]) -> Iterator[Occurrence]:
    """The values an `énumération (…)` declares, found on its line."""
    for node in descendants(type_):
        if not isinstance(node, nodes.EnumType) or node.span is None:
            continue
        span = node.span
        text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
        line_span = Span(span.path, span.line, 1, span.line, 1)
        declared = set(node.values)
        for word in lexicon.words(text[span.column - 1 :]):
            if word.text in declared:
                moved = attrs.evolve(word, column=word.column + span.column - 1)
                yield Occurrence(_at(line_span, moved), word.text, Role.VALUE, word.text, True)


# ---------------------------------------------------------------- uses


def _uses(program: engine.Program) -> Iterator[Occurrence]:
    """The names of expressions (resolved), functions called and citations, in every tree
    the names pass rewrote."""
    for tree in _trees(program):
        for node in descendants(tree):
            if node.span is None:
                continue
            match node:
                case nodes.Ref(kind=kind, name=name):
                    role = _ROLES.get(kind, Role.VALUE)
                    yield Occurrence(node.span, _written(node.span, name), role, name)
                case nodes.Name(name=name):
                    yield Occurrence(node.span, name, Role.UNKNOWN, name)
                case nodes.Call(function=function):
                    span = node.span
                    end = span.column + len(function)
                    place = Span(span.path, span.line, span.column, span.line, end)
                    yield Occurrence(place, function, Role.FUNCTION, function)
                case nodes.Citation(text=text):
                    yield Occurrence(node.span, text, Role.CITATION, text)


def _written(span: Span, name: str) -> str:
    """The text of a resolved name as written: its last letters (`eligible` for
    `mon_soutien_psy.eligible` used relatively)."""
    width = span.end_column - span.column if span.end_line == span.line else len(name)
    return name[-width:] if 0 < width <= len(name) else name


def _trees(program: engine.Program) -> Iterable[nodes.Node]:
    for rule in program.rules.values():
        for version in rule.versions:
            yield version.rule
        for derogation in rule.derogations:
            yield derogation.decl
    for parameter in program.parameters.values():
        for entry in parameter.entries:
            yield entry.value
    for fact in program.facts.values():
        yield fact.decl
    for module in program.modules:
        for item in module.items:
            if isinstance(item, nodes.Derogation) and item.target not in program.rules:
                yield item
