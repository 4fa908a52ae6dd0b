"""The nesting and numbers of data files: nesting measured before the JSON decoder or the
YAML composer recurse (S130 where the level one too many opens), on either YAML reader;
numbers too long to convert kept as written."""

from __future__ import annotations

import time

import pytest

from alinea.dsl.limits import MAX_DATA_NESTING
from alinea.engine.inputs import bounded, json_input, yaml_input
from alinea.engine.inputs.reading import Kind, Problem
from tests import hostile_inputs as hostile

READERS = [yaml_input.Loader, yaml_input.PythonLoader]


def place(problem: pytest.ExceptionInfo[Problem]) -> tuple[int, int, int]:
    assert problem.value.kind is Kind.NESTING
    assert problem.value.message == "listes et objets imbriqués sur plus de 32 niveaux"
    return problem.value.place


def test_brackets_inside_strings_do_not_count() -> None:
    assert bounded.json_nesting('{"a": "' + "[" * 100 + '", "b": [1, [2]]}') is None


def test_the_first_bracket_past_the_limit_is_located_by_line_and_column() -> None:
    text = '{\n  "a": ' + "[" * MAX_DATA_NESTING + "]" * MAX_DATA_NESTING + "\n}"
    # the object is the first level: the last bracket opens level 33
    assert bounded.json_nesting(text) == (2, 8 + MAX_DATA_NESTING - 1, 1)


def test_json_at_the_limit_is_decoded_and_past_it_refused_before_decoding() -> None:
    assert json_input.load(hostile.nested_json(MAX_DATA_NESTING)) is not None
    with pytest.raises(Problem) as problem:
        json_input.load(hostile.nested_json(100_000))  # json.loads would recurse
    assert place(problem) == (1, len('{"a": ') + MAX_DATA_NESTING, 1)


def test_a_string_that_never_closes_is_scanned_in_linear_time() -> None:
    """`"\\"\\"\\"…` without its closing quote: retried from every quote, the scan was
    quadratic (hours for a megabyte); it now reads the open string to the end, once."""
    text = '{"a": "' + '\\"' * 500_000
    start = time.perf_counter()
    assert bounded.json_nesting(text) is None
    assert time.perf_counter() - start < 2


def test_json_numbers_python_cannot_convert_stay_as_written() -> None:
    data = json_input.load('{"a": ' + "7" * 5000 + ', "b": 1e999999999, "c": 12, "d": 0.5}')
    assert data == {"a": "7" * 5000, "b": "1e999999999", "c": 12, "d": 0.5}


@pytest.mark.parametrize("reader", READERS, ids=["libyaml", "python"])
@pytest.mark.parametrize(
    ("text", "where"),
    [
        (hostile.nested_json(40), (1, len('{"a": ') + MAX_DATA_NESTING, 1)),
        (hostile.nested_json(5000), (1, len('{"a": ') + MAX_DATA_NESTING, 1)),  # libyaml: 1,000
        (hostile.nested_yaml(5000), (MAX_DATA_NESTING + 1, MAX_DATA_NESTING + 1, 1)),
    ],
    ids=["flow-40", "flow-5000", "block-5000"],
)
def test_yaml_past_the_limit_is_refused_where_the_level_too_many_opens(
    reader: yaml_input.Reader, text: str, where: tuple[int, int, int]
) -> None:
    with pytest.raises(Problem) as problem:
        yaml_input.load(text, reader)
    assert place(problem) == where


@pytest.mark.parametrize("reader", READERS, ids=["libyaml", "python"])
def test_yaml_at_the_limit_is_read(reader: yaml_input.Reader) -> None:
    assert yaml_input.load(hostile.nested_json(MAX_DATA_NESTING), reader) is not None


def test_nesting_through_aliases_counts_each_copy() -> None:
    """An alias is a copy: `b: [*a]` nests one level around all of `a`."""
    text = "a: &a " + "[" * 20 + "1" + "]" * 20 + "\nb: " + "[" * 20 + "*a" + "]" * 20 + "\n"
    with pytest.raises(Problem) as problem:
        yaml_input.load(text)
    assert place(problem)[0] == 1  # the deepest path runs into the anchored list


def test_a_yaml_float_past_a_float_s_range_stays_as_written() -> None:
    assert yaml_input.load("a: 1e999999999\nb: .inf\n") == {"a": "1e999999999", "b": float("inf")}
