"""Situations: typed facts, and errors that name the fact, the value and what was expected."""

from __future__ import annotations

import datetime
import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from alinea.dsl.diagnostics import render_all
from alinea.engine import FactDiagnostic, RuleBase, SituationError
from alinea.engine.domain.values import Duration
from alinea.engine.inputs import situation as situations

FIXTURES = Path(__file__).parents[1] / "fixtures" / "situations"


def check_file(rules: RuleBase, name: str) -> dict[str, object]:
    raw, text = situations.read(FIXTURES / name)
    return rules.facts_from(raw, name, text)


def test_facts_are_converted_to_their_declared_types(rules: RuleBase) -> None:
    facts = check_file(rules, "valide.yaml")
    assert facts == {
        "age": 34,
        "duree_residence_france": Duration(months=4),
        "ressources_annuelles_foyer": Decimal("10339.50"),
        "complementaire_sante": "mutuelle",
        "departement": "55",
    }


def test_every_bad_fact_is_reported_word_for_word(rules: RuleBase) -> None:
    with pytest.raises(SituationError) as error:
        check_file(rules, "erreurs.json")
    assert [str(d) for d in error.value.diagnostics] == [
        'erreurs.json:2:3: error[S102]: valeur invalide pour « age » : "trente" ; '
        "attendu : un nombre entier",
        'erreurs.json:3:3: error[S101]: fait inconnu « modalite » (valeur "visio")',
        'erreurs.json:4:3: error[S103]: valeur invalide pour « modalite_seance » : "video" ; '
        "attendu : une des valeurs presentiel, visio",
        "erreurs.json:5:3: error[S102]: valeur invalide pour « ressources_annuelles_foyer » : "
        '"10339.005" ; attendu : un montant au centime près (deux décimales au plus)',
        "erreurs.json:6:3: error[S102]: valeur invalide pour « duree_residence_france » : "
        '"quatre mois" ; attendu : une durée ISO 8601 ("P4M", "P10D", "P1Y") ou "4 mois"',
        'erreurs.json:7:3: error[S102]: valeur invalide pour « beneficiaire_rsa » : "oui" ; '
        "attendu : vrai ou faux (true / false)",
    ]
    hints = [d.hint for d in error.value.diagnostics]
    assert hints[1] == "vouliez-vous dire « modalite_soins » ?"
    assert hints[2] == "vouliez-vous dire « visio » ?"


def test_a_null_fact_is_unknown(rules: RuleBase) -> None:
    facts = rules.facts_from({"age": None, "modalite_seance": "visio"})
    assert facts == {"modalite_seance": "visio"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("60 %", Decimal("0.6")),
        (0.6, Decimal("0.6")),
        ("0,6", Decimal("0.6")),
    ],
)
def test_rates_accept_numbers_and_percentages(raw: object, expected: Decimal) -> None:
    from alinea.engine.domain.types import TAUX

    assert situations.convert(raw, TAUX) == expected


def test_dates_accept_yaml_dates_and_iso_text() -> None:
    from alinea.engine.domain.types import DATE

    assert situations.convert("2026-03-01", DATE) == datetime.date(2026, 3, 1)
    assert situations.convert(datetime.date(2026, 3, 1), DATE) == datetime.date(2026, 3, 1)
    assert isinstance(situations.convert("01/03/2026", DATE), situations.Problem)


def test_unreadable_files_are_located_errors() -> None:
    with pytest.raises(SituationError) as error:
        situations.read(FIXTURES / "invalide.json")
    assert str(error.value.diagnostics[0]).endswith(
        "invalide.json:1:12: error[S100]: JSON invalide : nom de fait entre guillemets attendu"
    )
    with pytest.raises(SituationError) as error:
        situations.read(FIXTURES / "liste.yaml")
    assert error.value.diagnostics[0].message == "une situation est un objet { fait: valeur, … }"


def test_errors_render_with_the_situation_line(rules: RuleBase) -> None:
    path = FIXTURES / "erreurs.json"
    with pytest.raises(SituationError) as error:
        check_file(rules, "erreurs.json")
    text = render_all(error.value.diagnostics[:1], lambda _: path.read_text(encoding="utf-8"))
    assert text == (
        'erreurs.json:2:3: error[S102]: valeur invalide pour « age » : "trente" ; '
        "attendu : un nombre entier\n"
        '   2 |   "age": "trente",\n'
        "     |   ^^^^^\n"
        "\n1 erreur"
    )


HOSTILE = Path(__file__).parents[2] / "fixtures" / "hostile"


def situation_error(rules: RuleBase, path: Path) -> list[str]:
    with pytest.raises(SituationError) as error:
        raw, text = situations.read(path)
        rules.facts_from(raw, str(path), text)
    return [str(d) for d in error.value.diagnostics]


def test_a_json_fact_given_twice_is_an_error_naming_both_places(rules: RuleBase) -> None:
    path = HOSTILE / "doublon.json"
    assert situation_error(rules, path) == [
        f"{path}:1:11: error[S105]: clé « age » en double (lignes 1 et 1)"
    ]


def test_a_yaml_fact_given_twice_is_an_error_naming_both_lines(rules: RuleBase) -> None:
    path = HOSTILE / "doublon.yaml"
    assert situation_error(rules, path) == [
        f"{path}:3:1: error[S105]: clé « age » en double (lignes 1 et 3)"
    ]


def test_an_alias_bomb_in_a_situation_is_refused_quickly(rules: RuleBase) -> None:
    start = time.perf_counter()
    [message] = situation_error(rules, HOSTILE / "bombe_alias.yaml")
    assert time.perf_counter() - start < 5  # sanity bound
    assert "error[S106]: l'alias « *a4 » porte les copies" in message


@pytest.mark.parametrize("name", ["bom.json", "bom.yaml"])
def test_a_byte_order_mark_is_accepted(rules: RuleBase, name: str) -> None:
    raw, text = situations.read(HOSTILE / name)
    assert rules.facts_from(raw, name, text) == {"age": 30, "modalite_seance": "visio"}


def test_a_file_not_in_utf8_is_named_with_its_line(rules: RuleBase) -> None:
    path = HOSTILE / "latin1.json"
    assert situation_error(rules, path) == [
        f"{path}:1:1: error[S100]: lecture impossible de {path} : "
        "le fichier n'est pas en UTF-8 (octet 0xe9, ligne 1)"
    ]


def test_an_endless_file_stops_at_the_size_limit() -> None:
    with pytest.raises(SituationError) as error:
        situations.read("/dev/zero")
    [diagnostic] = error.value.diagnostics
    assert str(diagnostic) == "/dev/zero:1:1: error[S104]: fichier trop volumineux (plus de 16 Mio)"


def test_100000_unknown_facts_are_reported_quickly_and_capped(
    rules: RuleBase, tmp_path: Path
) -> None:
    path = tmp_path / "inconnus.json"
    path.write_text(json.dumps({f"inconnu_{i}": i for i in range(100_000)}), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(SituationError) as error:
        raw, text = situations.read(path)
        rules.facts_from(raw, str(path), text)
    rendered = render_all(error.value.diagnostics, lambda _: text)
    assert time.perf_counter() - start < 10  # sanity bound; bench/bench_input.py measures
    diagnostics = error.value.diagnostics
    assert len(diagnostics) == situations.MAX_SHOWN + 1
    assert str(diagnostics[1]) == f"{path}:1:18: error[S101]: fait inconnu « inconnu_1 » (valeur 1)"
    assert str(diagnostics[-1]) == "error[S107]: … et 99\u202f950 autres faits inconnus"
    assert max(len(line) for line in rendered.splitlines()) < 200


def test_unknown_facts_and_bad_values_past_the_cap_are_counted_apart(rules: RuleBase) -> None:
    raw = {f"inconnu_{i}": i for i in range(60)} | {"age": "trente"}
    with pytest.raises(SituationError) as error:
        rules.facts_from(raw, "s.json", json.dumps(raw))
    assert str(error.value.diagnostics[-1]) == (
        "error[S107]: … et 10 autres faits inconnus et 1 autre valeur invalide"
    )


def test_a_long_value_is_shown_cut(rules: RuleBase) -> None:
    with pytest.raises(SituationError) as error:
        rules.facts_from({"inconnu": "x" * 10_000})
    message = error.value.diagnostics[0].message
    assert message == f'fait inconnu « inconnu » (valeur "{"x" * 78}…)'


def test_a_fact_error_carries_its_parts_apart_from_the_message(rules: RuleBase) -> None:
    with pytest.raises(SituationError) as error:
        rules.facts_from(
            {
                "modalite_seance": "video",
                "agee": 34,
                "age": "quatre",
                "ressources_annuelles_foyer": 10**16,
            }
        )
    found = [
        (d.code, d.fact, d.value, d.expected, d.suggestion)
        for d in error.value.diagnostics
        if isinstance(d, FactDiagnostic)
    ]
    assert found == [
        ("S103", "modalite_seance", "video", "une des valeurs presentiel, visio", "visio"),
        ("S101", "agee", 34, None, "age"),
        ("S102", "age", "quatre", "un nombre entier", None),
        (
            "S131",
            "ressources_annuelles_foyer",
            10**16,
            "un montant d'au plus 15 chiffres avant la virgule",
            None,
        ),
    ]
