"""YAML input: the C reader, aliases bounded and located, duplicate keys refused, merges kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from alinea.engine.inputs import yaml_input
from alinea.engine.inputs.reading import ALIAS_BUDGET, YAML_PIECES, Kind, Problem

HOSTILE = Path(__file__).parents[2] / "fixtures" / "hostile"


def problem(text: str) -> Problem:
    with pytest.raises(Problem) as error:
        yaml_input.load(text)
    return error.value


def test_the_c_reader_is_used_when_pyyaml_has_it() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml")
    assert issubclass(yaml_input.Loader, yaml.CSafeLoader)


def test_an_alias_bomb_is_refused_quickly_naming_the_alias() -> None:
    text = (HOSTILE / "bombe_alias.yaml").read_text(encoding="utf-8")
    start = time.perf_counter()
    found = problem(text)
    assert time.perf_counter() - start < 5  # sanity bound: the nodes are weighed, not built
    assert found.kind is Kind.ALIAS
    assert found.message == (
        "l'alias « *a4 » porte les copies faites par les alias au-delà de 100\u202f000 valeurs"
    )
    assert found.place == (7, 10, 3)


def test_a_yaml_file_past_its_lines_and_items_is_refused_before_reading() -> None:
    found = problem("age:\n" + "- 1\n" * 1_000_000)
    assert found.kind is Kind.TOO_LARGE
    assert found.message == "YAML trop long : plus de 200\u202f000 lignes et éléments"
    assert found.place == (YAML_PIECES + 1, 1, 1)
    assert found.hint == "un fichier aussi grand s'écrit en JSON, lu bien plus vite"


def test_a_flow_list_counts_its_commas() -> None:
    assert problem("age: [" + "1," * (YAML_PIECES + 1) + "1]").place == (1, 1, 1)
    assert yaml_input.load("age: [" + "1," * 1000 + "1]") == {"age": [1] * 1001}


def test_an_alias_inside_itself_is_refused() -> None:
    found = problem((HOSTILE / "alias_recursif.yaml").read_text(encoding="utf-8"))
    assert (found.kind, found.message, found.place) == (
        Kind.ALIAS,
        "l'alias « *a » se contient lui-même",
        (2, 13, 2),
    )


def test_aliases_within_the_budget_are_unfolded() -> None:
    copies = ", ".join(["*x"] * (ALIAS_BUDGET // 10))
    data = yaml_input.load(f"x: &x [1, 2, 3, 4, 5, 6, 7, 8, 9]\ny: [{copies}]\n")
    assert len(data["y"]) == ALIAS_BUDGET // 10
    assert data["y"][-1] == [1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_merges_keep_working_and_a_merged_key_may_be_set_again() -> None:
    data = yaml_input.load(
        "commun: &commun {age: 30, modalite_seance: visio}\ncas: {<<: *commun, age: 40}\n"
    )
    assert data["cas"] == {"age": 40, "modalite_seance": "visio"}
    assert data["cas"].place("age") == (2, 20, 3)
    assert data["cas"].place("modalite_seance") == (1, 27, 15)


def test_a_key_written_twice_is_an_error_naming_both_lines() -> None:
    found = problem((HOSTILE / "doublon.yaml").read_text(encoding="utf-8"))
    assert (found.kind, found.message, found.place) == (
        Kind.DUPLICATE,
        "clé « age » en double (lignes 1 et 3)",
        (3, 1, 3),
    )
    assert found.notes == (("première occurrence", (1, 1, 3)),)


def test_python_tags_are_refused_by_name() -> None:
    found = problem((HOSTILE / "etiquette_python.yaml").read_text(encoding="utf-8"))
    assert found.kind is Kind.SYNTAX
    assert found.message == (
        "YAML invalide : étiquette « tag:yaml.org,2002:python/object/apply:os.system » non permise"
    )


@pytest.mark.parametrize(
    ("text", "message", "place"),
    [
        ("a: [1, 2}\n", "virgule ou « ] » attendu", (1, 9, 1)),
        (
            "a: b: c\n",
            "« : » inattendu (une valeur qui contient « : » s'écrit entre guillemets)",
            (1, 5, 1),
        ),
        ("a:\n\t- 1\n", "tabulation : indentez avec des espaces", (2, 1, 1)),
        ("a: @x\n", "caractère « @ » inattendu (entourez la valeur de guillemets)", (1, 4, 1)),
        ("a: 'abc\n", "fin du fichier dans un texte entre guillemets", (2, 1, 1)),
        ("a: 1\n---\nb: 2\n", "un seul document attendu (« --- » en trop)", (2, 1, 1)),
        ("a: \x07\n", "caractère de contrôle interdit (#x0007)", (1, 4, 1)),
        ("{[1]: 2}\n", "une clé est un texte ou un nombre", (1, 2, 1)),
    ],
    ids=["bracket", "colon", "tab", "at-sign", "quote", "documents", "control", "list-key"],
)
def test_syntax_errors_are_said_in_french_and_located(
    text: str, message: str, place: tuple[int, int, int]
) -> None:
    found = problem(text)
    assert (found.kind, found.message, found.place) == (
        Kind.SYNTAX,
        f"YAML invalide : {message}",
        place,
    )


def test_values_python_cannot_build_stay_text() -> None:
    data = yaml_input.load("a: 2024-02-30\nb: !!int abc\nc: !!float x\n")
    assert data == {"a": "2024-02-30", "b": "abc", "c": "x"}


@pytest.mark.parametrize(
    "name", ["bombe_alias.yaml", "alias_recursif.yaml", "doublon.yaml", "etiquette_python.yaml"]
)
def test_the_pure_python_reader_refuses_the_same_files(name: str) -> None:
    text = (HOSTILE / name).read_text(encoding="utf-8")
    with pytest.raises(Problem) as c_error:
        yaml_input.load(text)
    with pytest.raises(Problem) as python_error:
        yaml_input.load(text, yaml_input.PythonLoader)
    assert (python_error.value.kind, python_error.value.message) == (
        c_error.value.kind,
        c_error.value.message,
    )


def test_the_pure_python_reader_keeps_places_and_merges() -> None:
    text = "commun: &commun {age: 30, modalite_seance: visio}\ncas: {<<: *commun, age: 40}\n"
    data = yaml_input.load(text, yaml_input.PythonLoader)
    assert data == yaml_input.load(text)
    assert data["cas"].key_places == yaml_input.load(text)["cas"].key_places
