"""Syntax highlighting of rule text, by the terminals of the language's own Lark grammar.

Using the grammar's terminals (not a second hand-written lexer) keeps the colours right when
the language gains a keyword: whatever the parser reads as a keyword is shown as one.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape

from ..dsl import parser

SKIPPED = {"_NL", "__IGNORE_0"}
CLASSES = {
    "HEADER": "art",
    "QUOTE": "cite",
    "COMMENT": "com",
    "STRING": "str",
    "NUMBER": "num",
    "DATE": "num",
    "NAME": "nom",
    "JUSQUAU": "kw",
}
LITERALS = {"vrai", "faux"}


@functools.cache
def _lexicon() -> tuple[list[tuple[str, re.Pattern[str], int]], dict[str, str]]:
    """The grammar's terminals as regexes, and the class of each word the grammar reserves."""
    lark = parser.grammar()
    typed = {
        symbol.name
        for rule in lark.rules
        if rule.origin.name in {"type_name", "unit"}
        for symbol in rule.expansion
    }
    terminals = []
    words: dict[str, str] = {}
    for terminal in lark.terminals:
        if terminal.name in SKIPPED:
            continue
        pattern = terminal.pattern
        flags = re.M if "m" in pattern.flags else 0
        terminals.append((terminal.name, re.compile(pattern.to_regexp(), flags), terminal.priority))
        if pattern.type == "str" and re.fullmatch(r"\w+", pattern.value):
            kind = "type" if terminal.name in typed else "kw"
            words[pattern.value] = "lit" if pattern.value in LITERALS else kind
        elif pattern.type == "str" and terminal.name in typed:
            words[pattern.value] = "type"
    return terminals, words


def tokens(text: str) -> list[tuple[str, str]]:
    """(class, text) pairs covering `text` exactly; class "" for spaces and unknown bytes."""
    terminals, words = _lexicon()
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        best: tuple[int, int, str] | None = None
        for name, regex, priority in terminals:
            match = regex.match(text, position)
            if match and match.end() > position:
                candidate = (priority, match.end(), name)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        if best is None:
            found.append(("", text[position]))
            position += 1
            continue
        _, end, name = best
        lexeme = text[position:end]
        kind = words.get(lexeme) if name == "NAME" or name not in CLASSES else None
        found.append((kind or CLASSES.get(name, "op"), lexeme))
        position = end
    return found


def html(text: str) -> Markup:
    """Rule text as HTML spans (`tok-kw`, `tok-nom`…) for a `<pre>` block."""
    parts = []
    for kind, lexeme in tokens(text):
        parts.append(
            f'<span class="tok-{kind}">{escape(lexeme)}</span>' if kind else escape(lexeme)
        )
    return Markup("".join(parts))
