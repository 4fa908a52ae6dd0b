"""Completion: what the grammar accepts at the cursor, and the names that fit there.

The keywords offered are those the parser would accept next: the current block (from its
line at column 0 to the cursor) is fed to Lark's LALR parser, which says which terminals
may follow. Where a name may follow, the names of the base are offered with their labels
(relative to the rule being written when they share its prefix); after `=`, `!=` or
`dans`, the values of the enumeration on the left first; after a number, the units; inside
`selon "…"` or after `§`, the article references the base already cites.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from lark import UnexpectedInput
from lark.exceptions import LarkError
from lsprotocol import types

from ..dsl import nodes, parser
from ..dsl.walk import descendants
from . import engine, lexicon
from .workspace import Snapshot

if TYPE_CHECKING:
    from .server import Server

Kind = types.CompletionItemKind

PHRASES = {
    "TOUTES": "toutes ces conditions :",
    "UNE": "une de ces conditions :",
    "AUCUNE": "aucune de ces conditions :",
    "PRIME": "prime sur",
    "APPLICABLE": "applicable si",
    "CHAQUE": "chaque année",
    "MOINS": "moins de",
    "JUSQUAU": "jusqu'au",
    "HEADER": "§ ",
}
_PARTIAL = re.compile(r"[\w.]*$")
_COMPARISON = {"=", "!=", "≠", "dans"}


def complete(
    snapshot: Snapshot | None, text: str, line: int, column: int
) -> list[types.CompletionItem]:
    """The items for the 1-based place of a document."""
    lines = parser.normalise(text).split("\n")
    if not 0 < line <= len(lines):
        return []
    before = lines[line - 1][: column - 1]
    partial = _PARTIAL.search(before)
    typed = partial.group() if partial else ""
    head = before[: len(before) - len(typed)]
    program = snapshot.program if snapshot is not None else None
    if before.startswith(("#", ">")) or _in_comment(head):
        return []
    if before.startswith("§") or _in_string(head):
        quoted = _in_string(head)
        cites = _cited(head) if quoted else True
        return _references(program, quoted=quoted) if program and cites else []
    words = lexicon.words(head)
    if words and words[-1].kind is lexicon.Kind.NUMBER:
        return _units()
    expected = _expected(lines, line, head)
    items: list[types.CompletionItem] = []
    owner = _owner(lines, line)
    if program is not None and (expected is None or "NAME" in expected):
        left = _compared(words)
        if left is not None:
            items += _values(program, _resolve(program, left, owner))
        items += _names(program, owner)
        items += _functions()
    items += _keywords(expected, at_start=not head.strip(), column=len(head) - len(head.lstrip()))
    return items


def _in_string(head: str) -> bool:
    return len(re.findall(r'(?<!\\)"', head)) % 2 == 1


def _in_comment(head: str) -> bool:
    outside = re.sub(r'"[^"\\]*(?:\\.[^"\\]*)*"', '""', head)
    return "#" in outside


def _cited(head: str) -> bool:
    """Whether the open string is a citation (`selon "…`)."""
    return re.search(r'\bselon\s+"[^"]*$', head) is not None


# ---------------------------------------------------------------- what the grammar expects


_CURSOR = "curseur_de_completion"


def _expected(lines: list[str], line: int, head: str) -> set[str] | None:
    """The terminals the parser accepts at the cursor, reading the current block with a
    name in the cursor's place (so the indentation is read as written) and asking the
    parser, just before that name, what it would take; None when the block is broken
    before the cursor (every keyword is then offered)."""
    start = line - 1
    while start > 0 and not _starts_block(lines[start]):
        start -= 1
    text = "\n".join([*lines[start : line - 1], head + _CURSOR])
    interactive = parser.grammar().parse_interactive(text)
    try:
        for token in interactive.lexer_thread.lex(interactive.parser_state):  # type: ignore[no-untyped-call]
            if token.type == "NAME" and token == _CURSOR:
                return set(interactive.accepts())  # type: ignore[no-untyped-call]
            interactive.feed_token(token)
    except (UnexpectedInput, LarkError):
        return None
    return None


def _starts_block(line: str) -> bool:
    return bool(line[:1]) and not line[0].isspace() and line[0] not in "#>"


def _keywords(
    expected: set[str] | None, *, at_start: bool, column: int
) -> list[types.CompletionItem]:
    """The keywords the parser accepts; when it cannot say, those that start a declaration
    at column 0, the others in an indented line."""
    known = lexicon.lexicon()
    if expected is None:
        if not at_start:
            return []
        words = [
            PHRASES.get(terminal, word)
            for word, terminal in known.keywords.items()
            if (terminal in _DECLARING) == (column == 0)
        ]
        return [_item(text, Kind.Keyword, sort="2") for text in _accented(words)]
    words = [PHRASES.get(t, w) for w, t in known.keywords.items() if t in expected]
    words += [PHRASES[t] for t in ("HEADER", "JUSQUAU") if t in expected]
    type_names = [word for word, terminal in known.types.items() if terminal in expected]
    return [_item(text, Kind.Keyword, sort="2") for text in _accented(words)] + [
        _item(text, Kind.TypeParameter, sort="1") for text in _accented(type_names)
    ]


_DECLARING = frozenset(
    {"RÈGLE", "REGLE", "CONCLUSION", "DONNÉE", "DONNEE", "PARAMÈTRE", "PARAMETRE", "EXCEPTION"}
)


def _accented(texts: list[str]) -> list[str]:
    """Each word once, in its accented spelling when the grammar accepts both."""
    chosen: dict[str, str] = {}
    for text in texts:
        key = _plain(text)
        if key not in chosen or chosen[key] == key:
            chosen[key] = text
    return sorted(chosen.values())


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _units() -> list[types.CompletionItem]:
    units = ["€", "%", "jours", "mois", "ans", "heures"]
    return [_item(unit, Kind.Unit, sort="0") for unit in units]


def _functions() -> list[types.CompletionItem]:
    return [
        _item(name, Kind.Function, detail="fonction", documentation=text, sort="3")
        for name, text in engine.function_names().items()
    ]


# ---------------------------------------------------------------- names


def _owner(lines: list[str], line: int) -> str | None:
    """The name of the declaration the cursor is in (names are relative to it)."""
    for number in range(line - 1, -1, -1):
        if _starts_block(lines[number]):
            names = lexicon.names_on(lines[number])
            return names[0].text if names else None
    return None


def _prefixes(owner: str | None) -> list[str]:
    parts = owner.split(".")[:-1] if owner else []
    return [".".join(parts[:i]) + "." for i in range(len(parts), 0, -1)]


def _names(program: engine.Program, owner: str | None) -> list[types.CompletionItem]:
    items = []
    prefixes = _prefixes(owner)
    symbols: list[engine.Symbol] = [
        *program.facts.values(),
        *program.parameters.values(),
        *program.rules.values(),
    ]
    for symbol in symbols:
        label, kind, detail = _describe(symbol)
        name = symbol.name
        short = next((name[len(p) :] for p in prefixes if name.startswith(p)), None)
        for text in ([short] if short else []) + [name]:
            items.append(
                _item(text, kind, detail=detail, documentation=label, sort="1" if short else "2")
            )
    return items


def _describe(symbol: engine.Symbol) -> tuple[str | None, Kind, str]:
    if isinstance(symbol, engine.FactSymbol):
        return symbol.decl.label or symbol.decl.question, Kind.Variable, f"donnée · {symbol.type}"
    if isinstance(symbol, engine.ParameterSymbol):
        return symbol.decl.label, Kind.Constant, f"paramètre · {symbol.type}"
    kind = "conclusion" if symbol.public else "règle"
    return symbol.label_at(None), Kind.Function, f"{kind} · {symbol.type}"


def _compared(words: list[lexicon.Word]) -> str | None:
    """The name left of the `=`, `!=` or `dans` the cursor follows (`x dans [a, ` too)."""
    index = len(words) - 1
    while index >= 0 and (
        words[index].text in {"[", ","}
        or (words[index].kind is lexicon.Kind.NAME and index and words[index - 1].text in "[,")
    ):
        index -= 1
    found = index >= 1 and words[index].text in _COMPARISON
    if found and words[index - 1].kind is lexicon.Kind.NAME:
        return words[index - 1].text
    return None


def _resolve(program: engine.Program, written: str, owner: str | None) -> engine.Symbol | None:
    if "." not in written and program.symbol(written) is not None:
        return program.symbol(written)
    for prefix in [*_prefixes(owner), ""]:
        found = program.symbol(prefix + written)
        if found is not None:
            return found
    return None


def _values(program: engine.Program, symbol: engine.Symbol | None) -> list[types.CompletionItem]:
    if symbol is None:
        return []
    return [
        _item(value, Kind.EnumMember, detail=f"valeur de {symbol.name}", sort="0")
        for value in engine.enum_values(symbol.type)
    ]


def _references(program: engine.Program, *, quoted: bool) -> list[types.CompletionItem]:
    """The article references of the base's sections, and the citations already written."""
    cited: dict[str, str] = {}
    for reference, sections in program.articles.items():
        periods = ", ".join(engine.period_text(a.period) for a, _ in sections)
        cited.setdefault(reference, f"article · {periods}")
    for module in program.modules:
        for node in _citations(module):
            cited.setdefault(node.text, "citation de la base")
    kind = Kind.Reference
    return [_item(text, kind, detail=detail, sort="0") for text, detail in sorted(cited.items())]


def _citations(module: nodes.Module) -> list[nodes.Citation]:
    return [
        node
        for item in module.items
        for node in descendants(item)
        if isinstance(node, nodes.Citation)
    ]


def _item(
    label: str,
    kind: Kind,
    *,
    detail: str | None = None,
    documentation: str | None = None,
    sort: str = "5",
) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=kind,
        detail=detail,
        documentation=documentation,
        sort_text=f"{sort}{label}",
    )


def register(server: Server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", ".", '"', "[", ","]),
    )
    async def completion(params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        found = await server.snapshot(uri, fresh=False)
        snapshot = found[0] if found else None
        lines = parser.normalise(document.source).split("\n")
        line, column = server.units.place(lines, params.position)
        items = complete(snapshot, document.source, line, column)
        return types.CompletionList(is_incomplete=False, items=_unique(items))


def _unique(items: list[types.CompletionItem]) -> list[types.CompletionItem]:
    seen: dict[str, types.CompletionItem] = {}
    for item in items:
        seen.setdefault(item.label, item)
    return list(seen.values())
