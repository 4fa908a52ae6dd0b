"""The AST keeps everything the file says: a repeated attribute is an error, not a silent loss."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from alinea.dsl import RuleError, nodes, parse

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_repeated_attribute_is_reported_where_it_is_repeated() -> None:
    text = (FIXTURES / "doublons.alinea").read_text(encoding="utf-8")
    with pytest.raises(RuleError) as error:
        parse(text, "doublons.alinea")
    found = [
        (d.code, d.span.line if d.span else 0, d.message, d.hint) for d in error.value.diagnostics
    ]
    assert found == [
        (
            "E016",
            5,
            "« libellé » écrit deux fois dans la même déclaration",
            "une déclaration n'a qu'un « libellé » : gardez-en un seul",
        ),
        (
            "E016",
            9,
            "« selon » écrit deux fois dans la même déclaration",
            "une déclaration n'a qu'un « selon » : gardez-en un seul",
        ),
        (
            "E016",
            15,
            "« entre » écrit deux fois dans la même déclaration",
            "une déclaration n'a qu'un « entre » : gardez-en un seul",
        ),
        (
            "E016",
            19,
            "« description » écrit deux fois dans la même déclaration",
            "une déclaration n'a qu'un « description » : gardez-en un seul",
        ),
        (
            "E016",
            24,
            "« applicable si » écrit deux fois dans la même déclaration",
            "une déclaration n'a qu'un « applicable si » : gardez-en un seul",
        ),
    ]


def test_a_citation_on_the_first_line_or_on_its_own_line_is_the_same_source() -> None:
    inline = parse('règle a : entier selon "CSS L.1"\n  = 1\n')
    own_line = parse('règle a : entier\n  selon "CSS L.1"\n  = 1\n')
    assert inline.items == own_line.items
    assert inline.items[0].citation is not None


def test_aucune_de_ces_conditions_holds_only_its_condition_lines() -> None:
    text = (FIXTURES / "aucune.alinea").read_text(encoding="utf-8")
    rule = parse(text).items[0]
    assert isinstance(rule, nodes.Rule)
    assert rule.clauses[0] == nodes.Case(
        nodes.Boolean(True),
        nodes.Group(
            "aucune",
            (
                nodes.Check(None, nodes.Name("risque_suicidaire")),
                nodes.Check(
                    None,
                    nodes.Comparison("<", nodes.Name("age"), nodes.Number(Decimal(3), True)),
                ),
            ),
        ),
    )
