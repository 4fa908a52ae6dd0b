"""The rule bases of the open files, checked as `alinea check FILE` checks each file.

A file belongs to the rule base of its nearest enclosing `regles/` folder (or is read alone
outside one), and is compiled with every file of that base: the texts of open documents,
the others as they are on disk. A check re-parses only what changed — an edited document
block by block (`dsl.blocks`), a file on disk when its size or time changed — then runs the
compiler passes over the whole base (they are fast) and gives each file the diagnostics
`alinea check` would print for it.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping
from pathlib import Path

import attrs

from ..dsl import parser, source
from ..dsl.blocks import BlockParser, Parsed
from ..dsl.errors import Diagnostic, RuleError, Severity
from . import engine
from .index import Index

_SURROGATES = re.compile("[\ud800-\udfff]")


@attrs.frozen
class Text:
    """One file of a base as a check reads it: its normalised text, or why it has none."""

    name: str
    path: Path | None
    text: str | None
    error: Diagnostic | None = None
    warning: Diagnostic | None = None


@attrs.define
class Snapshot:
    """One check of a base: texts, parses, the compiled program, each file's diagnostics.
    What tools read (the index, an evaluator) is built on first use."""

    base: Base
    day: datetime.date
    texts: dict[str, Text]
    parsed: dict[str, Parsed]
    compiled: engine.Compiled | None
    diagnostics: dict[str, list[Diagnostic]]
    _index: Index | None = None
    _evaluator: engine.Evaluator | None = None

    @property
    def program(self) -> engine.Program:
        """The program as far as it could be built: compiled, else its names resolved."""
        if self.compiled is not None:
            return self.compiled.program
        partial = tuple(parsed.partial for parsed in self.parsed.values())
        self.compiled = engine.Compiled(engine.resolve_names(partial), (), complete=False)
        return self.compiled.program

    @property
    def complete(self) -> bool:
        """Whether the whole base compiled (values can be computed)."""
        return self.compiled is not None and self.compiled.complete

    @property
    def index(self) -> Index:
        if self._index is None:
            lines = {name: text.text.split("\n") for name, text in self.texts.items() if text.text}
            self._index = Index(self.program, lines)
        return self._index

    @property
    def evaluator(self) -> engine.Evaluator | None:
        if not self.complete:
            return None
        if self._evaluator is None:
            self._evaluator = engine.Evaluator(self.program)
        return self._evaluator

    def text(self, name: str) -> str | None:
        found = self.texts.get(name)
        return found.text if found else None

    def path(self, name: str) -> Path | None:
        found = self.texts.get(name)
        return found.path if found else None


class Base:
    """A rule base: its folder (None for a file read alone), and what the last checks read,
    kept so the next check re-reads and re-parses only what changed."""

    def __init__(self, root: Path | None, alone: Path | None = None) -> None:
        self.root = root
        self.alone = alone
        self._parsers: dict[str, BlockParser] = {}
        self._parsed: dict[str, tuple[str, Parsed]] = {}
        self._disk: dict[Path, tuple[tuple[int, int], Text]] = {}
        self._documents: dict[Path, tuple[str, Text]] = {}
        self._saved: dict[Path, tuple[tuple[int, int], Diagnostic | None]] = {}
        self._memos = engine.Memos()
        self._coverages = engine.Coverages()
        self._places: dict[Path, tuple[Path, str]] = {}

    def _place(self, path: Path) -> tuple[Path, str]:
        """A file's resolved path and the name diagnostics give it, remembered (resolving
        reads the disk; a check asks it of every file of the base) until `moved`."""
        found = self._places.get(path)
        if found is None:
            found = self._places[path] = (path.resolve(), engine.display(path))
        return found

    def moved(self) -> None:
        """Files or folders may have moved: resolve the paths again."""
        self._places.clear()

    def files(self, opened: Mapping[Path, str]) -> list[Path]:
        """Its files: those on disk, and open documents not saved yet, in `alinea check`'s
        order."""
        if self.root is None:
            return [self.alone] if self.alone is not None else []
        found = {self._place(path)[0]: path for path in engine.rule_files(self.root)}
        root = self._place(self.root)[0]
        for path in opened:
            resolved = self._place(path)[0]
            if root in resolved.parents:
                found.setdefault(resolved, path)
        return sorted(found.values(), key=lambda path: self._place(path)[1])

    def check(self, opened: Mapping[Path, str], day: datetime.date) -> Snapshot:
        """Read, parse and compile the base; `opened` gives the texts of open documents."""
        opened = {self._place(path)[0]: text for path, text in opened.items()}
        files = self.files(opened)
        texts = {text.name: text for text in (self._read(path, opened) for path in files)}
        unreadable = next((t.error for t in texts.values() if t.error is not None), None)
        parsed = self._parse(texts)
        found: list[Diagnostic] = []
        compiled = None
        if unreadable is not None:
            found = [unreadable]
        else:
            found = [d for p in parsed.values() for d in p.diagnostics]
        if not found:
            modules = tuple(p.module for p in parsed.values() if p.module)
            compiled = engine.compile_checked(modules, self._memos)
            found = list(compiled.diagnostics)
            if compiled.complete:
                coverage = engine.coverage_warnings(compiled.program, day, self._coverages)
                found = sorted([*found, *coverage], key=engine.position)
        by_file = {
            self._place(path)[1]: engine.selection(files, path, self.root).reported(found)
            for path in files
        }
        for name, text in texts.items():
            if text.warning is not None:
                by_file[name].append(text.warning)
        return Snapshot(self, day, texts, parsed, compiled, by_file)

    def _read(self, path: Path, opened: Mapping[Path, str]) -> Text:
        resolved, name = self._place(path)
        key = _stat(path)
        if resolved in opened:
            edited = opened[resolved]
            known_text = self._documents.get(resolved)
            if known_text is None or known_text[0] != edited:
                known_text = self._documents[resolved] = (edited, _document(name, path, edited))
            return attrs.evolve(known_text[1], warning=self._encoding(path, name, key))
        self._documents.pop(resolved, None)
        known = self._disk.get(path)
        if known is None or known[0] != key:
            try:
                disk = Text(name, path, parser.normalise(parser.read_file(path, name)))
            except RuleError as error:
                disk = Text(name, path, None, error.diagnostics[0])
            known = self._disk[path] = (key, disk)
        return known[1]

    def _encoding(self, path: Path, name: str, key: tuple[int, int]) -> Diagnostic | None:
        """U080 when the saved file is not UTF-8: the editor shows the text it decoded its
        own way, but every alinea command will refuse the file."""
        known = self._saved.get(path)
        if known is not None and known[0] == key:
            return known[1]
        warning = None
        try:
            source.read_bounded(path, source.RULE_FILE_LIMIT)
        except source.NotUtf8 as error:
            warning = Diagnostic(
                "U080",
                f"le fichier enregistré n'est pas en UTF-8 (octet 0x{error.byte:02x}, ligne "
                f"{error.line}) : alinea check le refusera",
                None,
                "enregistrez-le en UTF-8",
                severity=Severity.WARNING,
            )
        except (OSError, source.TooLarge):
            pass
        self._saved[path] = (key, warning)
        return warning

    def _parse(self, texts: dict[str, Text]) -> dict[str, Parsed]:
        """Each readable file parsed; an unchanged text keeps its parse."""
        readable = {name: t.text for name, t in texts.items() if t.text is not None}
        if not self._parsed:
            cached = engine.cached_modules(readable)
            if cached is not None:
                self._parsed = {m.path: (readable[m.path], Parsed(m, (), m)) for m in cached}
        result: dict[str, Parsed] = {}
        for name, text in readable.items():
            known = self._parsed.get(name)
            if known is not None and known[0] == text:
                result[name] = known[1]
                continue
            parse = self._parsers.setdefault(name, BlockParser(name))
            result[name] = parse.parse(text)
            self._parsed[name] = (text, result[name])
        for gone in set(self._parsed) - set(readable):
            del self._parsed[gone]
            self._parsers.pop(gone, None)
        return result


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def _document(name: str, path: Path, text: str) -> Text:
    """An open document's text, within the limits a rule file read from disk has."""
    text = _SURROGATES.sub("\ufffd", text)
    if len(text) * 4 > source.RULE_FILE_LIMIT:
        try:
            parser.read_stream(io.BytesIO(text.encode()), name)
        except RuleError as error:
            return Text(name, path, None, error.diagnostics[0])
    return Text(name, path, parser.normalise(text))
