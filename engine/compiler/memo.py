"""What a pass computed for each declaration at the last compile, to reuse at the next one.

The language server compiles the whole base again after every keystroke, but a keystroke
changes one declaration: the parser keeps the very node objects of the blocks it did not
re-parse (`dsl.blocks`), so a node that is the same object as at the last compile has the
same text at the same place. A pass that computes something from one declaration and a few
things around it (the names in scope, the types of the symbols it reads) keeps its result
under the node, with what it read, and reuses it when the node is the same object and what
it read is unchanged. Nodes are frozen; an entry holds its node, so the id it is filed under
cannot be taken by another object while the entry lives.

Only what the last compile used is kept: a pass calls `done` when it has run, and the
entries it neither read nor wrote are dropped, so the memory stays that of one base however
long the analyst types.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from ...dsl import nodes


class Entry(Protocol):
    @property
    def node(self) -> nodes.Node: ...


E = TypeVar("E", bound=Entry)


class Memo(Generic[E]):
    """Entries by the identity of the node they were computed from."""

    def __init__(self) -> None:
        self._last: dict[int, E] = {}
        self._this: dict[int, E] = {}

    def get(self, node: nodes.Node) -> E | None:
        """The entry of this very node (not of an equal one: equality ignores places)."""
        key = id(node)
        found = self._this.get(key) or self._last.get(key)
        if found is None or found.node is not node:
            return None
        self._this[key] = found
        return found

    def put(self, entry: E) -> None:
        self._this[id(entry.node)] = entry

    def done(self) -> None:
        """The pass has run: keep what it used, drop the rest."""
        self._last, self._this = self._this, {}

    def __len__(self) -> int:
        return len(self._last)
