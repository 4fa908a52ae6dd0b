"""The registry of codes (dsl/codes.toml): each code used in the source is registered once,
with its meaning, raised only where its entry says, and published in docs/erreurs.md."""

from __future__ import annotations

import re
from collections import defaultdict

from alinea.dsl import codes
from tests.conftest import ROOT, Cli

PACKAGES = ("dsl", "engine", "diff", "visualize", "veille", "service", "lsp", "cli")
LITERAL = re.compile(r"\"([A-Z][0-9]{3})\"")


def raised() -> dict[str, set[str]]:
    """Every code written as a string in the source, and the modules it is written in."""
    found: dict[str, set[str]] = defaultdict(set)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for code in LITERAL.findall(path.read_text(encoding="utf-8")):
                found[code].add(path.relative_to(ROOT).as_posix())
    return found


def test_every_code_in_the_source_is_registered() -> None:
    assert sorted(set(raised()) - set(codes.registry())) == []


def test_every_registered_code_is_used() -> None:
    assert sorted(set(codes.registry()) - set(raised())) == []


def test_a_code_is_raised_only_where_its_entry_says() -> None:
    """A code reused in another module is a second meaning until its entry says otherwise."""
    found = raised()
    wrong = {
        code: sorted(found[code])
        for code, entry in codes.registry().items()
        if found[code] != set(entry.where)
    }
    assert wrong == {}


def test_every_code_has_a_title_and_an_explanation() -> None:
    for entry in codes.registry().values():
        assert entry.title and entry.explanation.endswith((".", ")")), entry.code


def test_docs_erreurs_is_generated_from_the_registry() -> None:
    written = (ROOT / "docs" / "erreurs.md").read_text(encoding="utf-8")
    assert written == codes.markdown(), "docs/erreurs.md n'est pas à jour : make erreurs"


def test_check_explains_a_code(cli: Cli) -> None:
    assert cli("check", "--explique", "e201") == (
        0,
        "E201 — nom inconnu\n"
        "(vérification des règles)\n"
        "\n"
        "Une expression lit un nom qu'aucune donnée, aucun paramètre ni aucune règle ne "
        "déclare.\n"
        "\n"
        "Exemple :\n"
        "    = agee >= 18\n",
        "",
    )


def test_check_refuses_an_unknown_code(cli: Cli) -> None:
    code, out, err = cli("check", "--explique", "E999")
    assert (code, out) == (2, "")
    assert err == (
        "error[U012]: code inconnu « E999 »\n"
        "   = aide : les codes sont décrits dans docs/erreurs.md\n"
        "\n"
        "1 erreur\n"
    )
