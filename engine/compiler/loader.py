"""Find rule files, parse them, compile them; cache the parse on disk (`engine.cache`).

The cache key hashes what shapes a parsed tree — the grammar, the parser's and the AST's
sources, the version of Lark — and every file's path and text, so a stale entry is never
read; the compiler passes run on every load. Computing it imports neither Lark nor
`importlib.metadata` (the version is read from Lark's `__init__.py`, where it is written).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...dsl import nodes, rulefile, source
from ...dsl.errors import Diagnostic, RuleError, RuleSyntaxError, UsageError
from ..files import Entry, entry
from . import cache as parse_cache
from .passes import compile_modules
from .program import Program

EXTENSION = ".alinea"
_SOURCES: dict[str, str] = {}
_RECENT: dict[str, str] = {}
_RECENT_COUNT = 8
_LARGEST = max(source.RULE_FILE_LIMIT, source.SITUATION_LIMIT, source.GOLDEN_LIMIT)


def bundled() -> Path:
    """The rule base shipped with alinea (regles/ beside the packages, in a clone or a wheel)."""
    return Path(__file__).resolve().parents[2] / "regles"


def rule_files(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """The `.alinea` files under `paths` (files or folders), sorted; the bundled base by default."""
    roots = [Path(p) for p in paths] if paths else [bundled()]
    files: list[Path] = []
    for root in roots:
        found = entry(root)
        if found is Entry.FOLDER:
            files.extend(sorted(root.rglob(f"*{EXTENSION}")))
        elif found is Entry.FILE:
            files.append(root)
        else:
            raise UsageError(
                [Diagnostic("U003", f"aucun fichier ni dossier « {root} »", None, None)]
            )
    if not files:
        raise UsageError(
            [Diagnostic("U003", f"aucun fichier {EXTENSION} sous {', '.join(map(str, roots))}")]
        )
    return sorted(dict.fromkeys(files))


def display(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        pass
    try:
        return str(Path("regles") / resolved.relative_to(bundled()))
    except ValueError:
        return str(path)


def read_source(path: str) -> str | None:
    """The text of a file named in a diagnostic, as it was read (for excerpts)."""
    if path in _SOURCES:
        return _SOURCES[path]
    if path in _RECENT:
        return _RECENT[path]
    try:
        return rulefile.normalise(source.read_bounded(path, _LARGEST))
    except (OSError, source.TooLarge, source.NotUtf8):
        return None


def remember(path: str, text: str) -> None:
    """Keep the text of a situation or golden file as it was parsed, so that excerpts show
    what the parser saw without reading the file again; only the last few are kept."""
    _RECENT.pop(path, None)
    _RECENT[path] = text
    while len(_RECENT) > _RECENT_COUNT:
        del _RECENT[next(iter(_RECENT))]


def load_program(paths: Sequence[str | Path] | None = None, *, cache: bool = True) -> Program:
    return program_from_texts(_read(rule_files(paths)), cache=cache)


def load_files(files: Sequence[Path], *, cache: bool = True) -> Program:
    """Compile exactly these files (a selection made by `bases.select`)."""
    return program_from_texts(read_texts(files), cache=cache)


def read_texts(files: Sequence[Path]) -> dict[str, str]:
    """The normalised texts of rule files, keyed by the name diagnostics show."""
    return _read(list(files))


def program_from_texts(texts: dict[str, str], *, cache: bool = True) -> Program:
    """Compile rule files given as texts (a git revision read in memory, say), keyed by the
    name diagnostics show; their texts are kept for the excerpts of those diagnostics."""
    _SOURCES.update(texts)
    key = _key(texts)
    if cache:
        cached = parse_cache.load(key, list(texts))
        if cached is not None:
            with contextlib.suppress(Exception):  # a doctored entry: compile from the source
                return compile_modules(cached)
    modules = tuple(parse_all(texts))
    program = compile_modules(modules)
    if cache:
        parse_cache.store(key, modules)
    return program


def parse_all(texts: dict[str, str]) -> Iterable[nodes.Module]:
    """Parse every file, reporting the syntax errors of all files together."""
    from ...dsl import parser  # Lark, imported only when a file must be parsed

    modules = []
    found: list[Diagnostic] = []
    for path, text in texts.items():
        try:
            modules.append(parser.parse(text, path))
        except RuleError as error:
            found.extend(error.diagnostics)
    if found:
        raise RuleSyntaxError(found)
    return modules


def _read(files: list[Path]) -> dict[str, str]:
    texts = {}
    for file in files:
        name = display(file)
        texts[name] = _SOURCES[name] = rulefile.normalise(rulefile.read_file(file, name))
    return texts


def _lark_version() -> bytes:
    """The text of Lark's `__init__.py`, which holds its version, found without importing it."""
    spec = importlib.util.find_spec("lark")
    if spec is None or spec.origin is None:
        return b""
    with contextlib.suppress(OSError):
        return Path(spec.origin).read_bytes()
    return b""


def _key(texts: dict[str, str]) -> str:
    digest = hashlib.sha256(f"{parse_cache.VERSION}\0".encode())
    digest.update(_lark_version() + b"\0")
    digest.update(rulefile.GRAMMAR.read_bytes())
    # The parser and the AST classes (dsl/*.py) shape a cached tree; the passes run anyway.
    for module in sorted(Path(rulefile.__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    for path, text in texts.items():
        digest.update(path.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()
