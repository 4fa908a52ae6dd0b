"""The VS Code extension: its TextMate grammar, run by vscode-textmate and Oniguruma as VS
Code runs it, on every bundled rule file; and the `.vsix` that @vscode/vsce builds."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from alinea.dsl import parser
from alinea.lsp import lexicon
from tests.conftest import ROOT

EXTENSION = ROOT / "editors" / "vscode"
FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED = sorted((ROOT / "regles").rglob("*.alinea"))
EVERY_FILE = sorted(
    p for d in ("regles", "tests", "examples") for p in (ROOT / d).rglob("*.alinea")
)


@pytest.fixture(scope="module")
def npm() -> str:
    """npm, once the extension's packages are installed (`make test` installs them; this
    installs them too when pytest runs alone)."""
    found = shutil.which("npm")
    if found is None or shutil.which("node") is None:
        pytest.skip("node et npm absents : l'extension VS Code n'est ni testée ni construite")
    installed = EXTENSION / "node_modules" / ".installed-lock.json"
    lock = EXTENSION / "package-lock.json"
    if not installed.exists() or installed.read_bytes() != lock.read_bytes():
        _run([found, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
        shutil.copyfile(lock, installed)
    return found


def _run(command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=EXTENSION, capture_output=True, text=True, check=check, timeout=300
    )


def _tokens(*files: Path) -> list[list[list[tuple[str, list[str]]]]]:
    """Each file's lines, each line's tokens: (text, scopes)."""
    found = _run(["node", "test/tokens.mjs", "--json", *map(str, files)])
    result: list[dict[str, Any]] = json.loads(found.stdout)
    return [[[(t[0], t[1]) for t in line] for line in r["lines"]] for r in result]


def _scope(lines: list[list[tuple[str, list[str]]]], word: str, occurrence: int = 0) -> str:
    """The innermost scope of the `occurrence`-th token that reads `word`."""
    found = [scopes[-1] for line in lines for text, scopes in line if text == word]
    return found[occurrence]


def test_every_bundled_rule_file_is_tokenised_without_an_invalid_scope(npm: str) -> None:
    found = _run(["node", "test/tokens.mjs", *map(str, BUNDLED)], check=False)
    lines = sum(len(p.read_text(encoding="utf-8").rstrip("\n").split("\n")) for p in BUNDLED)
    assert (found.returncode, found.stdout, found.stderr) == (
        0,
        f"{len(BUNDLED)} fichier(s), {lines} ligne(s) : aucun mot invalide\n",
        "",
    )


def test_invalid_scopes_fall_on_the_lines_where_the_grammar_reads_no_word(npm: str) -> None:
    """Over every rule file of the repository, the broken fixtures included: the TextMate
    grammar marks invalid the very lines where the lexer of dsl/grammar.lark fails."""
    found = _run(["node", "test/tokens.mjs", *map(str, EVERY_FILE)], check=False)
    marked = {
        (path, int(line))
        for path, line, *_ in (report.split(":") for report in found.stdout.splitlines()[:-1])
    }
    unreadable = {
        (str(path), word.line + 1)
        for path in EVERY_FILE
        for word in lexicon.words(parser.normalise(path.read_text(encoding="utf-8")))
        if word.kind is lexicon.Kind.UNKNOWN
    }
    assert marked == unreadable
    assert len(unreadable) >= 5


def test_what_the_lexer_cannot_read_is_invalid_where_it_is(npm: str) -> None:
    path = FIXTURES / "casse.alinea"
    found = _run(["node", "test/tokens.mjs", str(path)], check=False)
    assert found.returncode == 1
    assert found.stdout == (
        f"{path}:2:18: invalid.illegal.character.alinea « $ »\n"
        f"{path}:3:12: invalid.illegal.unclosed-string.alinea « jamais fermé »\n"
        "1 fichier(s), 3 ligne(s) : 2 mot(s) invalide(s)\n"
    )


def test_the_scopes_follow_the_language(npm: str) -> None:
    (lines,) = _tokens(FIXTURES / "exemple.alinea")
    expected = {
        "§": "keyword.control.section.alinea",
        "CSS L.861-1": "entity.name.section.alinea",
        "(loi n° 2021-1018, art. 28)": "string.unquoted.amendment.alinea",
        "2022-01-01": "constant.numeric.date.alinea",
        " Les personnes dont les ressources sont inférieures à un plafond « ont droit ».": (
            "markup.quote.alinea"
        ),
        "donnée": "storage.type.declaration.alinea",
        "foyer.revenu": "entity.name.function.alinea",
        "montant": "support.type.alinea",
        "question": "keyword.other.attribute.alinea",
        "Quel est le revenu du foyer ?": "string.quoted.double.alinea",
        "entre": "keyword.control.alinea",
        "1000000": "constant.numeric.alinea",
        "€": "keyword.other.unit.alinea",
        "énumération": "support.type.alinea",
        "aucune": "constant.language.none.alinea",
        "chaque": "keyword.control.alinea",
        "selon": "keyword.other.citation.alinea",
        '"CSS R.861-3"': "string.quoted.double.citation.alinea",
        "8.5": "constant.numeric.alinea",
        "%": "keyword.other.unit.alinea",
        "jusqu'au": "keyword.control.period.alinea",
        '\\"': "constant.character.escape.alinea",
        "dans": "keyword.operator.word.alinea",
        "toutes ces conditions": "keyword.control.group.alinea",
        "<=": "keyword.operator.alinea",
        "css.plafond": "entity.name.function.alinea",
        " sous le plafond": "comment.line.number-sign.alinea",
        "précédent": "variable.language.previous.alinea",
        "exception": "storage.type.declaration.alinea",
        "css.hors": "entity.name.function.alinea",
        "faux": "constant.language.boolean.alinea",
    }
    assert {word: _scope(lines, word) for word in expected} == expected
    assert _scope(lines, "css.plafond", 1) == "variable.other.alinea"
    assert _scope(lines, "au", 0) == "keyword.control.period.alinea"


def test_every_reserved_word_of_the_grammar_is_coloured(npm: str, tmp_path: Path) -> None:
    known = lexicon.lexicon()
    words = sorted({*known.keywords, *known.types, *known.units})
    path = tmp_path / "mots.alinea"
    path.write_text("".join(f"{word}\n" for word in words), encoding="utf-8")
    (lines,) = _tokens(path)
    plain = {
        word: line[0][1][-1]
        for word, line in zip(words, lines, strict=True)
        if len(line) != 1 or line[0][1][-1].startswith(("source.", "variable.other", "invalid"))
    }
    assert plain == {}


def test_the_vsix_holds_the_extension_and_its_runtime_dependencies(
    npm: str, tmp_path: Path
) -> None:
    assert _run(["node", "--check", "extension.js"]).returncode == 0
    target = tmp_path / "alinea.vsix"
    _run([npm, "run", "package", "--", "--out", str(target)])
    with zipfile.ZipFile(target) as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
    grammar = manifest["contributes"]["grammars"][0]
    configuration = manifest["contributes"]["languages"][0]["configuration"]
    assert {
        "extension/extension.js",
        "extension/" + grammar["path"].removeprefix("./"),
        "extension/" + configuration.removeprefix("./"),
        "extension/node_modules/vscode-languageclient/node.js",
    } <= names
    assert (grammar["scopeName"], manifest["contributes"]["languages"][0]["extensions"]) == (
        "source.alinea",
        [".alinea"],
    )
    assert not {
        n for n in names if n.startswith(("extension/test/", "extension/node_modules/@vscode/"))
    }
