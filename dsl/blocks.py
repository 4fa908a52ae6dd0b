"""Parse a file again and again as it is edited, re-parsing only the blocks that changed.

An editor sends the whole text of a rule file on every keystroke; Lark reads about
0.5 MB/s, so parsing the largest bundled file takes longer than a person waits for a
squiggle. But a file is a sequence of top-level blocks (a block starts at column 0, the
unit `parser` already re-parses on its own to report every error), and an edit touches one
or two of them. `BlockParser` keeps the parse of each block, keyed by its text, and moves it
to its new lines when lines were added above it.

The result is exactly `parser.parse`'s — the same tree with the same spans, or the same
diagnostics (tests compare both on mutated copies of the bundled files): where the blocks
cannot be read apart (text before the first block, an unclosed bracket that might run on
into the next block), the whole file is parsed as `parser.parse` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from lark import UnexpectedInput

from . import nodes, parser
from .errors import Diagnostic, RuleError, Span
from .transformer import SyntaxProblem

_PROBLEMS = (UnexpectedInput, parser.IndentProblem, parser.TokenProblem, SyntaxProblem)
_STRINGS_AND_COMMENTS = re.compile(r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|#[^\n]*')


@attrs.frozen
class Parsed:
    """One parse of a file: `module` when it parses (else `diagnostics`, the syntax errors),
    and `partial`, the module of the blocks that parse, for tools that read a broken file."""

    module: nodes.Module | None
    diagnostics: tuple[Diagnostic, ...]
    partial: nodes.Module


@attrs.frozen
class _Block:
    """A block parsed alone, at line 1: its items, or its errors."""

    items: tuple[nodes.Item, ...] | None
    errors: tuple[Diagnostic, ...]
    unclosed: bool


class BlockParser:
    """The parser of one file, which remembers the blocks of its last parse."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._blocks: dict[tuple[str, bool], _Block] = {}
        self._placed: dict[tuple[tuple[str, bool], int], tuple[nodes.Item, ...]] = {}

    def parse(self, text: str) -> Parsed:
        text = parser.normalise(text)
        lines = text.split("\n")
        ranges = list(parser._blocks(lines))
        blocks: dict[tuple[str, bool], _Block] = {}
        placed: dict[tuple[tuple[str, bool], int], tuple[nodes.Item, ...]] = {}
        items: list[nodes.Item] = []
        errors: list[Diagnostic] = []
        whole = not _clean_prefix(lines[: ranges[0][0] if ranges else len(lines)])
        for start, end in ranges:
            key = ("\n".join(lines[start:end]), end == len(lines))
            block = blocks[key] = self._blocks.get(key) or blocks.get(key) or self._read(*key)
            if block.items is None:
                errors.extend(_moved(error, start) for error in block.errors)
                whole = whole or block.unclosed
                continue
            found = self._placed.get((key, start)) or placed.get((key, start))
            if found is None:
                found = tuple(_shifted(item, start) for item in block.items)
            placed[key, start] = found
            items.extend(found)
        self._blocks, self._placed = blocks, placed
        comments = parser.comments(text, self.path)
        partial = nodes.Module(self.path, tuple(items), comments, span=_span(self.path, lines))
        if whole:
            return self._whole(text, partial)
        if errors:
            return Parsed(None, tuple(errors), partial)
        return Parsed(partial, (), partial)

    def _read(self, block: str, last: bool) -> _Block:
        """Parse a block alone, as the whole file would read it: the last block's lines end
        with the empty one after the final newline, which the text already ends with."""
        try:
            module = parser._parse_block(block if last else block + "\n", self.path)
        except _PROBLEMS:
            lines = block.split("\n")
            found = parser._block_errors(lines, 0, len(lines), self.path)
            return _Block(None, tuple(found), _unclosed(block))
        return _Block(module.items, (), False)

    def _whole(self, text: str, partial: nodes.Module) -> Parsed:
        try:
            return Parsed(module := parser.parse(text, self.path), (), module)
        except RuleError as error:
            return Parsed(None, error.diagnostics, partial)


def _clean_prefix(lines: list[str]) -> bool:
    """Whether the lines before the first block are blank or comments (else only the whole
    file says what they are)."""
    return all(not line.strip(" \t") or line.lstrip(" \t").startswith("#") for line in lines)


def _unclosed(block: str) -> bool:
    """Whether a block opens more brackets than it closes: the next block could close them
    (the parser reads on across lines inside brackets), so the whole file must be parsed."""
    code = "\n".join(line for line in block.split("\n") if not line.startswith((">", "§")))
    code = _STRINGS_AND_COMMENTS.sub("", code)
    return code.count("(") + code.count("[") != code.count(")") + code.count("]")


def _span(path: str, lines: list[str]) -> Span:
    """The module's span as Lark gives it: from its first token (the end of the first line
    when that line holds no token) to the end of the text."""
    first = lines[0]
    rest = first.lstrip(" \t")
    column = len(first) + 1 if not rest or rest.startswith("#") else len(first) - len(rest) + 1
    return Span(path, 1, column, len(lines), 1)


def _move(lines: int) -> Callable[[Span | None], Span | None]:
    def move(span: Span | None) -> Span | None:
        if span is None:
            return None
        return attrs.evolve(span, line=span.line + lines, end_line=span.end_line + lines)

    return move


def _moved(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    return parser._moved(diagnostic, lines)


def _shifted(node: nodes.Item, lines: int) -> nodes.Item:
    """`node` parsed at line 1, moved `lines` lines down."""
    return node if not lines else _shift(node, _move(lines))


_FIELDS: dict[type, tuple[str, ...]] = {}
N = TypeVar("N", bound=nodes.Node)


def _shift(node: N, move: Callable[[Span | None], Span | None]) -> N:
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = tuple(f.name for f in attrs.fields(type(node)))
    changes: dict[str, Any] = {}
    for name in names:
        value = getattr(node, name)
        if name == "span":
            changes[name] = move(value)
        elif isinstance(value, nodes.Node):
            changes[name] = _shift(value, move)
        elif isinstance(value, tuple) and value and isinstance(value[0], nodes.Node):
            changes[name] = tuple(_shift(item, move) for item in value)
    return attrs.evolve(node, **changes)
