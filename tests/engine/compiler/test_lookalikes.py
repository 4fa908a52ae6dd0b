"""Names that look the same but are not (Latin `a`, Cyrillic `а`) are warned about."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.dsl.errors import Severity
from alinea.engine import load
from alinea.engine.compiler.loader import display
from alinea.engine.compiler.passes.lookalikes import skeleton

HOSTILE = Path(__file__).parents[2] / "fixtures" / "hostile"


def test_a_rule_and_a_fact_that_only_look_alike_are_warned_about() -> None:
    base = load(HOSTILE / "sosies.alinea", cache=False)
    path = display(HOSTILE / "sosies.alinea")
    assert [str(w) for w in base.program.warnings] == [
        f"{path}:6:1: warning[W801]: la donnée « vіsio » se confond avec la valeur « visio »",
        f"{path}:14:1: warning[W801]: la règle « eligіble » se confond avec la règle « eligible »",
    ]
    warning = base.program.warnings[1]
    assert warning.severity is Severity.WARNING
    assert warning.hint == (
        "le caractère « і » (U+0456, cyrillique) ressemble à une lettre latine sans en être : "
        "écrivez les noms en lettres latines"
    )
    [note] = warning.notes
    assert note.message == "le nom « eligible » est déclaré ici"
    assert note.span is not None and note.span.line == 9


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("аge", "age"),  # Cyrillic а
        ("ρlafond", "plafond"),  # Greek rho
        ("ｐlafond", "plafond"),  # fullwidth p, folded by NFKC
        ("ﬁn", "fin"),  # ligature
        ("taıll", "taill"),  # dotless i
    ],
)
def test_look_alike_letters_share_a_skeleton(odd: str, plain: str) -> None:
    assert odd != plain
    assert skeleton(odd) == skeleton(plain)


@pytest.mark.parametrize(("one", "other"), [("age", "âge"), ("seance", "séance"), ("a1", "al")])
def test_different_letters_do_not(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


def test_the_bundled_rules_have_no_look_alike_names() -> None:
    assert [w.code for w in load(cache=False).program.warnings if w.code == "W801"] == []
