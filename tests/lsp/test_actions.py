"""Code actions: the hints that name their fix (`vouliez-vous dire « age » ?`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from .session import Client, change, diagnostics, document, open_file, position

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _fixes(
    client: Client, base: Path, needle: str, wrong: str, version: int
) -> tuple[str, list[types.CodeAction]]:
    """The actions offered, as an editor asks: for the diagnostics under the cursor."""
    path = base / "mon_soutien_psy.alinea"
    text = path.read_text(encoding="utf-8").replace(needle, wrong, 1)
    target = open_file(client, path)
    change(client, target, text, version)
    where = position(text, wrong)
    found = [
        d for d in await diagnostics(client, target, version) if d.range.start.line == where.line
    ]
    assert found
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=document(target),
            range=types.Range(start=where, end=where),
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    assert actions is not None
    return text, [a for a in actions if isinstance(a, types.CodeAction)]


def _applied(text: str, action: types.CodeAction) -> str:
    assert action.edit is not None and action.edit.changes is not None
    (edits,) = action.edit.changes.values()
    (edit,) = edits
    lines = text.split("\n")
    start, end = edit.range.start, edit.range.end
    line = lines[start.line]
    lines[start.line] = line[: start.character] + edit.new_text + line[end.character :]
    return "\n".join(lines)


async def test_a_misspelt_name_is_replaced_by_the_guess(client: Client, base: Path) -> None:
    text, actions = await _fixes(client, base, "age >= 18", "agee >= 18", 2)
    (action,) = actions
    assert action.title == "remplacer par « age »"
    assert action.kind == types.CodeActionKind.QuickFix
    original = (base / "mon_soutien_psy.alinea").read_text(encoding="utf-8")
    assert _applied(text, action) == original


async def test_a_misspelt_function_keeps_its_arguments(client: Client, base: Path) -> None:
    text, actions = await _fixes(client, base, "maximum(", "maximun(", 3)
    (action,) = actions
    assert action.title == "remplacer par « maximum »"
    assert _applied(text, action) == (base / "mon_soutien_psy.alinea").read_text(encoding="utf-8")
