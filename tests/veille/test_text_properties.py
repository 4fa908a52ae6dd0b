"""Properties of quotation matching over the official texts of the bundled extract: any
stretch of a text, re-wrapped and retyped, matches; changing one of its words does not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.veille import legi
from alinea.veille.text import compare

TEXTS = sorted(text for article in legi.load().articles.values() for text in article.texts.values())


@st.composite
def excerpts(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An official text and a stretch of it, as an analyst might have typed it in `>` lines:
    broken into lines anywhere between words, curly apostrophes, non-breaking spaces."""
    text = draw(st.sampled_from(TEXTS))
    words = text.split(" ")
    # an excerpt starts on a word, not inside LEGI's « l' article » (one word once normalised)
    starts = [i for i in range(len(words)) if i == 0 or not words[i - 1].endswith("'")]
    start = draw(st.sampled_from(starts))
    stops = [
        i
        for i in range(start + 1, min(len(words), start + 40) + 1)
        if not words[i - 1].endswith("'")
    ]
    stop = draw(st.sampled_from(stops or [start + 1]))
    retyped = []
    for word in words[start:stop]:
        if draw(st.booleans()):
            word = word.replace("'", "’")
        retyped.append(word)
    lines: list[str] = []
    for word in retyped:
        if lines and draw(st.integers(0, 6)) != 0:
            lines[-1] += draw(st.sampled_from([" ", "\u00a0", "  "])) + word
        else:
            lines.append(word)
    return text, lines


@settings(max_examples=60, deadline=None)
@given(excerpts())
def test_a_faithful_excerpt_matches(excerpt: tuple[str, list[str]]) -> None:
    text, lines = excerpt
    assert compare(lines, text) == []


@settings(max_examples=60, deadline=None)
@given(excerpts(), st.data())
def test_a_changed_word_is_reported(excerpt: tuple[str, list[str]], data: st.DataObject) -> None:
    text, lines = excerpt
    words = " ".join(lines).split()
    index = data.draw(st.integers(0, len(words) - 1))
    words[index] = "ZZZ" + words[index]
    (mismatch,) = compare([" ".join(words)], text)
    assert any("ZZZ" in " ".join(d.quoted) for d in mismatch.differences)
