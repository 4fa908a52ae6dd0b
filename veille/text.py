"""Comparing a quotation with the official text, word by word.

Both sides are cut into tokens (words, and each punctuation sign on its own) after the same
normalisation, so typography that LEGI and rule files write differently never counts: runs
of spaces and line breaks, non-breaking spaces, curly apostrophes, the space LEGI leaves
before punctuation after a link (`L. 161-25 .`) or after an apostrophe (`l' article`). Words,
their case and accents, and the punctuation signs themselves must agree.

A quotation is a list of runs separated by cuts (`[…]`); it matches when each run is found,
in order, in the official text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

import attrs

CUT = re.compile(r"\[(?:…|\.\.\.)\]")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'"})
_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
CONTEXT = 4


def normalise(text: str) -> str:
    """One space between words, straight apostrophes, no space after an apostrophe."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _SPACES.sub(" ", text).strip()
    return text.replace("' ", "'")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def runs(lines: Sequence[str]) -> list[list[str]]:
    """The quoted lines joined, cut at each `[…]`, as token lists (empty runs dropped)."""
    joined = " ".join(lines)
    return [found for part in CUT.split(joined) if (found := tokens(part))]


def join(words: Sequence[str]) -> str:
    """Tokens back to readable text: no space before `, . )` nor after `(`."""
    text = " ".join(words)
    return re.sub(r"\( ", "(", re.sub(r" ([,.)])", r"\1", text))


@attrs.frozen
class Difference:
    """One place where a quotation departs from the official text, with a few words of
    context on each side; an empty side is a word missing there."""

    before: tuple[str, ...]
    official: tuple[str, ...]
    quoted: tuple[str, ...]
    after: tuple[str, ...]

    def word_diff(self) -> str:
        """`… par un [-psychologue-] {+médecin+} dans le …`, git's --word-diff notation."""
        changed = []
        if self.official:
            changed.append(f"[-{join(self.official)}-]")
        if self.quoted:
            changed.append(f"{{+{join(self.quoted)}+}}")
        return f"… {join([*self.before, *changed, *self.after])} …"


@attrs.frozen
class Mismatch:
    """A run of the quotation not found where it should be."""

    run: tuple[str, ...]
    differences: tuple[Difference, ...]
    out_of_order: bool = False


def compare(quoted: Sequence[str], official: str) -> list[Mismatch]:
    """The runs of the quoted lines that are not found, in order, in the official text."""
    text = tokens(official)
    position = 0
    mismatches = []
    for run in runs(quoted):
        found = _find(text, run, position)
        if found is not None:
            position = found + len(run)
            continue
        if _find(text, run, 0) is not None:
            mismatches.append(Mismatch(tuple(run), (), out_of_order=True))
            continue
        mismatches.append(Mismatch(tuple(run), tuple(_differences(text[position:], run))))
    return mismatches


def _find(text: Sequence[str], run: Sequence[str], start: int) -> int | None:
    size = len(run)
    first = run[0]
    for index in range(start, len(text) - size + 1):
        if text[index] == first and list(text[index : index + size]) == list(run):
            return index
    return None


def _differences(text: Sequence[str], run: Sequence[str]) -> list[Difference]:
    """Align the run with the stretch of the official text that resembles it most, then list
    the word changes between the two."""
    window = _window(text, run)
    matcher = difflib.SequenceMatcher(None, window, run, autojunk=False)
    codes = matcher.get_opcodes()
    while codes and codes[0][0] == "delete":
        codes = codes[1:]
    while codes and codes[-1][0] == "delete":
        codes = codes[:-1]
    found = []
    for tag, a1, a2, b1, b2 in codes:
        if tag == "equal":
            continue
        found.append(
            Difference(
                tuple(run[max(0, b1 - CONTEXT) : b1]),
                tuple(window[a1:a2]),
                tuple(run[b1:b2]),
                tuple(run[b2 : b2 + CONTEXT]),
            )
        )
    return found


def _window(text: Sequence[str], run: Sequence[str]) -> Sequence[str]:
    """The part of `text` the run was most likely copied from: anchored on their longest
    common stretch, as long as the run plus some slack on both sides."""
    matcher = difflib.SequenceMatcher(None, text, run, autojunk=False)
    a, b, size = matcher.find_longest_match(0, len(text), 0, len(run))
    if size == 0:
        return text[: len(run)]
    slack = max(CONTEXT, len(run) // 4)
    start = max(0, a - b - slack)
    return text[start : a - b + len(run) + slack]
