"""VOCABULARY.md is a contract: every fact and conclusion it names exists in regles/, with the
type it gives, and every enumeration value it lists is accepted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alinea.engine import RuleBase
from alinea.engine.domain.types import Kind, Type

VOCABULARY = Path(__file__).resolve().parents[2] / "docs" / "VOCABULARY.md"
ROW = re.compile(r"^\| `([a-z0-9_.]+)` \| ([^|]+) \|", re.MULTILINE)
KINDS = {
    "booléen": Kind.BOOLEEN,
    "entier": Kind.ENTIER,
    "montant": Kind.MONTANT,
    "taux": Kind.TAUX,
    "date": Kind.DATE,
    "durée": Kind.DUREE,
    "texte": Kind.TEXTE,
    "liste": Kind.LISTE,
    "énumération": Kind.ENUM,
}
ENTRIES = ROW.findall(VOCABULARY.read_text(encoding="utf-8"))


def expected(written: str) -> tuple[Kind, tuple[str, ...]]:
    values = tuple(re.findall(r"`([a-z0-9_]+)`", written))
    if values:
        return Kind.ENUM, values
    return KINDS[written.strip()], ()


def test_the_vocabulary_is_read() -> None:
    names = {name for name, _ in ENTRIES}
    assert {"age", "taille_foyer", "puma.droit", "aide_financiere_cpam.pieces_a_fournir"} <= names
    assert len(ENTRIES) >= 51


@pytest.mark.parametrize(("name", "written"), ENTRIES, ids=[n for n, _ in ENTRIES])
def test_each_name_exists_with_its_type(rules: RuleBase, name: str, written: str) -> None:
    program = rules.program
    symbol = program.rules.get(name) if "." in name else program.facts.get(name)
    assert symbol is not None, f"{name} manque dans regles/"
    if "." in name:
        assert program.rules[name].public, f"{name} doit être déclaré « conclusion »"
    kind, values = expected(written)
    actual: Type = symbol.type
    assert actual.kind is kind
    if values:
        assert set(values) <= set(actual.values)
