"""YAML situations and golden files: the C reader when present, aliases bounded, duplicate
keys refused, and every mapping knowing where its keys are.

Anchors, aliases and `<<:` merges are legitimate (golden files share their common facts
that way), but an alias is a copy: a few hundred bytes of nested aliases stand for billions
of values. So the composed document is weighed before anything is built from it: the values
its aliases copy may not exceed `inputs.ALIAS_BUDGET`, and an alias may not contain itself.
Past either, the error names the alias and its line (found by a second, event-level pass:
the composed nodes no longer know which alias led to them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

import yaml
from yaml.events import MappingStartEvent, SequenceStartEvent

from ...dsl.limits import MAX_DATA_NESTING
from . import bounded
from .reading import ALIAS_BUDGET, YAML_PIECES, Kind, Located, Place, Problem, duplicate

try:
    from yaml import CSafeLoader as _Reader
except ImportError:  # PyYAML built without libyaml: the pure-Python reader, slower
    from yaml import SafeLoader as _Reader  # type: ignore[assignment]

MERGE_TAG = "tag:yaml.org,2002:merge"
Reader = type[Any]  # a SafeLoader or a CSafeLoader: the stubs give them no common base


def yaml_nesting(root: yaml.Node) -> Place | None:
    """Where a path of the composed document opens one collection too many, or None.

    Heights are computed once per node (aliases share nodes: the document is a graph with no
    cycle, the alias check having run), in an explicit post-order; then the deepest path is
    followed down to its level `MAX_DATA_NESTING + 1`."""
    heights: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if id(node) in heights or isinstance(node, yaml.ScalarNode):
            continue
        children = [c for c in _children(node) if not isinstance(c, yaml.ScalarNode)]
        if closing:
            heights[id(node)] = 1 + max((heights[id(c)] for c in children), default=0)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    if heights.get(id(root), 0) <= MAX_DATA_NESTING:
        return None
    node = root
    for _ in range(MAX_DATA_NESTING):
        node = max((c for c in _children(node) if id(c) in heights), key=lambda c: heights[id(c)])
    mark = node.start_mark
    return mark.line + 1, mark.column + 1, 1


class DepthLimited:
    """For a pure-Python loader: its composer stops one level past the limit, before it
    recurses (libyaml's reader stops by itself, at 1,000 levels)."""

    nesting = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(SequenceStartEvent, MappingStartEvent):  # type: ignore[attr-defined]
            return super().compose_node(parent, index)  # type: ignore[misc]
        self.nesting += 1
        try:
            if self.nesting > MAX_DATA_NESTING:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise bounded.too_deep((mark.line + 1, mark.column + 1, 1))
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.nesting -= 1


class Loader(_Reader):
    """Safe YAML whose mappings are `Located` and whose invalid dates stay text."""


class PythonLoader(DepthLimited, yaml.SafeLoader):
    """The same on the pure-Python reader: what runs when PyYAML has no libyaml; its
    composer stops past the nesting limit (libyaml's reader stops by itself at 1,000)."""


def load(text: str, reader: Reader | None = None) -> Any:
    """The document of `text` (None when empty); raises `Problem` with its place. `reader`
    is `Loader` (the fastest there is) unless a test asks for `PythonLoader`."""
    if text.count("\n") + text.count(",") > YAML_PIECES:
        raise _too_many_pieces(text)
    loader = (reader or Loader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text and _copied(node) > ALIAS_BUDGET:  # no alias without a « * »
            raise _alias_problem(text, type(loader))
        deep = yaml_nesting(node)  # before constructing recurses
        if deep is not None:
            raise bounded.too_deep(deep)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in str(error.problem) and reader is not PythonLoader:
            return load(text, PythonLoader)  # libyaml's 1,000 levels: find the limit's place
        raise _syntax(error, text) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        message = f"YAML invalide : caractère de contrôle interdit (#x{error.character:04x})"
        raise Problem(Kind.SYNTAX, message, (line, column, 1)) from None
    finally:
        loader.dispose()


def _too_many_pieces(text: str) -> Problem:
    """Refused before the reader starts, at the line where the limit falls."""
    ends = re.finditer(r"[\n,]", text)
    last = next(itertools.islice(ends, YAML_PIECES, None))
    line = text.count("\n", 0, last.start()) + 1
    return Problem(
        Kind.TOO_LARGE,
        f"YAML trop long : plus de {YAML_PIECES:,} lignes et éléments".replace(",", "\u202f"),
        (line, 1, 1),
        "un fichier aussi grand s'écrit en JSON, lu bien plus vite",
    )


_PROBLEMS = (
    (r"(did not find expected|expected) ',' or '\]'", "virgule ou « ] » attendu"),
    (r"(did not find expected|expected) ',' or '}'", "virgule ou « } » attendu"),
    (
        r"mapping values are not allowed",
        "« : » inattendu (une valeur qui contient « : » s'écrit entre guillemets)",
    ),
    (r"could not find expected ':'", "« : » attendu après la clé"),
    (r"found undefined alias", "alias non défini"),
    (r"second occurrence", "ancre définie deux fois"),
    (
        r"did not find expected key|expected <block end>|expected '-' indicator",
        "indentation incohérente",
    ),
    (r"found unexpected end of stream", "fin du fichier dans un texte entre guillemets"),
    (r"found unhashable key", "une clé est un texte ou un nombre"),
    (r"but found another document", "un seul document attendu (« --- » en trop)"),
    (r"node content", "valeur attendue"),
    (r"unknown escape character", "séquence d'échappement inconnue dans un texte"),
    (r"constructor for the tag '([^']*)'", r"étiquette « \1 » non permise"),
)


def _syntax(error: yaml.MarkedYAMLError, text: str) -> Problem:
    """The reader's complaint in French; the C and Python readers word it differently."""
    mark = error.problem_mark or error.context_mark
    place = (mark.line + 1, mark.column + 1, 1) if mark is not None else (1, 1, 1)
    problem = error.problem or error.context or str(error)
    if "cannot start any token" in problem and mark is not None:
        character = _character(text, mark.line, mark.column)
        reason = (
            "tabulation : indentez avec des espaces"
            if character == "\t"
            else f"caractère « {character} » inattendu (entourez la valeur de guillemets)"
        )
        return Problem(Kind.SYNTAX, f"YAML invalide : {reason}", place)
    for pattern, french in _PROBLEMS:
        match = re.search(pattern, problem)
        if match:
            return Problem(Kind.SYNTAX, f"YAML invalide : {match.expand(french)}", place)
    return Problem(Kind.SYNTAX, f"YAML invalide : le lecteur YAML signale « {problem} »", place)


def _character(text: str, line: int, column: int) -> str:
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    return text[start + column : start + column + 1] or "?"


def _copied(root: yaml.Node) -> int:
    """How many values the aliases of the document copy: its size as a tree, aliases
    unfolded, minus its distinct nodes; `ALIAS_BUDGET + 1` for an alias inside itself.
    Iterative, linear in the distinct nodes; scalars, most of them, are never stacked."""
    if isinstance(root, yaml.ScalarNode):
        return 0
    sizes: dict[int, int] = {}
    scalars: set[int] = set()
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        key = id(node)
        if closing:
            open_.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in open_:
            return ALIAS_BUDGET + 1
        open_.add(key)
        stack.append((node, True))
        for child in _children(node):
            if isinstance(child, yaml.ScalarNode):
                scalars.add(id(child))
            elif id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)] - len(sizes) - len(scalars)


def _children(node: yaml.Node) -> Iterable[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return itertools.chain.from_iterable(node.value)
    return node.value if isinstance(node, yaml.SequenceNode) else ()


def _alias_problem(text: str, reader: Reader) -> Problem:
    """The alias that brings the copies past the budget, or that contains itself."""
    sizes: dict[str | None, int] = {}
    frames: list[tuple[str | None, list[int]]] = []  # anchor, [size so far]
    copied = 0
    for event in yaml.parse(text, Loader=reader):
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in frames):
                return Problem(
                    Kind.ALIAS,
                    f"l'alias « *{event.anchor} » se contient lui-même",
                    _mark(event),
                    "un alias ne peut désigner une valeur qui l'inclut",
                )
            copied += sizes[event.anchor]
            if copied > ALIAS_BUDGET:
                return Problem(
                    Kind.ALIAS,
                    f"l'alias « *{event.anchor} » porte les copies faites par les alias "
                    f"au-delà de {ALIAS_BUDGET:,} valeurs".replace(",", "\u202f"),
                    _mark(event),
                    "ancres et alias (&nom, *nom, <<:) copient des valeurs : écrivez-les "
                    "en clair ou imbriquez moins d'alias",
                )
            _grow(frames, sizes[event.anchor])
        elif isinstance(event, yaml.CollectionStartEvent):
            frames.append((event.anchor, [1]))
        elif isinstance(event, yaml.ScalarEvent):
            sizes[event.anchor] = 1
            _grow(frames, 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, (size,) = frames.pop()
            sizes[anchor] = size
            _grow(frames, size)
    return Problem(Kind.ALIAS, "alias trop nombreux")  # not reached: the walk agreed


def _grow(frames: list[tuple[str | None, list[int]]], size: int) -> None:
    if frames:
        frames[-1][1][0] += size


def _mark(event: yaml.Event) -> Place:
    start, end = event.start_mark, event.end_mark
    if start is None or end is None:
        return 1, 1, 1
    return start.line + 1, start.column + 1, max(1, end.column - start.column)


def _place(node: yaml.Node) -> Place:
    start, end = node.start_mark, node.end_mark
    width = end.column - start.column if end.line == start.line else 1
    return start.line + 1, start.column + 1, max(width, 1)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
    """A `Located` mapping; a key written twice in the same mapping is an error (a key that
    a `<<:` merge brings and the mapping sets again is the merge's purpose, not an error)."""
    own: dict[Any, Place] = {}
    merges = False
    for key_node, _ in node.value:
        if key_node.tag == MERGE_TAG:
            merges = True
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            earlier = own.get(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found unhashable key",
                key_node.start_mark,
            ) from None
        if earlier is not None:
            raise duplicate(key, earlier, _place(key_node))
        own[key] = _place(key_node)
    if merges:
        loader.flatten_mapping(node)
    data = Located(start=_place(node))
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_places[key] = own[key] if key in own else _place(key_node)
    return data


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date YAML cannot build (2024-02-30) stays text, for a located « date invalide »."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


def _number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A number Python cannot build (`!!int abc`, a 5,000-digit integer, `1e999999999` past
    a float's range) stays text, for the situation's « valeur invalide » or « hors limites »."""
    try:
        if node.tag.endswith(":int"):
            return loader.construct_yaml_int(node)
        number = loader.construct_yaml_float(node)
    except ValueError:
        return loader.construct_scalar(node)
    written = str(node.value).lower()
    overflows = abs(number) == float("inf") and not written.lstrip("+-").startswith(".inf")
    return loader.construct_scalar(node) if overflows else number


for _reader in (Loader, PythonLoader):
    _reader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _reader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _reader.add_constructor("tag:yaml.org,2002:int", _number)
    _reader.add_constructor("tag:yaml.org,2002:float", _number)
