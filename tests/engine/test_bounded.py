"""Reading situations and golden files within the limits: nesting measured before the JSON
decoder or the YAML composer recurse, numbers too long to convert kept as written."""

from __future__ import annotations

import time

import pytest
import yaml

from alinea.dsl.limits import MAX_DATA_NESTING
from alinea.engine import bounded
from tests import hostile_inputs as hostile


def test_brackets_inside_strings_do_not_count() -> None:
    text = '{"a": "' + "[" * 100 + '", "b": [1, [2]]}'
    assert bounded.json_nesting(text) is None


def test_the_first_bracket_past_the_limit_is_located_by_line_and_column() -> None:
    text = '{\n  "a": ' + "[" * MAX_DATA_NESTING + "]" * MAX_DATA_NESTING + "\n}"
    found = bounded.json_nesting(text)
    assert found is not None
    assert (found.line, found.column) == (2, 8 + MAX_DATA_NESTING - 1)  # the object is one


def test_json_at_the_limit_is_decoded() -> None:
    assert bounded.json_loads(hostile.nested_json(MAX_DATA_NESTING)) is not None


def test_json_past_the_limit_raises_before_decoding() -> None:
    with pytest.raises(bounded.TooDeep):
        bounded.json_loads(hostile.nested_json(100_000))  # json.loads would recurse


def test_numbers_json_cannot_convert_stay_as_written() -> None:
    data = bounded.json_loads('{"a": ' + "7" * 5000 + ', "b": 1e999999999, "c": 12, "d": 0.5}')
    assert data["a"] == "7" * 5000 and isinstance(data["a"], bounded.NumberText)
    assert data["b"] == "1e999999999" and isinstance(data["b"], bounded.NumberText)
    assert (data["c"], data["d"]) == (12, 0.5)


def test_yaml_past_the_limit_raises_at_the_node_that_opens_one_level_too_many() -> None:
    with pytest.raises(bounded.TooDeep) as error:
        yaml.load(hostile.nested_yaml(5000), bounded.SafeLoader)
    assert (error.value.line, error.value.column) == (MAX_DATA_NESTING + 1, MAX_DATA_NESTING + 1)


def test_yaml_integers_too_long_to_convert_stay_as_written() -> None:
    data = yaml.load("a: " + "7" * 5000 + "\nb: 12\n", bounded.SafeLoader)
    assert isinstance(data["a"], bounded.NumberText) and data["b"] == 12


def test_a_string_that_never_closes_is_scanned_in_linear_time() -> None:
    """`"\\"\\"\\"…` without its closing quote: retried from every quote, the scan was
    quadratic (hours for a megabyte); it now reads the open string to the end, once."""
    text = '{"a": "' + '\\"' * 500_000
    start = time.perf_counter()
    assert bounded.json_nesting(text) is None
    assert time.perf_counter() - start < 2
