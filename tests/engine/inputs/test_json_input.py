"""JSON situations: a key written twice is an error naming both lines; keys are located."""

from __future__ import annotations

import json

import pytest

from alinea.engine.inputs import json_input
from alinea.engine.inputs.reading import Kind, Problem


def test_two_equal_keys_are_an_error_naming_the_key_and_both_places() -> None:
    with pytest.raises(Problem) as error:
        json_input.load('{"age":10,\n "age":30}')
    problem = error.value
    assert (problem.kind, problem.message) == (
        Kind.DUPLICATE,
        "clé « age » en double (lignes 1 et 2)",
    )
    assert problem.place == (2, 2, 5)
    assert problem.notes == (("première occurrence", (1, 2, 5)),)


def test_a_duplicate_inside_a_nested_object_is_found_too() -> None:
    with pytest.raises(Problem) as error:
        json_input.load('{"a": [{"x": 1, "y": 2, "x": 3}], "x": 4}')
    assert error.value.message == "clé « x » en double (lignes 1 et 1)"
    assert error.value.place == (1, 25, 3)


def test_escaped_keys_are_compared_once_decoded() -> None:
    with pytest.raises(Problem) as error:
        json_input.load('{"a\\u0067e": 1, "age": 2}')
    assert error.value.message == "clé « age » en double (lignes 1 et 1)"


def test_equal_keys_in_different_objects_are_fine() -> None:
    assert json_input.load('{"a": {"x": 1}, "b": {"x": 2}, "x": 3}') == {
        "a": {"x": 1},
        "b": {"x": 2},
        "x": 3,
    }


def test_top_level_keys_are_located_not_nested_ones_nor_values() -> None:
    text = '{\n  "age": "x",\n  "liste": [{"age": 1}],\n  "texte": "\\"age\\": 3",\n  "b": 2}'
    keys = json_input.TopKeys(text)
    assert keys.place("b") == (5, 3, 3)
    assert keys.place("age") == (2, 3, 5)
    assert keys.place("liste") == (3, 3, 7)
    assert keys.place("absent") is None


def test_a_syntax_error_is_located_and_in_french() -> None:
    with pytest.raises(Problem) as error:
        json_input.load('{"age": 3,}')
    assert (error.value.message, error.value.place) == (
        "JSON invalide : nom de fait entre guillemets attendu",
        (1, 11, 1),
    )


def test_locating_reads_only_as_far_as_the_key_asked_for() -> None:
    text = json.dumps({f"f{i}": i for i in range(200_000)})
    keys = json_input.TopKeys(text)
    assert keys.place("f2") == (1, 20, 4)
    assert len(keys._found) == 3
