"""Every number, duration and date written in the rules is within the limits (E320–E323)."""

from __future__ import annotations

import pytest

from alinea.engine import RuleError
from alinea.engine.compiler.loader import program_from_texts

HEAD = "§ Limites | depuis 1900-01-01\n> Texte de test.\n\n"


def codes(text: str) -> list[str]:
    try:
        program_from_texts({"r.alinea": HEAD + text}, cache=False)
    except RuleError as error:
        return [str(d) for d in error.diagnostics]
    return []


def test_literals_at_the_limits_are_accepted() -> None:
    assert (
        codes(
            "donnée d : durée\n  entre 0 jour et 1000 ans\n"
            "paramètre p : montant\n  999999999999999.99 € depuis 1900-01-01\n"
            "paramètre t : taux\n  0.000000000001 % depuis 1900-01-01\n"
            "conclusion c : booléen\n  = d > 365250 jours et 2199-12-31 > 1800-01-01\n"
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "donnée d : durée\n  entre 0 jour et 1001 ans\n",
            "r.alinea:5:19: error[E322]: durée hors limites « 1001 ans » ; attendu : une durée "
            "d'au plus 1 000 ans (12 000 mois, 365 250 jours ou 8 766 000 heures)",
        ),
        (
            "paramètre t : taux\n  0.0000000000001 % depuis 1900-01-01\n",
            "r.alinea:5:3: error[E320]: nombre hors limites « 0.0000000000001 % » ; "
            "attendu : un taux d'au plus 15 chiffres avant la virgule et 12 après",
        ),
        (
            "conclusion c : entier\n  = -1000000000000000\n",
            "r.alinea:5:6: error[E320]: nombre hors limites « 1000000000000000 » ; attendu : un "
            "nombre entier d'au plus 15 chiffres",
        ),
        (
            "conclusion c : booléen du 1799-12-31 au 2000-01-01\n  = vrai\n",
            "r.alinea:4:24: error[E323]: date hors limites « 1799-12-31 » : les dates vont du "
            "1800-01-01 au 2199-12-31",
        ),
        (
            "donnée d : durée\nconclusion c : booléen\n  = d > 36525000 heures\n",
            "r.alinea:6:9: error[E322]: durée hors limites « 36525000 heures » ; attendu : une "
            "durée d'au plus 1 000 ans (12 000 mois, 365 250 jours ou 8 766 000 heures)",
        ),
    ],
)
def test_each_literal_past_its_limit_is_named_with_the_range(text: str, expected: str) -> None:
    assert codes(text) == [expected]
