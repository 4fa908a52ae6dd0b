"""Go to definition, find references, rename — across the files of a base.

A rename rewrites each occurrence as it was written (a relative `eligible` stays relative
when the new name keeps its prefix), then checks the result: the base is read again with
the edits applied, and every name of every file must designate what it designated before
(the renamed one excepted). A new name that is already declared, is an enumeration value,
is not a name, or would change what another name designates is refused, saying why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from ..dsl import nodes, parser
from ..dsl.blocks import BlockParser
from ..dsl.errors import Span
from . import engine, lexicon
from .index import Index, Occurrence, Role
from .workspace import Snapshot

if TYPE_CHECKING:
    from .server import Server

RENAMED = frozenset({Role.FACT, Role.PARAMETER, Role.RULE})


class Refused(JsonRpcException):
    """A request the server declines (the protocol's RequestFailed), saying why in French."""

    CODE = -32803


def definitions(snapshot: Snapshot, occurrence: Occurrence) -> list[tuple[str, Span]]:
    """Where the name under the cursor is declared (every version of a rule, every section
    of an article, the section in force first)."""
    index = snapshot.index
    if occurrence.role in {Role.CITATION, Role.ARTICLE}:
        return _sections(snapshot, occurrence.target)
    found = index.declarations(occurrence.role, occurrence.target)
    return [(o.span.path, o.span) for o in found]


def _sections(snapshot: Snapshot, citation: str) -> list[tuple[str, Span]]:
    program = snapshot.program
    reference = program.reference(citation)
    if reference is None:
        return []
    current = program.article(citation, snapshot.day)
    sections = [a for a, _ in program.articles[reference]]
    ordered = ([current] if current is not None else []) + [a for a in sections if a is not current]
    return [(a.span.path, a.span) for a in ordered if a.span is not None]


def references(
    snapshot: Snapshot, occurrence: Occurrence, *, declarations: bool
) -> list[tuple[str, Span]]:
    """Every place the name is written (declarations too when asked); for an article, its
    sections and the citations that point to it."""
    index = snapshot.index
    if occurrence.role in {Role.CITATION, Role.ARTICLE}:
        return _citing(snapshot, occurrence.target, declarations=declarations)
    found = index.occurrences(occurrence.role, occurrence.target)
    return [(o.span.path, o.span) for o in found if declarations or not o.declaration]


def _citing(snapshot: Snapshot, citation: str, *, declarations: bool) -> list[tuple[str, Span]]:
    program = snapshot.program
    reference = program.reference(citation)
    if reference is None:
        return []
    found: list[tuple[str, Span]] = []
    for items in snapshot.index.by_file.values():
        for o in items:
            article = o.role is Role.ARTICLE and o.target == reference and declarations
            cites = o.role is Role.CITATION and program.reference(o.target) == reference
            if article or cites:
                found.append((o.span.path, o.span))
    return found


# ---------------------------------------------------------------- rename


def renamable(occurrence: Occurrence | None) -> Occurrence:
    if occurrence is None or occurrence.role not in RENAMED:
        raise Refused(
            "U081 : seuls les noms de données, de paramètres, de règles et de conclusions se "
            "renomment ici"
        )
    return occurrence


def rename(
    snapshot: Snapshot, occurrence: Occurrence, new: str
) -> dict[str, list[tuple[Span, str]]]:
    """The edits of each file that rename the symbol under the cursor to `new`."""
    occurrence = renamable(occurrence)
    old = occurrence.target
    new = parser.normalise(new).strip()
    _check_name(snapshot.program, snapshot.index.values, old, new)
    edits: dict[str, list[tuple[Span, str]]] = {}
    for found in snapshot.index.occurrences(occurrence.role, old):
        edits.setdefault(found.span.path, []).append((found.span, _written(found, old, new)))
    for found in _relative_inside(snapshot, old, new):
        edits.setdefault(found.span.path, []).append((found.span, found.target))
    _check_meaning(snapshot, edits, (occurrence.role, old), new)
    return edits


def _relative_inside(snapshot: Snapshot, old: str, new: str) -> list[Occurrence]:
    """The names written relatively inside a renamed rule and its exceptions (they are read
    relative to its name): written in full when the new name has other prefixes."""
    rule = snapshot.program.rules.get(old)
    if rule is None or _prefixes(old) == _prefixes(new):
        return []
    bodies = [v.rule.span for v in rule.versions] + [d.decl.span for d in rule.derogations]
    found = []
    for body in bodies:
        if body is None:
            continue
        for occurrence in snapshot.index.by_file.get(body.path, []):
            inside = body.line <= occurrence.span.line <= body.end_line
            relative = occurrence.written != occurrence.target and occurrence.target != old
            if inside and relative and occurrence.role in RENAMED and not occurrence.declaration:
                found.append(occurrence)
    return found


def _prefixes(name: str) -> list[str]:
    parts = name.split(".")[:-1]
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def _check_name(program: engine.Program, values: set[str], old: str, new: str) -> None:
    written = lexicon.words(new)
    if [(w.kind, w.text) for w in written] != [(lexicon.Kind.NAME, new)]:
        raise Refused(
            f"U082 : « {new} » n'est pas un nom (des lettres, chiffres, « _ » et points, "
            "pas un mot réservé)"
        )
    if new == old:
        raise Refused(f"U082 : « {new} » est déjà le nom de ce symbole")
    symbol = program.symbol(new)
    if symbol is not None:
        where = f" ({symbol.span})" if symbol.span is not None else ""
        raise Refused(f"U083 : « {new} » est déjà déclaré comme {_kind(symbol)}{where}")
    if new in values:
        raise Refused(f"U083 : « {new} » est une valeur d'énumération de la base")


def _kind(symbol: engine.Symbol) -> str:
    if isinstance(symbol, engine.FactSymbol):
        return "donnée"
    if isinstance(symbol, engine.ParameterSymbol):
        return "paramètre"
    return "conclusion" if symbol.public else "règle"


def _written(occurrence: Occurrence, old: str, new: str) -> str:
    """The new name as this place should write it: relative when it was and the new name
    keeps the prefix it was relative to, else in full."""
    written = occurrence.written
    if written == old:
        return new
    prefix = old[: len(old) - len(written)]
    return new[len(prefix) :] if new.startswith(prefix) and len(new) > len(prefix) else new


def _check_meaning(
    snapshot: Snapshot,
    edits: dict[str, list[tuple[Span, str]]],
    renamed: tuple[Role, str],
    new: str,
) -> None:
    """Refuse the rename unless, with the edits applied, every name designates what it did
    (the renamed symbol, under its new name)."""
    modules: list[nodes.Module] = []
    lines: dict[str, list[str]] = {}
    for name, parsed in snapshot.parsed.items():
        text = snapshot.text(name) or ""
        module = parsed.partial
        if name in edits:
            text = apply(text, edits[name])
            module = BlockParser(name).parse(text).partial
        modules.append(module)
        lines[name] = text.split("\n")
    after = Index(engine.resolve_names(tuple(modules)), lines)
    for name in snapshot.parsed:
        before = [_meaning(o, renamed, new) for o in snapshot.index.by_file.get(name, [])]
        now = [(o.role, o.target) for o in after.by_file.get(name, [])]
        if before != now:
            changed = next(
                (b for b, a in zip(before, now, strict=False) if a != b),
                before[-1] if before else None,
            )
            what = f" (« {changed[1]} »)" if changed else ""
            raise Refused(
                f"U084 : avec le nom « {new} », un autre nom de {name}{what} ne désignerait "
                "plus la même chose"
            )


def _meaning(occurrence: Occurrence, renamed: tuple[Role, str], new: str) -> tuple[Role, str]:
    if (occurrence.role, occurrence.target) == renamed:
        return (occurrence.role, new)
    return (occurrence.role, occurrence.target)


def apply(text: str, edits: list[tuple[Span, str]]) -> str:
    """`text` with one-line edits applied (spans of names: never two on one place)."""
    lines = text.split("\n")
    for span, replacement in sorted(edits, key=lambda e: (e[0].line, e[0].column), reverse=True):
        line = lines[span.line - 1]
        lines[span.line - 1] = line[: span.column - 1] + replacement + line[span.end_column - 1 :]
    return "\n".join(lines)


# ---------------------------------------------------------------- protocol


def register(server: Server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(params: types.DefinitionParams) -> list[types.Location] | None:
        found = await server.named(params.text_document.uri, params.position)
        if found is None:
            return None
        snapshot, occurrence = found
        return _locations(server, snapshot, definitions(snapshot, occurrence))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def on_references(params: types.ReferenceParams) -> list[types.Location] | None:
        found = await server.named(params.text_document.uri, params.position)
        if found is None:
            return None
        snapshot, occurrence = found
        places = references(snapshot, occurrence, declarations=params.context.include_declaration)
        return _locations(server, snapshot, places)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare(params: types.PrepareRenameParams) -> types.Range | None:
        found = await server.occurrence(params.text_document.uri, params.position)
        if found is None:
            return None
        snapshot, occurrence = found
        occurrence = renamable(occurrence)
        lines = snapshot.text(occurrence.span.path) or ""
        return server.units.range(lines.split("\n"), occurrence.span)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    async def on_rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = await server.occurrence(params.text_document.uri, params.position)
        if found is None:
            return None
        snapshot, occurrence = found
        occurrence = renamable(occurrence)
        edits = rename(snapshot, occurrence, params.new_name)
        changes: dict[str, list[types.TextEdit]] = {}
        for file, file_edits in edits.items():
            for span, text in file_edits:
                location = server.location(snapshot, file, span)
                if location is not None:
                    edit = types.TextEdit(range=location.range, new_text=text)
                    changes.setdefault(location.uri, []).append(edit)
        if occurrence.role is Role.FACT or occurrence.target in snapshot.program.rules:
            server.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Info,
                    message=f"« {occurrence.target} » renommé dans la base de règles ; les "
                    "situations et les cas de test qui le nomment ne sont pas modifiés",
                )
            )
        return types.WorkspaceEdit(changes=changes)


def _locations(
    server: Server, snapshot: Snapshot, places: list[tuple[str, Span]]
) -> list[types.Location]:
    found = [server.location(snapshot, name, span) for name, span in places]
    return [location for location in found if location is not None]
