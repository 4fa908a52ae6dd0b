"""Which rule base a command reads: the one discovery rule of every `alinea` command.

Explicit paths, else `./regles` when the working directory has one, else the base shipped
with alinea. A file named on its own is read within the rule base it belongs to — the nearest
enclosing folder named `regles` (the name alinea gives rule bases), not looking past the root
of a git repository — because its facts and rules are usually declared in sibling files;
diagnostics are then reported for the files named only. A file outside any `regles` folder
is read alone, as a folder of independent examples is not a rule base.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from ...dsl.errors import Diagnostic
from .loader import bundled, display, rule_files

LOCAL = Path("regles")
BASE_NAMES = frozenset({"regles", "règles"})


class Origin(enum.Enum):
    GIVEN = "given"
    """Exactly the files and folders named."""
    LOCAL = "local"
    """`./regles`, found in the working directory."""
    BUNDLED = "bundled"
    """The rule base shipped with alinea."""
    ENCLOSING = "enclosing"
    """Files named, read within the rule base that holds them."""


@attrs.frozen
class Selection:
    """The files to compile, those the user asked about, and where they come from."""

    files: tuple[Path, ...]
    asked: tuple[Path, ...]
    origin: Origin
    root: Path | None = None

    @functools.cached_property
    def asked_names(self) -> frozenset[str]:
        """The names diagnostics give the asked files (as `loader.display` names them); once,
        not for each diagnostic `mine` is asked about (a name is found on the disk)."""
        return frozenset(display(path) for path in self.asked)

    def mine(self, diagnostic: Diagnostic) -> bool:
        """Whether a diagnostic concerns the files asked about (or no file at all)."""
        return diagnostic.span is None or diagnostic.span.path in self.asked_names

    def reported(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """What a command reports of `diagnostics`: all of them, or for files read within
        their base, those of these files; the errors of the rest of the base are only
        counted (E045), with the command that shows them, since they stop the later passes."""
        diagnostics = list(diagnostics)
        if self.origin is not Origin.ENCLOSING:
            return diagnostics
        mine = [d for d in diagnostics if self.mine(d)]
        others = sum(d.is_error for d in diagnostics if not self.mine(d))
        if others:
            plural = "s" if others > 1 else ""
            mine.append(
                Diagnostic(
                    "E045",
                    f"vérification incomplète : la base {self.base_name} a {others} "
                    f"erreur{plural} dans d'autres fichiers, qui arrêtent les étapes suivantes",
                    None,
                    f"les voir : alinea check {self.base_name}",
                )
            )
        return mine

    def describe(self) -> str | None:
        """The line saying which base alinea chose; None when it read exactly what was named."""
        count = _files(len(self.files))
        if self.origin is Origin.LOCAL:
            return f"règles : {_shown(LOCAL)} ({count})"
        if self.origin is Origin.BUNDLED:
            return f"règles : base fournie ({count})"
        if self.origin is Origin.ENCLOSING and self.root is not None:
            named = display(self.asked[0]) if len(self.asked) == 1 else _files(len(self.asked))
            return f"règles : {named}, dans la base {self.base_name} ({count})"
        return None

    @property
    def base_name(self) -> str:
        """The base folder as messages name it: `./regles`, `fournie`, or its path."""
        return _base_name(self.root) if self.root is not None else "?"


def select(paths: Sequence[str | Path] | None, *, local: bool = True) -> Selection:
    """The rule files a command reads for `paths` (see the module docstring); `local=False`
    skips `./regles` (a command that must not guess)."""
    if not paths:
        if local and LOCAL.is_dir():
            return Selection(tuple(rule_files([LOCAL])), (), Origin.LOCAL, LOCAL)
        return Selection(tuple(rule_files([bundled()])), (), Origin.BUNDLED, bundled())
    named = rule_files(paths)
    roots = list(dict.fromkeys(r for r in map(enclosing_base, map(Path, paths)) if r))
    widened = _unique([*named, *rule_files(roots)]) if roots else named
    if len(widened) == len(named):
        return Selection(tuple(named), tuple(named), Origin.GIVEN)
    return Selection(tuple(widened), tuple(named), Origin.ENCLOSING, roots[0])


def enclosing_base(path: Path) -> Path | None:
    """The `regles` folder above `path`, if any below the root of its git repository (a
    checkout that happens to be named `regles` is not a rule base)."""
    resolved = path.resolve()
    if resolved.is_dir() and resolved.name in BASE_NAMES:
        return None
    for folder in resolved.parents:
        if (folder / ".git").exists():
            return None
        if folder.name in BASE_NAMES:
            return _relative(folder)
    return None


def _unique(files: list[Path]) -> list[Path]:
    """Each file once, however it was named (`regles/a.alinea`, `/abs/regles/a.alinea`)."""
    seen: dict[Path, Path] = {}
    for file in files:
        seen.setdefault(file.resolve(), file)
    return sorted(seen.values(), key=display)


def _relative(folder: Path) -> Path:
    try:
        return folder.relative_to(Path.cwd().resolve())
    except ValueError:
        return folder


def _base_name(root: Path) -> str:
    if not root.is_absolute():
        return _shown(root)
    return "fournie" if root.resolve() == bundled() else str(root)


def _shown(folder: Path) -> str:
    text = str(folder)
    return text if folder.is_absolute() or text.startswith(".") else f"./{text}"


def _files(count: int) -> str:
    return f"{count} fichier{'s' if count > 1 else ''}"
