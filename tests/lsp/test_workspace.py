"""The incremental check of a base gives, after every edit, what a check from scratch gives.

The server keeps parses and compiler findings from one check to the next (`dsl.blocks`,
`engine.compiler.memo`); whatever it reuses, each file's diagnostics must be those of
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
from pathlib import Path

import pytest

from alinea.dsl import parser
from alinea.dsl.errors import Diagnostic, RuleError
from alinea.engine.compiler import loader, timeline
from alinea.engine.compiler.passes import compile_modules, position
from alinea.lsp import engine
from alinea.lsp.workspace import Base
from tests import edits
from tests.conftest import ROOT

DAY = datetime.date(2026, 12, 1)
EDITS = 8  # per file; each check is compared with a check from scratch
REGLES = ROOT / "regles"
FIXTURES = sorted(
    [
        *(ROOT / "tests" / "dsl" / "fixtures" / "erreurs").glob("*.alinea"),
        *(ROOT / "tests" / "engine" / "fixtures" / "erreurs").glob("*.alinea"),
        *(ROOT / "tests" / "fixtures" / "couverture").rglob("*.alinea"),
    ]
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
        text = edits.edit(rng, text)
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


def test_the_abrogation_the_coverage_warning_asks_for_silences_it_as_a_check_does() -> None:
    """W701's hint: say the article was abrogated. The section is a new block: the versions
    of the parameter and of the rule are the same nodes as at the last check, under the
    same section, but their coverage ends with an abrogation now."""
    path = ROOT / "tests" / "lsp" / "fixtures" / "abrogation.alinea"
    text = path.read_text(encoding="utf-8")
    base = Base(None, path)
    name = engine.display(path)
    warnings = base.check({}, DAY).diagnostics[name]
    assert [d.code for d in warnings] == ["W701", "W701"]
    assert warnings[0].hint is not None
    section = warnings[0].hint.split("« ")[1].split(" »")[0].replace("…", "décret n° 2026-1")
    for edited in (f"{text}\n{section}\n", text):
        found = base.check({path: edited}, DAY).diagnostics
        assert found == from_scratch([path], {path: edited}, None)
        assert len(found[name]) == (0 if edited != text else 2)
