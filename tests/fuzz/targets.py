"""What each kind of fuzzed input is fed to: every command that reads that kind of input."""

from __future__ import annotations

import random
from pathlib import Path

from . import harness
from .harness import Run, Workspace

CONCLUSIONS = ("mon_soutien_psy.seance_prise_en_charge", "css.droit", "ame.droit")
DATES = ("2026-03-01", "2026-12-01", "2019-10-31", "0001-01-01", "9999-12-31", "2026-02-30")


def rule_file(workspace: Workspace, name: str, text: str) -> list[Run]:
    """A damaged rule file within the bundled base: checked, formatted, and when it still
    checks, evaluated, explained and drawn."""
    runs = []
    with workspace.mutant(name, text) as path:
        rules = str(workspace.rules)
        checked = harness.run(["check", rules])
        runs += [checked, harness.run(["fmt", "--check", str(path)])]
        if checked.code == 0:
            example = str(harness.EXAMPLE)
            runs.append(harness.run(["eval", rules, "-s", example, "--date", "2026-03-01"]))
            for conclusion in CONCLUSIONS:
                runs.append(harness.run(["explain", conclusion, rules, "-s", example]))
                runs.append(harness.run(["graph", conclusion, rules, "--date", "2026-03-01"]))
    return runs


def rule_diff(workspace: Workspace, original: Path, name: str, text: str) -> list[Run]:
    """The behavioural diff between the bundled base and the one with a damaged file."""
    with workspace.mutant(name, text):
        return [harness.run(["diff", str(original), str(workspace.rules)])]


def situation(folder: Path, text: str, day: str) -> list[Run]:
    path = folder / "situation.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    file = str(path)
    runs = [
        harness.run(["eval", "-s", file, "--date", day]),
        harness.run(["eval", "-s", file, "--date", day, "--json", "--explain"]),
    ]
    for conclusion in CONCLUSIONS:
        runs.append(harness.run(["explain", conclusion, "-s", file, "--date", day]))
    runs.append(harness.run(["ask", CONCLUSIONS[0], "-s", file, "--date", day], stdin="34\n"))
    return runs


def golden(folder: Path, text: str) -> list[Run]:
    path = folder / "cas.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return [harness.run(["test", str(path)])]


COMMANDS = ("check", "eval", "explain", "ask", "graph", "test", "fmt", "diff")
OPTIONS = (
    "--date", "--json", "--explain", "--only", "-s", "--html", "--deps", "--profondeur",
    "--coverage", "--check", "--dates", "--markdown", "--rules", "-o", "--site", "--golden",
)  # fmt: skip


def argument_values(folder: Path) -> tuple[str, ...]:
    return (
        *DATES, *CONCLUSIONS, "", "-", "--", "0", "-1", "999999", "css", "x" * 300,
        str(harness.EXAMPLE), str(harness.ROOT / "regles"), str(harness.ROOT / "golden"),
        "/dev/null", "/nonexistent", str(folder), str(folder / "sortie.dot"),
        str(folder / "sortie.svg"), str(folder / "junit.xml"), "HEAD", "HEAD~1",
    )  # fmt: skip


def draw_arguments(rng: random.Random, folder: Path) -> list[str]:
    """A command line: a command, then options and values in any order."""
    pool = (*OPTIONS, *argument_values(folder))
    argv = [rng.choice(COMMANDS)]
    argv += [rng.choice(pool) for _ in range(rng.randint(0, 6))]
    return _confined(argv, folder)


def _confined(argv: list[str], folder: Path) -> list[str]:
    """Never let a fuzzed command write outside the scratch folder: `fmt` only checks, and
    every `-o` names a file in the folder."""
    if argv[0] == "fmt" and "--check" not in argv:
        argv.insert(1, "--check")
    for index, word in enumerate(argv[:-1]):
        if word == "-o" and not argv[index + 1].startswith(str(folder)):
            argv[index + 1] = str(folder / "sortie.dot")
    if argv[0] == "doc":
        argv[0] = "check"
    return argv
