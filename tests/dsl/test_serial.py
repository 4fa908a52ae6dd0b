"""The AST as JSON: every parsed file comes back identical, and nothing else comes back."""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from alinea.dsl import nodes, parse, serial
from alinea.dsl.dump import dump
from alinea.dsl.walk import annotation_type

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "regles").glob("*.alinea"))


def spans(node: Any) -> list[object]:
    """Every span of a tree, in order: equality of nodes ignores them."""
    if isinstance(node, tuple):
        return [s for item in node for s in spans(item)]
    if not isinstance(node, nodes.Node):
        return []
    found: list[object] = [node.span]
    for field in attrs.fields(type(node)):
        if field.name != "span":
            found += spans(getattr(node, field.name))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_bundled_file_survives_the_round_trip(path: Path) -> None:
    module = parse(path.read_text(encoding="utf-8"), path.name)
    back = serial.decode(json.loads(json.dumps(serial.encode(module))))
    assert back == module
    assert dump(back) == dump(module)
    assert spans(back) == spans(module)
    assert back.comments == module.comments


def encoded() -> list[Any]:
    module = parse('donnée age : entier\n  libellé "âge"\n', "a.alinea")
    data = serial.encode(module)
    assert isinstance(data, list)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[3][0].__setitem__(0, "os.system"), "unexpected node 'os.system'"),
        (lambda d: d[3][0].__setitem__(0, "Module"), "unexpected node 'Module'"),
        (lambda d: d[3][0].__setitem__(2, 12), "a str expected"),
        (lambda d: d[3][0].__setitem__(1, [1, 2, 3]), "a span expected"),
        (lambda d: d[3][0].__setitem__(1, [1, True, 3, 4]), "a span expected"),
        (lambda d: d[3][0].append(None), "wrong field count for Fact"),
        (lambda d: d[3][0][3].__setitem__(0, "Text"), "unexpected node 'Text'"),
        (lambda d: d.__setitem__(3, {"0": 1}), "a list expected"),
    ],
    ids=[
        "not-a-node-class",
        "a-module-as-item",
        "a-number-for-a-name",
        "a-short-span",
        "a-boolean-in-a-span",
        "an-extra-field",
        "an-expression-for-a-type",
        "an-object-for-a-list",
    ],
)
def test_anything_but_an_encoded_module_is_refused(change: Any, message: str) -> None:
    data = encoded()
    change(data)
    with pytest.raises(ValueError, match=message):
        serial.decode(data)


def test_a_decimal_must_be_a_finite_number() -> None:
    module = parse("paramètre p : taux\n  60 % depuis 2020-01-01\n", "a.alinea")
    data = serial.encode(module)
    quantity = data[3][0][4][0][2]  # Parameter.values[0].value
    assert quantity[0] == "Quantity"
    for bad in ("NaN", "Infinity", "soixante", 60):
        quantity[2] = bad
        with pytest.raises(ValueError, match="decimal expected"):
            serial.decode(data)


@pytest.mark.parametrize("cls", sorted(serial.NODE_CLASSES.values(), key=lambda c: c.__name__))
def test_each_field_is_read_as_the_type_its_annotation_names(cls: type[nodes.Node]) -> None:
    hints = typing.get_type_hints(cls)
    assert {f.name: annotation_type(f.type) for f in attrs.fields(cls)} == {
        f.name: hints[f.name] for f in attrs.fields(cls)
    }
