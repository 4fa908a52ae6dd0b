"""The hostile inputs of issue 9, generated (they are too big to keep as files), plus every
file under `tests/fixtures/hostile/`. Each entry writes its input in a scratch folder and says
which command lines read it; `test_hostile.py` runs each in its own process, bounded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .harness import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "hostile"
Commands = list[list[str]]
Entry = Callable[[Path], Commands]

RULE_HEAD = """§ Test 1
donnée a : entier
donnée b : booléen
donnée d : date
"""


ONE_CASE = """cas:
  - nom: un cas
    date: 2026-03-01
    faits: {age: 34}
    attendu: {mon_soutien_psy.eligible: true}
"""


def _situation(folder: Path, name: str, text: str | bytes) -> Commands:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return [["eval", "-s", str(path), "--date", "2026-03-01"]]


def _rules(folder: Path, body: str, situation: str = "{}") -> Commands:
    path = folder / "regles.alinea"
    path.write_text(RULE_HEAD + body, encoding="utf-8")
    facts = folder / "faits.json"
    facts.write_text(situation, encoding="utf-8")
    return [["check", str(path)], ["eval", str(path), "-s", str(facts), "--date", "2026-03-01"]]


def _golden(folder: Path, text: str) -> Commands:
    path = folder / "cas.yaml"
    path.write_text(text, encoding="utf-8")
    return [["test", str(path), "--junit", str(folder / "junit.xml")]]


def alias_bomb(depth: int = 8) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, depth + 1):
        previous = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{previous}]")
    return "\n".join(lines) + "\n"


def nested_json(depth: int) -> str:
    return '{"age": ' + "[" * depth + "]" * depth + "}"


def nested_yaml(depth: int) -> str:
    return "age: " + "[" * depth + "]" * depth + "\n"


def chain(length: int) -> str:
    rules = [f"règle r{i} : entier\n  = r{i + 1} + 1\n" for i in range(1, length)]
    return (
        "conclusion r0 : entier\n  = r1 + 1\n"
        + "".join(rules)
        + f"règle r{length} : entier\n  = a\n"
    )


def nested_groups(depth: int) -> str:
    body, indent = "", "    "
    for _ in range(depth):
        body += f"{indent}- toutes ces conditions :\n"
        indent += "  "
    body += f"{indent}- b\n"
    return "conclusion c : booléen\n  vrai si toutes ces conditions :\n" + body + "  sinon faux\n"


def conclusion(expression: str, type_: str = "entier") -> str:
    return f"conclusion c : {type_}\n  = {expression}\n"


GENERATED: dict[str, Entry] = {
    "situation-alias-bomb": lambda f: _situation(f, "bombe.yaml", alias_bomb()),
    "golden-alias-bomb": lambda f: _golden(
        f, "faits_communs:\n  " + alias_bomb().replace("\n", "\n  ") + "\nsource: *a8\n" + ONE_CASE
    ),
    "situation-100k-unknown-facts": lambda f: _situation(
        f, "inconnus.json", "{" + ",".join(f'"fait_{i}": {i}' for i in range(100_000)) + "}"
    ),
    "situation-1m-yaml-items": lambda f: _situation(
        f, "liste.yaml", "age:\n" + "- 1\n" * 1_000_000
    ),
    "situation-dev-zero": lambda f: [["eval", "-s", "/dev/zero", "--date", "2026-03-01"]],
    "situation-json-1000-deep": lambda f: _situation(f, "profond.json", nested_json(1_000)),
    "situation-yaml-1000-deep": lambda f: _situation(f, "profond.yaml", nested_yaml(1_000)),
    "situation-P9999Y": lambda f: _situation(
        f, "p.json", '{"duree_residence_france": "P9999Y", "situation_sejour": "sejour_irregulier"}'
    ),
    "situation-P99999999999Y": lambda f: _situation(
        f, "p.json", '{"duree_residence_france": "P99999999999Y"}'
    ),
    "situation-9999-ans": lambda f: _situation(
        f, "p.json", '{"duree_residence_france": "9999 ans"}'
    ),
    "situation-5000-digit-amount": lambda f: _situation(
        f, "m.json", '{"ressources_annuelles_foyer": "' + "9" * 5000 + '"}'
    ),
    "situation-5000-digit-integer": lambda f: _situation(
        f, "m.json", '{"age": ' + "9" * 5000 + "}"
    ),
    "situation-duplicate-key": lambda f: _situation(f, "d.json", '{"age": 10, "age": 30}'),
    "situation-bom": lambda f: _situation(f, "bom.json", b'\xef\xbb\xbf{"age": 34}'),
    "golden-5000-deep": lambda f: _golden(f, "cas: " + "[" * 5_000 + "]" * 5_000 + "\n"),
    "rules-3mb-label": lambda f: _rules(
        f, 'conclusion c : entier\n  libellé "' + "x" * 3_000_000 + '"\n  = a\n'
    ),
    "rules-12mb": lambda f: _rules(f, "# " + "x" * 12_000_000 + "\n"),
    "rules-1000-parentheses": lambda f: _rules(f, conclusion("(" * 1_000 + "a" + ")" * 1_000)),
    "rules-1000-non": lambda f: _rules(f, conclusion("non " * 1_000 + "b", "booléen")),
    "rules-150-nested-groups": lambda f: _rules(f, nested_groups(150)),
    "rules-product-2000": lambda f: _rules(f, conclusion(" * ".join(["a"] * 2_000)), '{"a": 1}'),
    "rules-sum-400": lambda f: _rules(f, conclusion(" + ".join(["a"] * 400)), '{"a": 1}'),
    "rules-chain-400": lambda f: _rules(f, chain(400), '{"a": 1}'),
    "rules-9999-ans": lambda f: _rules(
        f, "donnée p : durée\nconclusion c : booléen\n  = p > 9999 ans\n", '{"p": "P1D"}'
    ),
    "rules-end-of-calendar": lambda f: _rules(f, "conclusion c : date\n  = 9999-12-31 + 1 jours\n"),
    "rules-5000-digit-parameter": lambda f: _rules(
        f,
        "paramètre p : montant\n  " + "9" * 5000 + " € depuis 2020-01-01\n"
        "conclusion c : montant\n  = p\n",
    ),
    "rules-bom": lambda f: [
        ["check", _write(f / "bom.alinea", b"\xef\xbb\xbf" + RULE_HEAD.encode())]
    ],
    "diff-whole-calendar": lambda f: [["diff", "--dates", "0001-01-01", "9999-12-31"]],
    "path-too-long": lambda f: long_path_commands(str(f / ("x" * 300))),
}


def long_path_commands(name: str) -> Commands:
    """A name longer than the system allows (255 bytes), wherever a command takes a path:
    `pathlib` lets that `OSError` through where a missing file would give `False`."""
    situation = str(ROOT / "golden" / "css" / "revalorisation.yaml")
    return [
        ["check", name],
        ["fmt", "--check", name],
        ["veille", name],
        ["test", name],
        ["diff", name, name],
        ["eval", "-s", name],
        ["eval", name, "-s", situation],
        ["doc", "-o", name],
        ["graph", "css.droit", "-o", name],
        ["graph", name, "--deps"],
        ["explain", "css.droit", "-s", situation, "--html", "-o", name],
        ["ask", "css.droit", "--enregistrer", name],
    ]


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def corpus() -> dict[str, Entry]:
    """The generated entries and one per file of the corpus folder, read by its extension."""
    entries = dict(GENERATED)
    for path in sorted(CORPUS.rglob("*")) if CORPUS.is_dir() else []:
        if path.is_file() and path.suffix != ".md":
            entries[f"fichier:{path.relative_to(CORPUS)}"] = _file_entry(path)
    return entries


def _file_entry(path: Path) -> Entry:
    file = str(path)
    if path.suffix == ".alinea":
        return lambda folder: [["check", file], ["fmt", "--check", file]]
    return lambda folder: [
        ["eval", "-s", file, "--date", "2026-03-01"],
        ["test", file],
    ]
