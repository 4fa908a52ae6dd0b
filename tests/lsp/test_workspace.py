"""The incremental check of a base gives, after every edit, what a check from scratch gives.

The server keeps parses and compiler findings from one check to the next (`dsl.blocks`,
`engine.compiler.passes.memo`); whatever it reuses, each file's diagnostics must be those of
`alinea check FILE` on the same texts. Each rule file of `regles/` and each syntax and
compile fixture is edited at random (seeded: a failure names its file and edit, and comes
back the same), one `Base` checking every text in turn as the analyst types, and each check
compared with the steps of `alinea check` run afresh: parse (`dsl.parser`), compile and
raise (`loader`), coverage warnings, the diagnostics of each file (`Selection.reported`).
"""

from __future__ import annotations

import datetime
import functools
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from alinea.dsl import parser
from alinea.dsl.errors import Diagnostic, RuleError
from alinea.engine.compiler import loader, timeline
from alinea.engine.compiler.passes import compile_modules, position
from alinea.lsp import engine
from alinea.lsp.workspace import Base
from tests.conftest import ROOT

DAY = datetime.date(2026, 12, 1)
EDITS = 8  # per file; each check is compared with a check from scratch
REGLES = ROOT / "regles"
FIXTURES = sorted(
    [
        *(ROOT / "tests" / "dsl" / "fixtures" / "erreurs").glob("*.alinea"),
        *(ROOT / "tests" / "engine" / "fixtures" / "erreurs").glob("*.alinea"),
    ]
)
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


EDIT_KINDS: tuple[Edit, ...] = (
    _digit,
    _digit,
    _lines,
    _name,
    _typed,
    _retype,
    _retype,
    _rename,
    _rename,
)


def from_scratch(
    files: list[Path], texts: dict[Path, str], root: Path | None
) -> dict[str, list[Diagnostic]]:
    """What `alinea check FILE --date DAY` reports for each file, computed afresh."""
    named = {engine.display(path): parser.normalise(texts[path]) for path in files}
    found: list[Diagnostic]
    try:
        modules = tuple(loader.parse_all(named))
        program = compile_modules(modules)
    except RuleError as error:
        found = list(error.diagnostics)
    else:
        found = sorted([*program.warnings, *timeline.warnings(program, DAY)], key=position)
    return {
        engine.display(path): engine.selection(files, path, root).reported(found) for path in files
    }


def check_edits(base: Base, files: list[Path], edited: Path, seed: str) -> tuple[int, int]:
    """Edit one file of a base at random, checking each text incrementally and afresh: each
    edit is made on the last text, or, half the time when that one had errors, on the
    original (as an analyst fixes what broke), so both bases that compile and bases that do
    not are checked after reused findings. Returns how many texts had errors and how many
    had none (the comparison is only worth the texts it runs on)."""
    rng = random.Random(seed)
    disk = {path: path.read_text(encoding="utf-8") for path in files}
    original = text = disk[edited]
    counts = [0, 0]
    for number in range(EDITS + 2):
        snapshot = base.check({edited: text}, DAY)
        expected = from_scratch(files, {**disk, edited: text}, base.root)
        assert snapshot.diagnostics == expected, f"{edited.name}, texte n° {number} ({seed})"
        broken = any(d.is_error for found in expected.values() for d in found)
        counts[broken] += 1
        if number == EDITS:
            text = original  # undone: back to the nodes of the first check
            continue
        if broken and rng.random() < 0.5:
            text = original
        text = rng.choice(EDIT_KINDS)(rng, text)
    return counts[True], counts[False]


_BUNDLED: list[Base] = []


@functools.cache
def walk(name: str) -> tuple[int, int]:
    """The edits of one file of `regles/`, checked by one base kept for all of them, as the
    server keeps it between edits (each file walked once, whatever order tests run in)."""
    if not _BUNDLED:
        _BUNDLED.append(Base(REGLES))
    return check_edits(_BUNDLED[0], engine.rule_files(REGLES), REGLES / name, f"regles/{name}")


RULE_FILES = sorted(path.name for path in REGLES.glob("*.alinea"))


@pytest.mark.parametrize("name", RULE_FILES)
def test_editing_a_rule_file_of_the_base_gives_the_diagnostics_of_a_check_from_scratch(
    name: str,
) -> None:
    walk(name)


def test_the_edits_break_the_base_and_keep_it_compiling_alike() -> None:
    """The comparisons are only worth the texts they run on: in every file some edits break
    the base, and many edited texts still compile (beside each original and its undoing)."""
    counts = [walk(name) for name in RULE_FILES]
    assert all(broken >= 1 for broken, _ in counts)
    assert sum(broken for broken, _ in counts) >= 3 * len(RULE_FILES)
    assert sum(compiled - 2 for _, compiled in counts) >= 2 * len(RULE_FILES)


@pytest.mark.parametrize(
    "path", FIXTURES, ids=lambda path: f"{path.parent.parent.name}/{path.name}"
)
def test_editing_an_error_fixture_gives_the_diagnostics_of_a_check_from_scratch(
    path: Path,
) -> None:
    check_edits(Base(None, path), [path], path, f"{path.parent.name}/{path.name}")
