"""The words of a rule file, read by the grammar's own lexer, whatever state the file is in.

Semantic tokens, completion and the search for a declared name read the text word by word.
They use the terminals of `dsl/grammar.lark` through Lark's lexer (so a keyword is what the
parser takes for a keyword), and go on past a character the lexer refuses, since a file
being typed is often not one the parser accepts.
"""

from __future__ import annotations

import enum
import functools
import re

import attrs
from lark import Token
from lark.lexer import BasicLexer
from lark.utils import TextSlice

from ..dsl import parser


class Kind(enum.Enum):
    """What a word is, for highlighting and completion."""

    KEYWORD = "keyword"
    TYPE = "type"
    UNIT = "unit"
    LITERAL = "literal"
    NAME = "name"
    NUMBER = "number"
    DATE = "date"
    STRING = "string"
    HEADER = "header"
    QUOTE = "quote"
    COMMENT = "comment"
    OPERATOR = "operator"
    UNKNOWN = "unknown"


@attrs.frozen
class Word:
    """One token: its terminal, text and place (0-based line and column, in characters)."""

    terminal: str
    text: str
    line: int
    column: int
    kind: Kind

    @property
    def end(self) -> int:
        return self.column + len(self.text)


@attrs.frozen
class _Lexicon:
    keywords: dict[str, str]
    """keyword text -> terminal, for every reserved word of the grammar"""
    types: dict[str, str]
    units: dict[str, str]


_SPACE = re.compile(r"[ \t\f]+")
_LITERALS = frozenset({"vrai", "faux"})


@functools.cache
def lexicon() -> _Lexicon:
    """The reserved words of the grammar, its type names and units."""
    lark = parser.grammar()
    by_rule: dict[str, set[str]] = {"type_name": set(), "unit": set()}
    for rule in lark.rules:
        if rule.origin.name in by_rule:
            by_rule[str(rule.origin.name)].update(symbol.name for symbol in rule.expansion)
    keywords: dict[str, str] = {}
    types: dict[str, str] = {}
    units: dict[str, str] = {}
    for terminal in lark.terminals:
        pattern = terminal.pattern
        if pattern.type != "str":
            continue
        if terminal.name in by_rule["type_name"]:
            types[pattern.value] = terminal.name
        elif terminal.name in by_rule["unit"]:
            units[pattern.value] = terminal.name
        elif re.fullmatch(r"\w+", pattern.value):
            keywords[pattern.value] = terminal.name
    return _Lexicon(keywords, types, units)


@functools.cache
def _lexer() -> BasicLexer:
    """The parser's lexer (built apart: a Lark read from its cache keeps none)."""
    lexer = BasicLexer(parser.grammar().lexer_conf)
    assert lexer.scanner is not None  # builds the scanner, and with it `callback`
    return lexer


def words(text: str) -> list[Word]:
    """Every token of `text`, comments included, blanks left out; a character the lexer
    cannot read is one `UNKNOWN` word."""
    lexer = _lexer()
    callback = lexer.callback
    found: list[Word] = []
    whole = TextSlice(text, 0, len(text))
    line, column, position = 0, 0, 0
    while position < len(text):
        blank = _SPACE.match(text, position)
        if blank:
            column += blank.end() - position
            position = blank.end()
            continue
        if text[position] == "\n":
            line, column, position = line + 1, 0, position + 1
            continue
        match = lexer.match(whole, position)  # type: ignore[no-untyped-call]
        if match is None or not match[0]:
            value, terminal = text[position], "UNKNOWN"
        else:
            value, terminal = match
            if terminal in callback:
                terminal = callback[terminal](Token(terminal, value)).type
        if "\n" in value:
            value = value[: value.index("\n")]
            if not value:
                line, column, position = line + 1, 0, position + 1
                continue
        found.append(Word(terminal, value, line, column, _kind(terminal, value)))
        column += len(value)
        position += len(value)
    return found


def _kind(terminal: str, value: str) -> Kind:
    known = lexicon()
    if terminal == "NAME":
        return Kind.NAME
    if value in known.types:
        return Kind.TYPE
    if value in known.units:
        return Kind.UNIT
    if value in _LITERALS:
        return Kind.LITERAL
    if value in known.keywords or terminal == "JUSQUAU":
        return Kind.KEYWORD
    return _KINDS.get(terminal, Kind.OPERATOR)


_KINDS = {
    "NUMBER": Kind.NUMBER,
    "DATE": Kind.DATE,
    "STRING": Kind.STRING,
    "HEADER": Kind.HEADER,
    "QUOTE": Kind.QUOTE,
    "COMMENT": Kind.COMMENT,
    "UNKNOWN": Kind.UNKNOWN,
    "AUCUNE": Kind.KEYWORD,
}


def names_on(line: str) -> list[Word]:
    """The names written on one line."""
    return [word for word in words(line) if word.kind is Kind.NAME]
