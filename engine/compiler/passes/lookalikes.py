"""Pass: warn when two names look the same but are not (Latin `a`, Cyrillic `а`).

A rule that reads `eligіble` with a Cyrillic `і` names another symbol than `eligible`, and no
reader can see it. Declared names and enumeration values are compared by their *skeleton*:
NFKC (which folds fullwidth letters, ligatures, the long s…), then a small table of the
letters of other scripts that are drawn like Latin ones (Unicode's confusables, restricted to
what can appear in a name). Two different names with one skeleton get a warning (W801).
The table is small on purpose: the full Unicode confusables data (a dependency or a 600 KB
file) would mostly flag pairs no rule writer can type.

Writes nothing.

    >>> from alinea.engine.compiler.passes.trial import trial
    >>> trial('''
    ... donnée eligible : booléen
    ... donnée eligіble : booléen
    ... ''', check)[1]
    ['W801 2:1 la donnée « eligіble » se confond avec la donnée « eligible »']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ....dsl import nodes
from ....dsl.errors import Diagnostic, Note, Severity, Span
from ..program import Program

_LOOKALIKES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "ë", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "ï", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ү": "y", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "υ": "u", "χ": "x", "ϲ": "c",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin letters drawn like others
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ʟ": "L",
}  # fmt: skip
_TABLE = str.maketrans(_LOOKALIKES)

_SCRIPTS = {"CYRILLIC": "cyrillique", "GREEK": "grec", "LATIN": "latin"}


def skeleton(name: str) -> str:
    """What `name` looks like: two names with one skeleton cannot be told apart by eye."""
    return unicodedata.normalize("NFKC", name).translate(_TABLE)


def check(program: Program) -> list[Diagnostic]:
    seen: dict[str, tuple[str, str, Span | None]] = {}
    found = []
    for name, kind, span in sorted(_names(program), key=_position):
        key = skeleton(name)
        first = seen.setdefault(key, (name, kind, span))
        if first[0] != name:
            found.append(_warning(name, kind, span, first))
    return found


def _names(program: Program) -> Iterator[tuple[str, str, Span | None]]:
    """Every declared name and enumeration value, where it is declared."""
    values: set[str] = set()
    declarations: list[tuple[str, str, Span | None, nodes.TypeExpr]] = [
        *((f.name, "la donnée", f.span, f.decl.type) for f in program.facts.values()),
        *((p.name, "le paramètre", p.span, p.decl.type) for p in program.parameters.values()),
        *(
            (r.name, "la règle", r.span, r.versions[0].rule.type)
            for r in program.rules.values()
            if r.versions
        ),
    ]
    for name, kind, span, type_ in declarations:
        yield name, kind, span
        for enum in _enumerations(type_):
            for value in enum.values:
                if value not in values:
                    values.add(value)
                    yield value, "la valeur", enum.span or span


def _enumerations(type_: nodes.TypeExpr) -> Iterator[nodes.EnumType]:
    while isinstance(type_, nodes.ListType):
        type_ = type_.element
    if isinstance(type_, nodes.EnumType):
        yield type_


def _position(entry: tuple[str, str, Span | None]) -> tuple[str, int, int, str]:
    span = entry[2]
    return (span.path, span.line, span.column, entry[0]) if span else ("", 0, 0, entry[0])


def _warning(
    name: str, kind: str, span: Span | None, first: tuple[str, str, Span | None]
) -> Diagnostic:
    other, other_kind, other_span = first
    odd = dict.fromkeys(
        [c for c in name if not c.isascii() and c not in other]
        + [c for c in other if not c.isascii() and c not in name]
    )
    shown = ", ".join(f"« {c} » ({_describe(c)})" for c in odd)
    hint = (
        f"le caractère {shown} ressemble à une lettre latine sans en être"
        if len(odd) == 1
        else f"les caractères {shown} ressemblent à des lettres latines sans en être"
    )
    return Diagnostic(
        "W801",
        f"{kind} « {name} » se confond avec {other_kind} « {other} »",
        span,
        f"{hint} : écrivez les noms en lettres latines",
        (Note(f"le nom « {other} » est déclaré ici", other_span),),
        Severity.WARNING,
    )


def _describe(character: str) -> str:
    name = unicodedata.name(character, "")
    script = next((french for word, french in _SCRIPTS.items() if name.startswith(word)), None)
    code = f"U+{ord(character):04X}"
    return f"{code}, {script}" if script else code
