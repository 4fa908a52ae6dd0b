"""Random edits of a rule file, as an analyst makes them: a digit typed, a line added or
removed, a name or a type changed, a declaration renamed, a few characters typed anywhere,
one line of a declaration changed, a comment rewritten. Seeded by the caller, so a failing
test names its file and edit and comes back the same (`tests/dsl/test_blocks.py`,
`tests/lsp/test_workspace.py`)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_NAME = re.compile(r"[a-z_][a-z_0-9]*(?:\.[a-z_][a-z_0-9]*)*")
_WORDS = (
    "règle ", "conclusion ", "donnée ", "paramètre ", "si ", "sinon ", "et ", "ou ",
    "non ", "dans ", "sauf ", "selon ", " = ", "(", ")", ":", "€", "%", " mois", "\n",
    "  ", "# note", '"', "0", "1", "2026-01-01", "vrai", "faux", "montant", "booléen",
)  # fmt: skip

Edit = Callable[[random.Random, str], str]


def _digit(rng: random.Random, text: str) -> str:
    """One digit changed, as typing an amount or a date does."""
    places = [m.start() for m in re.finditer(r"\d", text)]
    if not places:
        return text
    at = rng.choice(places)
    return text[:at] + str((int(text[at]) + rng.randint(1, 9)) % 10) + text[at + 1 :]


def _lines(rng: random.Random, text: str) -> str:
    """A line deleted, duplicated, or a blank or comment line inserted (the blocks below
    move: their parse and findings are placed again)."""
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    match rng.randrange(4):
        case 0:
            del lines[at]
        case 1:
            lines.insert(at, lines[at])
        case 2:
            lines.insert(at, "")
        case _:
            lines.insert(at, "# une note")
    return "\n".join(lines)


def _code_names(text: str) -> list[re.Match[str]]:
    """The names written in code: not in a comment, a string or a quoted line of law."""
    found = []
    for match in _NAME.finditer(text):
        line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if (
            not line.lstrip().startswith((">", "§"))
            and "#" not in line
            and line.count('"') % 2 == 0
        ):
            found.append(match)
    return found


def _name(rng: random.Random, text: str) -> str:
    """A name replaced by another of the file: an other symbol read (types, cycles, depth),
    or a declaration renamed (names unknown elsewhere, in other files too)."""
    found = _code_names(text)
    if len(found) < 2:
        return text
    target, other = rng.choice(found), rng.choice(found)
    return text[: target.start()] + other.group() + text[target.end() :]


def _typed(rng: random.Random, text: str) -> str:
    """A few characters deleted or a word typed anywhere (most break the syntax)."""
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.5:
        return text[:at] + text[at + rng.randint(1, 8) :]
    return text[:at] + rng.choice(_WORDS) + text[at:]


_DECLARED = re.compile(
    r"^((?:donnée|paramètre|règle|conclusion) [^:\n]+: )(booléen|entier|décimal|montant|taux|"
    r"date|durée|texte)\b",
    re.MULTILINE,
)
_TYPES = ("booléen", "entier", "décimal", "montant", "taux", "date", "durée", "texte")


def _retype(rng: random.Random, text: str) -> str:
    """The type of a declaration changed: the declarations that read it, untouched, are
    checked against the new type."""
    found = list(_DECLARED.finditer(text))
    if not found:
        return text
    target = rng.choice(found)
    return text[: target.start(2)] + rng.choice(_TYPES) + text[target.end(2) :]


_HEADER = re.compile(r"^(?:donnée|paramètre|règle|conclusion) ([^\s:]+)", re.MULTILINE)


def _rename(rng: random.Random, text: str) -> str:
    """A declaration renamed, or its old name given back: the declarations that read it,
    untouched, no longer find it (their hint weighs every name), or find it again."""
    found = list(_HEADER.finditer(text))
    if not found:
        return text
    target = rng.choice(found)
    name = target.group(1)
    renamed = name[:-1] if name.endswith("_") else name + "_"
    return text[: target.start(1)] + renamed + text[target.end(1) :]


def _in_line(rng: random.Random, text: str) -> str:
    """One indented line of a declaration changed: a digit, a character deleted, a word
    typed (the line alone is parsed again when it stands alone)."""
    lines = text.split("\n")
    indented = [i for i, line in enumerate(lines) if line.startswith("  ") and line.strip()]
    if not indented:
        return text
    at = rng.choice(indented)
    line = lines[at]
    place = rng.randrange(2, len(line) + 1)
    match rng.randrange(3):
        case 0:
            lines[at] = _digit(rng, line)
        case 1:
            lines[at] = line[: place - 1] + line[place:]
        case _:
            lines[at] = line[:place] + rng.choice(_WORDS).replace("\n", " ") + line[place:]
    return "\n".join(lines)


def _comment(rng: random.Random, text: str) -> str:
    """A comment rewritten, or a blank line turned into one (the tree stays the same)."""
    lines = text.split("\n")
    quiet = [i for i, line in enumerate(lines) if not line.strip() or line.lstrip().startswith("#")]
    if not quiet:
        return text
    at = rng.choice(quiet)
    lines[at] = lines[at][: len(lines[at]) - len(lines[at].lstrip())] + rng.choice(
        ("# à revoir", "#", "  # note", "")
    )
    return "\n".join(lines)


_SINCE = re.compile(r"\bdepuis (\d{4})-(\d\d)-(\d\d)")


def _close(rng: random.Random, text: str) -> str:
    """A period in force since a day given an end within months of the checks (2026-12-01):
    the coverage warnings (W701) of that name and of the conclusions reading it change."""
    found = list(_SINCE.finditer(text))
    if not found:
        return text
    target = rng.choice(found)
    end = rng.choice(("2026-12-31", "2027-03-31", "2027-05-31", "2030-12-31"))
    return text[: target.start()] + f"du {target.group()[7:]} au {end}" + text[target.end() :]


EDITS: tuple[Edit, ...] = (
    _close,
    _digit,
    _digit,
    _lines,
    _name,
    _typed,
    _retype,
    _retype,
    _rename,
    _rename,
    _in_line,
    _in_line,
    _comment,
)
"""Each edit with its weight."""


def edit(rng: random.Random, text: str) -> str:
    """`text` with one random edit."""
    return rng.choice(EDITS)(rng, text)
