"""Nesting, at and past each documented limit (docs/langage.md, « Limites »), through the CLI.

Past a limit, `alinea check` (and so every command) reports a located error; at the limit,
every command works. Internal errors are raised here (ALINEA_DEBUG), not turned into the
one-line `erreur interne`, so a RecursionError anywhere fails the test with its traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from alinea.dsl.diagnostics import render
from alinea.dsl.errors import Diagnostic, Span
from alinea.dsl.limits import MAX_CONDITION_NESTING, MAX_DATA_NESTING, MAX_NESTING
from tests import hostile_inputs as hostile
from tests.conftest import LOCAL_RULES, Cli

HINT_E030 = (
    "   = aide : chaque opérateur, parenthèse, « non », appel ou liste compte pour un niveau ; "
    "découpez l'expression en règles intermédiaires"
)
HINT_S130 = (
    "   = aide : un fait a pour valeur une valeur simple ou une liste de valeurs simples : "
    '{"age": 34, "documents": ["a", "b"]}'
)


@pytest.fixture(autouse=True)
def internal_errors_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALINEA_DEBUG", "1")


def excerpt(line: int, text: str, column: int, width: int) -> list[str]:
    """The source line and caret the renderer shows for that place (it cuts long lines)."""
    span = Span("r.alinea", line, column, line, column + width)
    return render(Diagnostic("E000", "", span), lambda _: text).splitlines()[1:3]


def expression_error(path: Path, text: str, levels: int) -> str:
    """The whole E030 report for the expression of line 7 (column 5) of a generated file."""
    width = len(text.splitlines()[6]) - 4
    return "\n".join(
        [
            f"{path}:7:5: error[E030]: expression imbriquée sur {levels} niveaux ; "
            f"au plus {MAX_NESTING}",
            *excerpt(7, text, 5, width),
            HINT_E030,
            "",
            "1 erreur",
            "",
        ]
    )


# ---------------------------------------------------------------- past the limits


@pytest.mark.parametrize(
    "shape, size, levels",
    [
        (hostile.parentheses, 1000, 1000),
        (hostile.nots, 1001, 1001),
        (lambda n: hostile.terms(n, "*"), 2000, 1999),
    ],
    ids=["parentheses", "non", "product"],
)
def test_a_thousand_nested_parentheses_non_or_products_are_reported_not_crashed(
    cli: Cli, tmp_path: Path, shape: Callable[[int], str], size: int, levels: int
) -> None:
    text = shape(size)
    path = hostile.write(tmp_path, "profond.alinea", text)
    assert cli("check", str(path)) == (1, "", expression_error(path, text, levels))


def test_a_sum_of_400_terms_is_reported_on_every_run_cached_or_not(
    cli: Cli, tmp_path: Path
) -> None:
    """It used to check once, then fail when the checked program was written to the cache."""
    text = hostile.terms(400, "+")
    path = hostile.write(tmp_path, "somme.alinea", text)
    expected = (1, "", expression_error(path, text, 399))
    assert cli("check", str(path)) == expected
    assert cli("check", str(path)) == expected


def test_150_nested_condition_lists_are_reported_once_at_the_outer_list(
    cli: Cli, tmp_path: Path
) -> None:
    text = hostile.condition_lists(150)
    path = hostile.write(tmp_path, "conditions.alinea", text)
    code, out, err = cli("check", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:7:11: error[E031]: listes de conditions imbriquées sur 150 niveaux ; "
        f"au plus {MAX_CONDITION_NESTING}",
        *excerpt(7, text, 11, len("toutes ces conditions :")),
        "   = aide : sortez les listes intérieures dans des règles nommées, lues ici par leur nom",
        "",
        "1 erreur",
    ]


def test_a_chain_of_400_rules_is_refused_by_check_not_at_eval(cli: Cli, tmp_path: Path) -> None:
    text = hostile.chain(400)
    path = hostile.write(tmp_path, "chaine.alinea", text)
    line = text.splitlines().index("règle r317 : entier") + 1
    code, out, err = cli("check", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:{line}:1: error[E032]: la règle « r317 » demande 253 niveaux de calcul "
        "imbriqués ; au plus 250",
        *excerpt(line, text, 1, len("règle r317 : entier")),
        "   = aide : chaque règle lue ajoute ses niveaux à ceux de la règle qui la lit : "
        "raccourcissez la chaîne, ou faites lire directement les données aux règles du bas",
        "   = note : chaîne de 84 règles et paramètres : r317 → r318 → r319 → … → r399 → r400",
        "   = note : conclusions qui la lisent : r1",
        "",
        "1 erreur",
    ]
    situation = hostile.write(tmp_path, "s.json", '{"a": 1}')
    assert cli("eval", str(path), "-s", str(situation), "--date", "2026-03-01")[0] == 1


@pytest.mark.parametrize(
    "shape, limit, code",
    [
        (hostile.parentheses, MAX_NESTING, "E030"),
        (hostile.nots, MAX_NESTING, "E030"),
        (lambda n: hostile.terms(n + 1, "+"), MAX_NESTING, "E030"),
        (hostile.condition_lists, MAX_CONDITION_NESTING, "E031"),
        (hostile.chain, 83, "E032"),
    ],
    ids=["parentheses", "non", "sum", "condition-lists", "chain"],
)
def test_one_level_past_each_limit_is_refused(
    cli: Cli, tmp_path: Path, shape: Callable[[int], str], limit: int, code: str
) -> None:
    path = hostile.write(tmp_path, "r.alinea", shape(limit + 1))
    exit_code, out, err = cli("check", str(path))
    assert (exit_code, out) == (1, "")
    assert f": error[{code}]: " in err.splitlines()[0]
    assert err.endswith("\n1 erreur\n")


# ---------------------------------------------------------------- at the limits


AT_THE_LIMITS = [
    (hostile.parentheses, MAX_NESTING),
    (hostile.nots, MAX_NESTING),
    (lambda n: hostile.terms(n + 1, "+"), MAX_NESTING),
    (lambda n: hostile.terms(n + 1, "*"), MAX_NESTING),
    (hostile.condition_lists, MAX_CONDITION_NESTING),
    (hostile.chain, 83),
]
IDS = ["parentheses", "non", "sum", "product", "condition-lists", "chain"]


@pytest.mark.parametrize("shape, limit", AT_THE_LIMITS, ids=IDS)
def test_at_each_limit_every_command_works(
    cli: Cli, tmp_path: Path, shape: Callable[[int], str], limit: int
) -> None:
    text = shape(limit)
    rules = hostile.write(tmp_path / "v1", "r.alinea", text)
    changed = hostile.write(tmp_path / "v2", "r.alinea", hostile.changed(text))
    situation = hostile.write(tmp_path, "s.json", '{"a": 1}')
    name = "r1" if "r1" in text else "r"
    page = tmp_path / "page.html"
    day = ("--date", "2026-03-01")
    assert cli("check", str(rules))[0] == 0
    code, out, err = cli("eval", str(rules), "-s", str(situation), *day, "--json")
    assert (code, err) == (0, "")
    value = json.loads(out)["conclusions"][name]["value"]
    golden = hostile.write(
        tmp_path, "cas.yaml", f"date: 2026-03-01\nfaits: {{a: 1}}\nattendu: {{{name}: {value}}}\n"
    )
    runs = [
        ("eval", str(rules), "-s", str(situation), *day, "--explain"),
        ("explain", name, str(rules), "-s", str(situation), *day, "--json"),
        ("explain", name, str(rules), "-s", str(situation), *day, "--html", "-o", str(page)),
        ("graph", name, str(rules), "-s", str(situation), *day, "-o", str(tmp_path / "g.dot")),
        ("test", str(golden), "--rules", str(rules)),
    ]
    for arguments in runs:
        code, _, err = cli(*arguments)
        assert (code, err) == (0, ""), arguments
    assert cli("fmt", "--check", str(rules))[0] in {0, 1}  # 1: it would drop parentheses
    code, out, err = cli("diff", str(rules.parent), str(changed.parent), *day)
    assert (code, err) == (1, "")
    assert name in out


# ---------------------------------------------------------------- situations and golden files


def test_a_json_situation_nested_1000_deep_is_reported_not_crashed(
    cli: Cli, tmp_path: Path
) -> None:
    situation = hostile.write(tmp_path, "s.json", hostile.nested_json(1000))
    code, out, err = cli("eval", "-s", str(situation), "--date", "2026-03-01")
    assert (code, out, err[: len(LOCAL_RULES)]) == (1, "", LOCAL_RULES)
    err = err.removeprefix(LOCAL_RULES)
    column = len('{"a": ') + MAX_DATA_NESTING  # the object is the first level
    assert err.splitlines()[0] == (
        f"{situation}:1:{column}: error[S130]: listes et objets imbriqués sur plus de "
        f"{MAX_DATA_NESTING} niveaux"
    )
    assert err.splitlines()[3:] == [HINT_S130, "", "1 erreur"]


def test_a_yaml_situation_nested_1000_deep_is_reported_not_crashed(
    cli: Cli, tmp_path: Path
) -> None:
    situation = hostile.write(tmp_path, "s.yaml", hostile.nested_yaml(1000))
    code, out, err = cli("eval", "-s", str(situation), "--date", "2026-03-01")
    assert (code, out, err[: len(LOCAL_RULES)]) == (1, "", LOCAL_RULES)
    err = err.removeprefix(LOCAL_RULES)
    line = MAX_DATA_NESTING + 1  # the mapping that starts there is one too many
    assert err.splitlines() == [
        f"{situation}:{line}:{line}: error[S130]: listes et objets imbriqués sur plus de "
        f"{MAX_DATA_NESTING} niveaux",
        *excerpt(line, hostile.nested_yaml(1000), line, 1),
        HINT_S130,
        "",
        "1 erreur",
    ]


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_a_situation_at_the_nesting_limit_is_read_and_one_more_level_is_not(
    cli: Cli, tmp_path: Path, suffix: str
) -> None:
    at_limit = hostile.write(tmp_path, f"a.{suffix}", hostile.nested_json(MAX_DATA_NESTING))
    code, _, err = cli("eval", "-s", str(at_limit), "--date", "2026-03-01")
    assert (code, err.splitlines()[1].split("error[")[1][:4]) == (1, "S101")  # read: `a` unknown
    past = hostile.write(tmp_path, f"b.{suffix}", hostile.nested_json(MAX_DATA_NESTING + 1))
    code, _, err = cli("eval", "-s", str(past), "--date", "2026-03-01")
    assert (code, err.splitlines()[1].split("error[")[1][:4]) == (1, "S130")


def test_a_golden_file_nested_5000_deep_is_reported_not_crashed(cli: Cli, tmp_path: Path) -> None:
    facts = hostile.nested_json(5000)
    case = hostile.write(
        tmp_path, "cas.yaml", f"date: 2026-03-01\nfaits: {facts}\nattendu: {{r: 1}}\n"
    )
    code, out, err = cli("test", str(case))
    assert code == 1
    assert "erreur interne" not in out + err
    column = len('faits: {"a": ') + MAX_DATA_NESTING - 1  # the document is the first level
    assert (
        f"  {case}:2:{column}: error[S130]: listes et objets imbriqués sur plus de "
        f"{MAX_DATA_NESTING} niveaux"
    ) in out.splitlines()
