"""Diagnostics as the analyst types: those of `alinea check FILE`, for each file of the base."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lsprotocol import types

from tests.cli.cli_runner import runner

from .session import (
    DATE,
    Client,
    change,
    diagnostics,
    edit,
    hover,
    open_file,
    position,
    published,
    uri,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

_HEADER = re.compile(
    r"^(?:(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): )?"
    r"(?P<severity>error|warning)\[(?P<code>\w+)\]: (?P<message>.*)$"
)


def checked(capsys: pytest.CaptureFixture[str], path: Path) -> list[tuple[int, int, str, str]]:
    """What `alinea check FILE --date D` prints, read back: line, column, code, message and
    hint (`message\\naide : hint`), as the editor shows them."""
    run = runner(capsys)("check", str(path), "--date", DATE)
    found: list[tuple[int, int, str, str]] = []
    for line in run.err.splitlines():
        header = _HEADER.match(line)
        if header:
            place = (int(header["line"]), int(header["column"])) if header["line"] else (1, 1)
            found.append((*place, header["code"], header["message"]))
        elif line.startswith("   = aide : ") and found:
            last = found[-1]
            found[-1] = (*last[:3], f"{last[3]}\naide : {line[len('   = aide : ') :]}")
    return found


def shown(found: list[types.Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [
        (
            d.range.start.line + 1,
            d.range.start.character + 1,
            str(d.code),
            d.message.split("\nnote : ")[0],
        )
        for d in found
    ]


async def test_a_clean_file_has_the_warnings_of_alinea_check(
    client: Client, base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = open_file(client, base / "revalorisation.alinea")
    found = await diagnostics(client, target, 1)
    assert shown(found) == checked(capsys, base / "revalorisation.alinea")
    assert [d.code for d in found] == ["W701"]  # the coefficient of 2027 is not encoded yet
    assert found[0].severity == types.DiagnosticSeverity.Warning


async def test_an_unknown_name_is_reported_with_its_hint_as_alinea_check_does(
    client: Client, base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = base / "mon_soutien_psy.alinea"
    text = path.read_text(encoding="utf-8")
    target = open_file(client, path)
    broken = text.replace("age >= 18", "agee >= 18", 1)
    change(client, target, broken, 2)
    found = await diagnostics(client, target, 2)
    path.write_text(broken, encoding="utf-8")
    try:
        expected = checked(capsys, path)
    finally:
        path.write_text(text, encoding="utf-8")
    assert shown(found) == expected
    unknown = next(d for d in found if d.code == "E201")
    assert unknown.message == "nom inconnu « agee »\naide : vouliez-vous dire « age » ?"
    assert unknown.severity == types.DiagnosticSeverity.Error
    change(client, target, text, 3)
    assert not [d for d in await diagnostics(client, target, 3) if d.code == "E201"]


async def test_a_broken_file_gets_its_syntax_errors_and_the_others_a_count(
    client: Client, base: Path
) -> None:
    target = open_file(client, base / "cmp.alinea")
    text = (base / "cmp.alinea").read_text(encoding="utf-8")
    other = open_file(client, base / "ame.alinea")
    await diagnostics(client, other, 1)
    broken = text.replace("\nconclusion ", "\nconclusoin ", 1)
    change(client, target, broken, 2)
    found = await diagnostics(client, target, 2)
    assert [d.code for d in found] == ["E005"]
    assert found[0].message == "« conclusoin » inattendu\naide : vouliez-vous dire « conclusion » ?"
    assert found[0].range.start == position(broken, "conclusoin")
    elsewhere = await diagnostics(client, other, None)
    assert [d.message for d in elsewhere] == [
        f"vérification incomplète : la base {base} a 1 erreur dans d'autres fichiers, qui "
        f"arrêtent les étapes suivantes\naide : les voir : alinea check {base}"
    ]
    change(client, target, text, 3)
    assert await diagnostics(client, target, 3) == []


async def test_an_error_in_one_file_reaches_the_files_that_depend_on_it(
    client: Client, base: Path
) -> None:
    """Renaming a fact in donnees.alinea: mon_soutien_psy.alinea, not open, gets its unknown
    names, and loses them when the fact is back."""
    facts = base / "donnees.alinea"
    text = facts.read_text(encoding="utf-8")
    target = open_file(client, facts)
    await diagnostics(client, target, 1)
    reader = uri(base / "mon_soutien_psy.alinea")
    at = position(text, "donnée age ", len("donnée "))
    edit(client, target, 2, at.line, at.character, at.character + 3, "age_revolu")
    found = await published(client, reader, bool)
    assert {d.code for d in found} == {"E201", "E045"}  # other files read age too
    unknown = [d for d in found if d.code == "E201"]
    assert len(unknown) == 5
    assert all(d.message.startswith("nom inconnu « age »") for d in unknown)
    edit(client, target, 3, at.line, at.character, at.character + len("age_revolu"), "age")
    assert await published(client, reader, lambda found: not found) == []


async def test_a_burst_of_changes_is_checked_once_more_on_its_last_text(
    client: Client, base: Path
) -> None:
    path = base / "quitter_cmp.alinea"
    text = path.read_text(encoding="utf-8")
    target = open_file(client, path)
    await diagnostics(client, target, 1)
    before = len([p for p in client.published if p.uri == target])
    for version in range(2, 22):
        change(
            client, target, text + f"\nrègle x{version} : entier\n  = inconnu{version}\n", version
        )
    found = await diagnostics(client, target, 21)
    assert [d.message.split("\n")[0] for d in found if d.code == "E201"] == [
        "nom inconnu « inconnu21 »"
    ]
    published = [p for p in client.published if p.uri == target][before:]
    assert len(published) < 20


async def test_an_edit_publishes_again_only_the_files_whose_diagnostics_changed(
    client: Client, base: Path
) -> None:
    """An amount of css.alinea changed: its diagnostics are sent for the new version, and
    no other file of the base, whose diagnostics stay the same, is sent anything."""
    path = base / "css.alinea"
    text = path.read_text(encoding="utf-8")
    target = open_file(client, path)
    await diagnostics(client, target, 1)
    await published(client, uri(base / "revalorisation.alinea"), bool)  # its W701
    before = len(client.published)
    at = position(text, "6798 €")
    edit(client, target, 2, at.line, at.character, at.character + 1, "7")
    await diagnostics(client, target, 2)
    await hover(client, target, at)  # answered after every notification of that check
    assert [p.uri for p in client.published[before:]] == [target]
