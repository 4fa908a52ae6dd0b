"""Parse a file again and again as it is edited, re-parsing only the blocks that changed.

An editor sends the whole text of a rule file on every keystroke; Lark reads about
0.5 MB/s, so parsing the largest bundled file takes longer than a person waits for a
squiggle. But a file is a sequence of top-level blocks (a block starts at column 0, the
unit `parser` already re-parses on its own to report every error), and an edit touches one
or two of them. `BlockParser` keeps the parse of each block, keyed by its text, and moves it
to its new lines when lines were added above it.

Inside a block, an edit usually changes one line: a value of a parameter, a clause of a
rule, a case of an exception, a comment. When the line holds one of those on its own, it
is parsed with the block's header alone (the lines between left blank, so every place stays
where it is) and put in place of the one it replaces in the declaration kept from the last
parse; a comment or blank line changed leaves the declaration as it was. The largest
parameter of the bundled base, 57 lines, is re-parsed ten times faster so.

The result is exactly `parser.parse`'s — the same tree with the same spans, or the same
diagnostics (`tests/dsl/test_blocks.py` compares both on edited copies of the bundled files):
where the blocks cannot be read apart (text before the first block, an unclosed bracket
that might run on into the next block), the whole file is parsed as `parser.parse` does,
and a line that does not parse alone with its header is parsed with its whole block.
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
# The declarations whose lines are each one element of a sequence: re-parsed line by line.
_ELEMENTS = {nodes.Parameter: "values", nodes.Rule: "clauses", nodes.Derogation: "cases"}
# A line re-parsed alone stays far below the parser's stack limit (`nesting.PARSER_STACK`),
# which the whole block would reach at the same place give or take a few entries.
_LONGEST_LINE = 1000

N = TypeVar("N", bound=nodes.Node)
Key = tuple[str, bool]
"""A block: its text, and whether it ends the file."""


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
        self._blocks: dict[Key, _Block] = {}
        self._placed: dict[tuple[Key, int], tuple[nodes.Item, ...]] = {}
        self._comments: dict[tuple[Key, int], tuple[nodes.Comment, ...]] = {}
        self._at: dict[int, Key] = {}  # the block that started on each line

    def parse(self, text: str) -> Parsed:
        text = parser.normalise(text)
        lines = text.split("\n")
        ranges = list(parser._blocks(lines))
        blocks: dict[Key, _Block] = {}
        placed: dict[tuple[Key, int], tuple[nodes.Item, ...]] = {}
        notes: dict[tuple[Key, int], tuple[nodes.Comment, ...]] = {}
        at: dict[int, Key] = {}
        items: list[nodes.Item] = []
        errors: list[Diagnostic] = []
        first = ranges[0][0] if ranges else len(lines)
        whole = not _clean_prefix(lines[:first])
        comments = list(parser.comments("\n".join(lines[:first]), self.path))
        for start, end in ranges:
            key = at[start] = ("\n".join(lines[start:end]), end == len(lines))
            comments.extend(self._block_comments(key, start, notes))
            block = self._blocks.get(key) or blocks.get(key)
            if block is None:
                edited = self._edited(key, start)
                if edited is not None:
                    block, placed[key, start] = edited
                else:
                    block = self._read(*key)
            blocks[key] = block
            if block.items is None:
                errors.extend(_moved(error, start) for error in block.errors)
                whole = whole or block.unclosed
                continue
            found = self._placed.get((key, start)) or placed.get((key, start))
            if found is None:
                found = tuple(_shifted(item, start) for item in block.items)
            placed[key, start] = found
            items.extend(found)
        self._blocks, self._placed, self._comments, self._at = blocks, placed, notes, at
        module = nodes.Module(
            self.path, tuple(items), tuple(comments), span=_span(self.path, lines)
        )
        if whole:
            return self._whole(text, module)
        if errors:
            return Parsed(None, tuple(errors), module)
        return Parsed(module, (), module)

    def _block_comments(
        self, key: Key, start: int, notes: dict[tuple[Key, int], tuple[nodes.Comment, ...]]
    ) -> tuple[nodes.Comment, ...]:
        """The comments of a block, where it stands (each line is read on its own)."""
        found = self._comments.get((key, start)) or notes.get((key, start))
        if found is None:
            local = parser.comments(key[0], self.path)
            found = tuple(_shifted(comment, start) for comment in local)
        notes[key, start] = found
        return found

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

    def _edited(self, key: Key, start: int) -> tuple[_Block, tuple[nodes.Item, ...]] | None:
        """The block that starts where the last parse had one differing from it in one line,
        re-read from that one (`_line`), and its declaration in place; None when it must be
        parsed whole."""
        before = self._at.get(start)
        if before is None or before[1] != key[1]:
            return None
        old, placed = self._blocks.get(before), self._placed.get((before, start))
        old_lines, lines = before[0].split("\n"), key[0].split("\n")
        if old is None or old.items is None or placed is None or len(old_lines) != len(lines):
            return None
        changed = [i for i, (a, b) in enumerate(zip(old_lines, lines, strict=True)) if a != b]
        if len(changed) != 1 or changed[0] == 0:
            return None
        number = changed[0]
        if _blank(old_lines[number]) and _blank(lines[number]):
            return old, placed  # comments and blank lines are no part of the tree
        if len(old.items) != 1:
            return None
        element = self._line(old.items[0], old_lines, lines, number, key[1])
        if element is None:
            return None
        field, index, new = element
        local = _replaced(old.items[0], field, index, new)
        return _Block((local,), (), False), (
            _replaced(placed[0], field, index, _shifted(new, start)),
        )

    def _line(
        self, declaration: nodes.Item, old: list[str], lines: list[str], number: int, last: bool
    ) -> tuple[str, int, nodes.Node] | None:
        """The element written on line `number` of a block (0 is its header), parsed with
        the header alone — when that line held one element of the declaration, on its own
        line, and still does; with the field it goes in and its index there."""
        field = _ELEMENTS.get(type(declaration))
        if field is None or len(lines[number]) > _LONGEST_LINE:
            return None
        elements: tuple[nodes.Node, ...] = getattr(declaration, field)
        line = number + 1  # as the block's spans count
        index = next((i for i, e in enumerate(elements) if e.span and e.span.line == line), None)
        following = next((i for i in range(number + 1, len(lines)) if not _blank(lines[i])), None)
        indent = _indent(lines[number])
        if (
            index is None
            or indent != _indent(old[number])
            or _unclosed(old[number])
            or _unclosed(lines[number])
            or (following is not None and _indent(lines[following]) != indent)
        ):
            return None  # the element may run on other lines, or other lines into it
        end = len(lines) if following is None else following + 1
        alone = [lines[0], *[""] * (number - 1), *lines[number:end]]
        text = "\n".join(alone) + ("" if last and end == len(lines) else "\n")
        try:
            module = parser._parse_block(text, self.path)
        except _PROBLEMS:
            return None
        if len(module.items) != 1 or type(module.items[0]) is not type(declaration):
            return None
        elements = getattr(module.items[0], field)
        found = next((e for e in elements if e.span and e.span.line == line), None)
        return None if found is None else (field, index, found)

    def _whole(self, text: str, partial: nodes.Module) -> Parsed:
        try:
            return Parsed(module := parser.parse(text, self.path), (), module)
        except RuleError as error:
            return Parsed(None, error.diagnostics, partial)


def _replaced(declaration: nodes.Item, field: str, index: int, new: nodes.Node) -> nodes.Item:
    elements = getattr(declaration, field)
    changes: dict[str, Any] = {field: (*elements[:index], new, *elements[index + 1 :])}
    return attrs.evolve(declaration, **changes)


def _blank(line: str) -> bool:
    """A line the parser skips: blank, or a comment (a quoted line of law is not one)."""
    rest = line.lstrip(" \t")
    return not rest or rest.startswith("#")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _clean_prefix(lines: list[str]) -> bool:
    """Whether the lines before the first block are blank or comments (else only the whole
    file says what they are)."""
    return all(_blank(line) for line in lines)


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


def _shifted(node: N, lines: int) -> N:
    """`node` parsed at line 1, moved `lines` lines down."""
    return node if not lines else _shift(node, _move(lines))


_FIELDS: dict[type, tuple[str, ...]] = {}


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
