"""Find rule files, parse them, compile them once; cache the checked program on disk.

The cache key hashes the grammar, the sources of the engine and of the AST classes, the
alinea version and every file's path and text, so a stale cache is impossible; an
unreadable or unwritable cache is silently bypassed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

from ..dsl import nodes, parser
from ..dsl.errors import Diagnostic, RuleError, UsageError
from .passes import compile_modules
from .program import Program

EXTENSION = ".alinea"
_SOURCES: dict[str, str] = {}


def bundled() -> Path:
    """The rule base shipped with alinea (regles/ beside the packages, in a clone or a wheel)."""
    return Path(__file__).resolve().parent.parent / "regles"


def rule_files(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """The `.alinea` files under `paths` (files or folders), sorted; the bundled base by default."""
    roots = [Path(p) for p in paths] if paths else [bundled()]
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            files.extend(sorted(root.rglob(f"*{EXTENSION}")))
        elif root.is_file():
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
    """The text of a file named in a diagnostic, as it was loaded (for excerpts)."""
    if path in _SOURCES:
        return _SOURCES[path]
    try:
        return parser.normalise(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


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
        cached = _from_cache(key)
        if cached is not None:
            return cached
    modules = tuple(parse_all(texts))
    program = compile_modules(modules)
    if cache:
        _to_cache(key, program)
    return program


def parse_all(texts: dict[str, str]) -> Iterable[nodes.Module]:
    """Parse every file, reporting the syntax errors of all files together."""
    modules = []
    found: list[Diagnostic] = []
    for path, text in texts.items():
        try:
            modules.append(parser.parse(text, path))
        except RuleError as error:
            found.extend(error.diagnostics)
    if found:
        raise RuleError(found)
    return modules


def _read(files: list[Path]) -> dict[str, str]:
    texts = {}
    for file in files:
        try:
            text = parser.normalise(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError([Diagnostic("E000", f"lecture impossible de {file} : {exc}")]) from None
        name = display(file)
        texts[name] = _SOURCES[name] = text
    return texts


def _version() -> str:
    try:
        return metadata.version("alinea")
    except metadata.PackageNotFoundError:
        return "dev"


def _key(texts: dict[str, str]) -> str:
    digest = hashlib.sha256(_version().encode())
    digest.update(parser.GRAMMAR.read_bytes())
    engine = Path(__file__).parent
    # The AST classes (dsl/nodes.py) are pickled too: a change there must not load old trees.
    for module in sorted([*engine.rglob("*.py"), *(engine.parent / "dsl").rglob("*.py")]):
        digest.update(module.read_bytes())
    for path, text in texts.items():
        digest.update(path.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()


def cache_dir() -> Path:
    if os.environ.get("ALINEA_CACHE_DIR"):
        return Path(os.environ["ALINEA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "alinea"


def _from_cache(key: str) -> Program | None:
    try:
        data = (cache_dir() / f"{key}.pickle").read_bytes()
        program = pickle.loads(data)
    except Exception:
        return None
    return program if isinstance(program, Program) else None


def _to_cache(key: str, program: Program) -> None:
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{key}.{os.getpid()}.tmp"
        temporary.write_bytes(pickle.dumps(program, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(folder / f"{key}.pickle")
    except OSError:
        pass
