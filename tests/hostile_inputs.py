"""Generators of deeply nested inputs, written to tmp_path by the tests that use them.

Each builds the smallest rule file (or situation, or golden file) that has exactly `n` of
one kind of nesting, so a test can stand just under and just over each documented limit.
"""

from __future__ import annotations

import json
from pathlib import Path

HEAD = "§ Profondeur | depuis 2000-01-01\n> Texte de test.\n\ndonnée a : entier\n\n"


def parentheses(n: int) -> str:
    """`= (((a + 1)))`: n levels, n - 1 pairs of parentheses around one sum."""
    return HEAD + f"conclusion r : entier\n  = {'(' * (n - 1)}a + 1{')' * (n - 1)}\n"


def nots(n: int) -> str:
    """`= non non a > 1`: n - 1 `non` around one comparison."""
    return HEAD + "conclusion r : booléen\n  = " + "non " * (n - 1) + "a > 1\n"


def terms(n: int, operator: str) -> str:
    """`= a + a + a`: n terms, n - 1 levels (each operator nests the sum before it)."""
    return HEAD + "conclusion r : entier\n  = " + f" {operator} ".join(["a"] * n) + "\n"


def condition_lists(n: int) -> str:
    """n condition lists, each the first line of the one around it."""
    lines = ["conclusion r : booléen", "  vrai si toutes ces conditions :"]
    indent = "    "
    for _ in range(n - 1):
        lines.append(indent + "- une de ces conditions :")
        indent += "  "
    lines += [indent + "- a > 1", "  sinon faux"]
    return HEAD + "\n".join(lines) + "\n"


def chain(n: int) -> str:
    """r1 reads r2, which reads r3 … which reads the fact: n rules `= suivante + 1`."""
    rules = [f"règle r{i} : entier\n  = r{i + 1} + 1\n" for i in range(1, n)]
    rules.append(f"règle r{n} : entier\n  = a + 1\n")
    return HEAD + "\n".join(rules).replace("règle r1 ", "conclusion r1 ", 1)


def nested_json(n: int) -> str:
    """`{"a": [[[…]]]}`: the object and n - 1 lists inside it."""
    return json.dumps({"a": 1}).replace("1", "[" * (n - 1) + "]" * (n - 1))


def nested_yaml(n: int) -> str:
    """n block mappings, each indented under the one before."""
    return "".join(" " * i + "a:\n" for i in range(n)) + " " * n + "1\n"


def changed(text: str) -> str:
    """The same rule file with its innermost constant (or last term) changed: for `alinea diff`."""
    for old, new in (("a + 1", "a + 2"), ("a > 1", "a > 2")):
        if old in text:
            return new.join(text.rsplit(old, 1))
    return text.removesuffix("a\n") + "2\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
