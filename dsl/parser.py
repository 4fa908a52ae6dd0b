"""Rule-file text -> AST, reporting every syntax error of the file at once.

The grammar is parsed LALR(1) with Lark's basic lexer (so a keyword is never silently read as
a name) and an indentation post-lexer. On failure the file is re-parsed block by block (a
block starts at column 0) and, inside a block, line by line, so one run shows all errors.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
from lark import Lark, Token, Tree, UnexpectedInput
from lark.exceptions import LarkError, VisitError
from lark.indenter import Indenter

from . import nesting, nodes, source
from .errors import Diagnostic, RuleSyntaxError, Span
from .rulefile import GRAMMAR as GRAMMAR
from .rulefile import normalise as normalise
from .rulefile import read_file as read_file
from .rulefile import read_stream as read_stream
from .syntax import describe
from .transformer import AstBuilder, SyntaxProblem

MAX_ERRORS_PER_BLOCK = 20


class IndentProblem(LarkError):
    """Raised by the post-lexer; carries the offending newline token."""

    def __init__(self, message: str, hint: str, token: Token) -> None:
        super().__init__(message)
        self.hint = hint
        self.token = token


class TokenProblem(LarkError):
    """A token the grammar accepts but alinea refuses (a text too long to be a label)."""

    def __init__(self, code: str, message: str, hint: str, token: Token) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint
        self.token = token


def _bounded(stream: Iterator[Token]) -> Iterator[Token]:
    for token in stream:
        if token.type == "STRING" and len(token) > source.MAX_STRING_LENGTH + 2:
            raise TokenProblem(
                "E021",
                f"texte trop long : {_count(len(token) - 2)} caractères "
                f"({_count(source.MAX_STRING_LENGTH)} au plus)",
                "un libellé, une question ou une description tient en quelques phrases ; "
                "le texte de l'article se cite en lignes « > »",
                token,
            )
        yield token


def _count(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


class Indentation(Indenter):
    """Python-style INDENT/DEDENT, with French errors and no tabs."""

    NL_type = "_NL"
    OPEN_PAREN_types = ["LPAR", "LSQB"]  # noqa: RUF012 -- Lark's interface
    CLOSE_PAREN_types = ["RPAR", "RSQB"]  # noqa: RUF012
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        tokens: Iterator[Token] = super().process(_bounded(stream))  # type: ignore[no-untyped-call]
        return tokens

    def handle_NL(self, token: Token) -> Iterator[Token]:
        if self.paren_level > 0:
            return
        yield token
        indent_str = re.match(r"[\t ]*", token.rsplit("\n", 1)[1])
        assert indent_str is not None
        if "\t" in indent_str.group():
            raise IndentProblem(
                "tabulation dans l'indentation",
                "indentez avec des espaces",
                token,
            )
        indent = len(indent_str.group())
        if indent > self.indent_level[-1]:
            self.indent_level.append(indent)
            yield Token.new_borrow_pos(self.INDENT_type, indent_str.group(), token)
            return
        while indent < self.indent_level[-1]:
            self.indent_level.pop()
            yield Token.new_borrow_pos(self.DEDENT_type, indent_str.group(), token)
        if indent != self.indent_level[-1]:
            raise IndentProblem(
                "indentation incohérente",
                f"cette ligne est indentée de {indent} espaces ; "
                f"alignez-la sur un bloc ouvert ({self.indent_level[-1]} espaces)",
                token,
            )


_PER_THREAD = threading.local()


def grammar() -> Lark:
    """The compiled parser, built once per thread (Lark caches its tables on disk): its
    indentation post-lexer keeps the state of the parse under way, so two threads parsing
    with one parser corrupt each other's parse (the language server parses in two)."""
    found: Lark | None = getattr(_PER_THREAD, "lark", None)
    if found is None:
        found = _PER_THREAD.lark = Lark(
            GRAMMAR.read_text(encoding="utf-8"),
            parser="lalr",
            lexer="basic",
            postlex=Indentation(),
            propagate_positions=True,
            maybe_placeholders=False,
            cache=True,
        )
    return found


def parse(text: str, path: str = "<texte>") -> nodes.Module:
    """Parse one rule file; raises `RuleSyntaxError` with every syntax error found."""
    text = normalise(text)
    try:
        module = _parse_block(text, path)
    except (UnexpectedInput, IndentProblem, TokenProblem, SyntaxProblem):
        raise RuleSyntaxError(_all_errors(text, path)) from None
    return nodes.Module(path, module.items, comments(text, path), span=module.span)


def parse_file(path: str | Path) -> nodes.Module:
    return parse(read_file(path), str(path))


def _parse_tree(text: str, path: str) -> Tree[Token]:
    """Lark's LALR loop (`parse_from_state`) with one check more: a parser stack grows only
    with nesting (a list of items is reduced as it goes), so past `nesting.PARSER_STACK`
    the text nests far past the limits; stopping there keeps a file of 200,000 parentheses
    from taking tens of seconds to parse before being refused."""
    interactive = grammar().parse_interactive(text)
    state = interactive.parser_state
    token = None
    try:
        for token in interactive.lexer_thread.lex(state):  # type: ignore[no-untyped-call]
            state.feed_token(token)
            if len(state.state_stack) > nesting.PARSER_STACK:
                problem = nesting.stack_problem(state.value_stack, token, path)
                raise SyntaxProblem(problem, ends_block=True)
        end = Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
        return state.feed_token(end, True)  # type: ignore[no-any-return]
    except UnexpectedInput as error:
        error.interactive_parser = interactive
        raise


def _parse_block(text: str, path: str) -> nodes.Module:
    tree = _parse_tree(text, path)
    too_deep = nesting.problem(tree, path)
    if too_deep is not None:
        raise SyntaxProblem(too_deep, ends_block=True)
    try:
        return AstBuilder(path).transform(tree)
    except VisitError as exc:
        if isinstance(exc.orig_exc, SyntaxProblem):
            raise exc.orig_exc from None
        raise


def _all_errors(text: str, path: str) -> list[Diagnostic]:
    lines = text.split("\n")
    found: list[Diagnostic] = []
    for start, end in _blocks(lines):
        found.extend(_block_errors(lines, start, end, path))
    if not found:  # an error that only shows across blocks: report the whole-file one
        try:
            _parse_block(text, path)
        except (UnexpectedInput, IndentProblem, TokenProblem, SyntaxProblem) as exc:
            found.append(_diagnostic(exc, text, path))
    return found


def _blocks(lines: list[str]) -> Iterator[tuple[int, int]]:
    """Line ranges [start, end) of the top-level blocks; quoted lines stay with their header."""
    starts = [
        i
        for i, line in enumerate(lines)
        if line[:1] and not line[0].isspace() and line[0] not in "#>"
    ]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        yield start, end


def _block_errors(lines: list[str], start: int, end: int, path: str) -> list[Diagnostic]:
    """The errors of one block, parsed on its own (so the work is linear in the file) and
    moved back to its lines."""
    block = list(lines[start:end])
    found: list[Diagnostic] = []
    dropped = -1
    for _ in range(MAX_ERRORS_PER_BLOCK):
        text = "\n".join(block) + "\n"
        try:
            _parse_block(text, path)
            return found
        except (UnexpectedInput, IndentProblem, TokenProblem, SyntaxProblem) as exc:
            diagnostic = _moved(_diagnostic(exc, text, path), start)
            structural = _is_structural(exc)
            if isinstance(exc, SyntaxProblem) and exc.ends_block:
                return [*found, diagnostic]
        line = diagnostic.span.line - 1 if diagnostic.span else start
        if dropped >= 0 and line <= dropped + 1 and structural:
            return found  # caused by the line we blanked, not by the author
        found.append(diagnostic)
        if line <= start or line >= end:
            return found
        block[line - start] = ""
        dropped = line
    return found


def _moved(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    """`diagnostic` found in a block parsed alone, `lines` lines down in its file."""

    def move(span: Span | None) -> Span | None:
        if span is None or not lines:
            return span
        return attrs.evolve(span, line=span.line + lines, end_line=span.end_line + lines)

    notes = tuple(attrs.evolve(note, span=move(note.span)) for note in diagnostic.notes)
    return attrs.evolve(diagnostic, span=move(diagnostic.span), notes=notes)


def _is_structural(exc: Exception) -> bool:
    token = getattr(exc, "token", None)
    return isinstance(token, Token) and token.type in {"_DEDENT", "_INDENT", "_NL", "$END"}


def _diagnostic(exc: Exception, text: str, path: str) -> Diagnostic:
    if isinstance(exc, SyntaxProblem):
        return exc.diagnostic
    if isinstance(exc, IndentProblem):
        token = exc.token
        line = token.end_line or token.line or 1
        column = token.end_column or 1
        span = Span(path, line, 1, line, column)
        return Diagnostic("E007", str(exc), span, exc.hint)
    if isinstance(exc, TokenProblem):
        token = exc.token
        line, column = token.line or 1, token.column or 1
        return Diagnostic(exc.code, str(exc), Span(path, line, column, line, column + 1), exc.hint)
    assert isinstance(exc, UnexpectedInput)
    return describe(exc, text, path, grammar())


_COMMENT_SCAN = re.compile(r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|#[^\n]*')


def comments(text: str, path: str) -> tuple[nodes.Comment, ...]:
    """Every `#` comment outside strings and quoted law lines, with its position; trailing
    blanks are not part of a comment's text."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith((">", "§")):
            continue
        for match in _COMMENT_SCAN.finditer(line):
            if match.group().startswith("#"):
                column = match.start() + 1
                span = Span(path, number, column, number, len(line) + 1)
                found.append(nodes.Comment(match.group().rstrip(), span=span))
    return tuple(found)
