"""Bad input: a file that is not UTF-8, a file past the size limit, an edit that breaks
everything, random edits of the bundled files — the server reports, keeps running and
answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from alinea.dsl import source
from tests.fuzz import hostile, mutations

from .session import (
    Client,
    change,
    diagnostics,
    document,
    hover,
    open_file,
    position,
    uri,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

FILES = ["css.alinea", "mon_soutien_psy.alinea", "donnees.alinea", "puma.alinea"]


async def _answers(client: Client, target: str, at: types.Position) -> None:
    """Every kind of request gets an answer (an error response would raise here)."""
    await client.text_document_hover_async(
        types.HoverParams(text_document=document(target), position=at)
    )
    await client.text_document_completion_async(
        types.CompletionParams(text_document=document(target), position=at)
    )
    await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=document(target))
    )
    await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document(target))
    )
    await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=document(target),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    await client.text_document_definition_async(
        types.DefinitionParams(text_document=document(target), position=at)
    )


async def test_a_file_of_the_base_that_is_not_utf8_is_reported_as_alinea_check_does(
    client: Client, base: Path
) -> None:
    latin = base / "latin.alinea"
    latin.write_bytes("# rédigé en Latin-1\n".encode("latin-1"))
    try:
        text = (base / "cmp.alinea").read_text(encoding="utf-8")
        target = open_file(client, base / "cmp.alinea")
        found = await diagnostics(client, target, 1)
        assert [(d.code, d.message) for d in found] == [
            (
                "E000",
                f"lecture impossible de {latin} : le fichier n'est pas en UTF-8 (octet 0xe9, "
                "ligne 1)",
            )
        ]
        assert await hover(client, target, position(text, "cmp.acces_sans_orientation", 2))
        shown = open_file(client, latin, "# rédigé en Latin-1\n")
        warned = await diagnostics(client, shown, 1)
        assert [(d.code, d.severity) for d in warned] == [
            ("U080", types.DiagnosticSeverity.Warning)
        ]
        assert warned[0].message == (
            "le fichier enregistré n'est pas en UTF-8 (octet 0xe9, ligne 1) : alinea check le "
            "refusera\naide : enregistrez-le en UTF-8"
        )
    finally:
        latin.unlink()
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=document(uri(latin)))
        )


async def test_a_document_past_the_size_limit_is_refused_where_the_limit_falls(
    client: Client, tmp_path: Path
) -> None:
    line = "# " + "x" * 98 + "\n"
    text = line * (source.RULE_FILE_LIMIT // len(line) + 10)
    target = open_file(client, tmp_path / "enorme.alinea", text)
    found = await diagnostics(client, target, 1)
    limit_line = source.RULE_FILE_LIMIT // len(line) + 1
    assert [(d.code, d.range.start.line + 1) for d in found] == [("E020", limit_line)]
    assert found[0].message.startswith("fichier de règles trop volumineux (plus de 2 Mio)")
    await _answers(client, target, types.Position(line=3, character=4))


async def test_an_edit_that_breaks_everything_is_reported_and_answered(
    client: Client, base: Path
) -> None:
    target = open_file(client, base / "ame.alinea")
    await diagnostics(client, target, 1)
    wreck = "§§ ((( \t\x00 \ud800 » règle : : :\n  \n\t- - - [[\n" * 200
    change(client, target, wreck, 2)
    found = await diagnostics(client, target, 2)
    assert found and all(d.severity == types.DiagnosticSeverity.Error for d in found)
    await _answers(client, target, types.Position(line=2, character=3))
    change(client, target, (base / "ame.alinea").read_text(encoding="utf-8"), 3)
    assert await diagnostics(client, target, 3) == []


_WORDS = st.sampled_from(
    [
        "règle ",
        "conclusion ",
        "donnée ",
        "si ",
        "sinon ",
        'selon "',
        "dans [",
        "= ",
        "(",
        ")",
        "[",
        "]",
        ":",
        "\n",
        "\n  ",
        "\t",
        "§ ",
        "> ",
        "# ",
        '"',
        "\\",
        "€",
        "%",
        "2025-02-30",
        "99999999999999999999",
        "aucune",
        "précédent",
        "\r",
        "\x00",
        "\ud800",
        "x" * 50,
        "é",
        "𝔸",
        "toutes ces conditions :\n    - ",
        "chaque année depuis ",
    ]
)


@st.composite
def _edits(draw: st.DrawFn) -> tuple[str, int, int, str, int]:
    """A bundled file and one random edit of it: characters [start, end) replaced by words,
    with the cut text repeated; and a place for the requests that follow."""
    name = draw(st.sampled_from(FILES))
    size = len(_text(name))
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, min(size, start + 400)))
    inserted = "".join(draw(st.lists(_WORDS | st.text(max_size=5), max_size=6)))
    if draw(st.booleans()):
        inserted += _text(name)[start:end] * draw(st.integers(0, 3))
    return name, start, end, inserted, draw(st.integers(0, 60))


def _text(name: str) -> str:
    return (Path(__file__).parents[2] / "regles" / name).read_text(encoding="utf-8")


_versions = iter(range(10, 10_000))
_opened: set[str] = set()
"""The documents the random edits opened (the server publishes the other files of the base
too, so the client's diagnostics do not say which are open)."""


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each example is a server round
)
@given(edit=_edits())
async def test_random_edits_never_crash_the_server(
    client: Client, base: Path, edit: tuple[str, int, int, str, int]
) -> None:
    name, start, end, inserted, at = edit
    original = _text(name)
    await _edited_and_answered(client, base, name, original[:start] + inserted + original[end:], at)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
)
@given(name=st.sampled_from(FILES), damage=mutations.strategy(), at=st.integers(0, 60))
async def test_files_damaged_by_the_fuzzing_harness_never_crash_the_server(
    client: Client, base: Path, name: str, damage: list[mutations.Mutation], at: int
) -> None:
    await _edited_and_answered(client, base, name, mutations.apply(_text(name), damage), at)


async def _edited_and_answered(client: Client, base: Path, name: str, text: str, at: int) -> None:
    """The document of `name` changed to `text`: its diagnostics come, every request at a
    place drawn from `at` gets an answer."""
    target = uri(base / name)
    if target not in _opened:
        open_file(client, base / name)
        _opened.add(target)
    version = next(_versions)
    change(client, target, text, version)
    await diagnostics(client, target, version)
    lines = text.split("\n")
    line = at % len(lines)
    await _answers(client, target, types.Position(line=line, character=at % (len(lines[line]) + 1)))


HOSTILE = [name for name in hostile.GENERATED if name.startswith("rules-") and name != "rules-bom"]


@pytest.mark.parametrize("name", HOSTILE)
async def test_the_hostile_rule_files_of_the_fuzzing_corpus_are_answered(
    client: Client, tmp_path: Path, name: str
) -> None:
    hostile.GENERATED[name](tmp_path)
    path = tmp_path / "regles.alinea"
    target = open_file(client, path)
    found = await diagnostics(client, target, 1)
    assert all(d.code for d in found)
    await _answers(client, target, types.Position(line=5, character=6))
