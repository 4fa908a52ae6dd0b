"""Turn Lark's parse errors into diagnostics an analyst understands.

Lark knows which tokens it expected; we add what the author most likely meant: a misspelt
keyword, a keyword used as a name, a missing unit, a decimal comma, a doubled `=`.
"""

from __future__ import annotations

import difflib
import re

from lark import Lark, Token, UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr

from .errors import Diagnostic, Span

READABLE = {
    "NAME": "un nom",
    "NUMBER": "un nombre",
    "STRING": "un texte entre guillemets",
    "DATE": "une date (AAAA-MM-JJ)",
    "HEADER": "un en-tête d'article (§ …)",
    "QUOTE": "une ligne citée (> …)",
    "JUSQUAU": "« jusqu'au »",
    "_NL": "une fin de ligne",
    "_INDENT": "un bloc indenté",
    "_DEDENT": "la fin du bloc",
    "$END": "la fin du fichier",
}
EXPRESSION_STARTS = {"NAME", "NUMBER", "STRING", "DATE", "LPAR", "LSQB", "VRAI", "FAUX", "MINUS"}
# `précédent` starts an expression too, but only where Lark could read one anyway.
OPTIONAL_STARTS = {"PRÉCÉDENT", "PRECEDENT"}
UNIT_WORDS = {
    "euro": "€",
    "euros": "€",
    "eur": "€",
    "pourcent": "%",
    "pourcents": "%",
    "semaine": "jours",
    "semaines": "jours",
}
TYPE_WORDS = ("booléen", "entier", "décimal", "montant", "taux", "date", "durée", "texte")
_WORD = re.compile(r"[^\W\d]\w*$")


def describe(exc: UnexpectedInput, text: str, path: str, lark: Lark) -> Diagnostic:
    if isinstance(exc, UnexpectedCharacters):
        return _bad_character(exc, text, path)
    assert isinstance(exc, UnexpectedToken)
    return _bad_token(exc, text, path, lark)


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _bad_character(exc: UnexpectedCharacters, text: str, path: str) -> Diagnostic:
    line = _line(text, exc.line)
    column = exc.column
    char = line[column - 1] if 0 < column <= len(line) else "?"
    span = Span(path, exc.line, column, exc.line, column + 1)
    if char == '"':
        span = Span(path, exc.line, column, exc.line, len(line) + 1)
        return Diagnostic(
            "E006", "texte non terminé", span, 'fermez le texte par un guillemet droit (")'
        )
    before, after = line[column - 2 : column - 1], line[column : column + 1]
    if char == "," and before.isdigit() and after.isdigit():
        number = re.search(r"\d+,\d+$", line[: column + 1] + re.split(r"\D", line[column:])[0])
        shown = number.group() if number else f"{before},{after}"
        return Diagnostic(
            "E013",
            "virgule décimale",
            span,
            f"les nombres s'écrivent avec un point : {shown.replace(',', '.')}",
        )
    if char in "“”«»":
        return Diagnostic(
            "E006",
            f"guillemet typographique « {char} »",
            span,
            'les textes s\'écrivent entre guillemets droits : "…"',
        )
    return Diagnostic("E001", f"caractère inattendu « {char} »", span, None)


def _bad_token(exc: UnexpectedToken, text: str, path: str, lark: Lark) -> Diagnostic:
    token = exc.token
    expected = set(exc.expected)
    span = _token_span(token, path)
    previous = _previous_token(text, token, lark)
    shown = _shown(token)
    after = f" après « {previous} »" if previous else ""

    if token.type == "$END":
        return Diagnostic(
            "E009", "fin de fichier inattendue", span, f"attendu {_expected(expected, lark)}{after}"
        )
    if token.type == "_INDENT":
        return Diagnostic(
            "E008",
            "indentation inattendue",
            span,
            "cette ligne est plus indentée que la précédente, qui n'ouvre pas de bloc",
        )
    keyword = _keyword(token, lark)
    if keyword and "NAME" in expected:
        return Diagnostic(
            "E004",
            f"« {keyword} » est un mot réservé et ne peut pas servir de nom",
            span,
            "les mots du langage (si, et, du, selon…) ne peuvent pas nommer "
            "une donnée, un paramètre ou une règle",
        )
    if token.type == "NAME":
        if previous and _is_number(previous) and token.lower() in UNIT_WORDS:
            return Diagnostic(
                "E010",
                f"unité inconnue « {token} »",
                span,
                f"écrivez {previous} {UNIT_WORDS[token.lower()]}",
            )
        if "ENTIER" in expected and "MONTANT" in expected:
            guess = difflib.get_close_matches(str(token), TYPE_WORDS, n=1, cutoff=0.5)
            hint = f"vouliez-vous dire « {guess[0]} » ?" if guess else None
            return Diagnostic(
                "E015",
                f"type inconnu « {token} »",
                span,
                hint or "types : " + ", ".join(TYPE_WORDS) + ", énumération (…), liste de …",
            )
        words = [_keyword_text(t, lark) for t in expected]
        guess = difflib.get_close_matches(str(token), [w for w in words if w], n=1, cutoff=0.6)
        if guess:
            return Diagnostic(
                "E005", f"« {token} » inattendu", span, f"vouliez-vous dire « {guess[0]} » ?"
            )
    if keyword in {"ces", "conditions"} and previous:
        phrase = difflib.get_close_matches(previous, ["toutes", "une", "aucune"], n=1, cutoff=0.5)
        if phrase:
            return Diagnostic(
                "E005",
                f"« {previous} {keyword} » inattendu",
                _previous_span(text, token, lark, path) or span,
                f"vouliez-vous dire « {phrase[0]} {'de ' if phrase[0] != 'toutes' else ''}"
                "ces conditions » ?",
            )
    if shown == "," and previous and _is_number(previous):
        following = re.match(r"\d+", text[(token.end_pos or 0) :])
        if following:
            return Diagnostic(
                "E013",
                "virgule décimale",
                span,
                f"les nombres s'écrivent avec un point : {previous}.{following.group()}",
            )
    if shown == "=" and previous == "=":
        return Diagnostic(
            "E014", "« == » n'existe pas", span, "l'égalité s'écrit avec un seul « = »"
        )
    if token.type in {"_NL", "_DEDENT"}:
        return Diagnostic(
            "E003", "ligne incomplète", span, f"attendu {_expected(expected, lark)}{after}"
        )
    return Diagnostic(
        "E002", f"« {shown} » inattendu", span, f"attendu {_expected(expected, lark)}{after}"
    )


def _token_span(token: Token, path: str) -> Span:
    if token.type in {"_NL", "_DEDENT"}:
        line, column = token.line or 1, token.column or 1
        return Span(path, line, column, line, column + 1)
    if token.type == "_INDENT":
        line = token.end_line or token.line or 1
        return Span(path, line, 1, line, token.end_column or 1)
    line, column = token.line or 1, token.column or 1
    end = token.end_column if token.end_line == token.line and token.end_column else column + 1
    return Span(path, line, column, line, end)


def _shown(token: Token) -> str:
    return str(token).strip() or READABLE.get(token.type, token.type)


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?", text))


def _keyword(token: Token, lark: Lark) -> str | None:
    """The text of `token` if it is a reserved word."""
    text = _keyword_text(token.type, lark)
    return text if text and _WORD.match(text) else None


def _keyword_text(terminal: str, lark: Lark) -> str | None:
    try:
        pattern = lark.get_terminal(terminal).pattern
    except KeyError:
        return None
    return pattern.value if isinstance(pattern, PatternStr) else None


def _expected(expected: set[str], lark: Lark) -> str:
    names: list[str] = []
    if (
        expected | {"MINUS", "LSQB", "DATE", "VRAI", "FAUX"} >= EXPRESSION_STARTS
        and {
            "NAME",
            "NUMBER",
        }
        <= expected
    ):
        names.append("une expression")
        expected = expected - EXPRESSION_STARTS - OPTIONAL_STARTS
    for terminal in sorted(expected, key=_order):
        text = _keyword_text(terminal, lark)
        names.append(f"« {text} »" if text is not None else READABLE.get(terminal, terminal))
    if len(names) > 6:
        names = [*names[:6], "…"]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " ou " + names[-1]


def _order(terminal: str) -> tuple[int, str]:
    return (1 if terminal in READABLE else 0, terminal)


def _previous_token(text: str, token: Token, lark: Lark) -> str | None:
    found = _previous(text, token, lark)
    return _shown(found) if found is not None else None


def _previous_span(text: str, token: Token, lark: Lark, path: str) -> Span | None:
    found = _previous(text, token, lark)
    return _token_span(found, path) if found is not None else None


def _previous(text: str, token: Token, lark: Lark) -> Token | None:
    """The last real token before `token`, found by lexing the text up to it."""
    limit = token.start_pos if token.start_pos is not None else len(text)
    previous = None
    try:
        for found in lark.lex(text[:limit], dont_ignore=False):
            if found.type not in {"_NL", "_INDENT", "_DEDENT"}:
                previous = found
    except Exception:
        return previous
    return previous
