"""Completion: keywords the grammar accepts there, names with their labels, enumeration
values after `=` and `dans`, units, article references."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from .session import Client, change, diagnostics, document, open_file

pytestmark = pytest.mark.asyncio(loop_scope="module")

RULE = """§ CSS R.162-64 | depuis 2025-05-16
> Texte.

règle essai.exemple : booléen
  libellé "un essai"
"""


async def _items(client: Client, base: Path, body: str) -> dict[str, types.CompletionItem]:
    """The completions at the end of `body`, written in a new file of the base."""
    path = base / "essai.alinea"
    target = open_file(client, path, RULE)
    await diagnostics(client, target, 1)
    text = RULE + body
    change(client, target, text, 2)
    lines = text.split("\n")
    found = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=document(target),
            position=types.Position(line=len(lines) - 1, character=len(lines[-1])),
        )
    )
    assert isinstance(found, types.CompletionList)
    return {item.label: item for item in found.items}


async def test_after_dans_the_values_of_the_enumeration_come_first(
    client: Client, base: Path
) -> None:
    items = await _items(client, base, "  = intensite_troubles dans [")
    values = sorted(items, key=lambda label: items[label].sort_text or "")[:3]
    assert values == ["legere", "moderee", "severe"]
    assert items["legere"].kind == types.CompletionItemKind.EnumMember
    assert items["legere"].detail == "valeur de intensite_troubles"


async def test_after_equals_an_enumeration_with_a_value_already_written(
    client: Client, base: Path
) -> None:
    items = await _items(client, base, "  = modalite_seance = ")
    assert {"presentiel", "visio"} <= set(items)
    assert "legere" not in items


async def test_names_come_with_their_labels_and_relative_forms(client: Client, base: Path) -> None:
    items = await _items(client, base, "  = ")
    assert items["age"].documentation == "âge"
    assert items["age"].detail == "donnée · entier"
    assert items["mon_soutien_psy.plafond_annuel"].kind == types.CompletionItemKind.Constant
    assert "arrondi_euro" in items
    assert "vrai" in items and "règle" not in items


async def test_keywords_follow_the_grammar(client: Client, base: Path) -> None:
    body = await _items(client, base, "  ")
    assert {"libellé", "description", "selon", "applicable si", "sinon", "suivant"} <= set(body)
    assert "donnée" not in body and "libelle" not in body
    header = await _items(client, base, "\nrègle essai.autre : ")
    assert {"booléen", "montant", "durée", "énumération", "liste"} <= set(header)
    assert "libellé" not in header
    top = await _items(client, base, "\n")
    assert {"règle", "conclusion", "donnée", "paramètre", "exception", "§ "} <= set(top)


async def test_after_a_number_the_units(client: Client, base: Path) -> None:
    items = await _items(client, base, "  = 3 ")
    assert {"€", "%", "mois", "jours", "ans"} <= set(items)


async def test_in_a_citation_the_articles_the_base_cites(client: Client, base: Path) -> None:
    items = await _items(client, base, '  selon "CSS R.16')
    assert "CSS R.162-65" in items
    assert items["CSS R.162-65"].detail == (
        "article · du 19/02/2022 au 15/05/2025, depuis le 16/05/2025"
    )
