"""Golden cases: loading (every malformed file is a located error) and running."""

from __future__ import annotations

import datetime
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alinea.engine import RuleBase, SituationError, UsageError, load
from alinea.engine.domain.outcomes import GapSide
from alinea.engine.testing import golden

FIXTURES = Path(__file__).parents[1] / "fixtures" / "golden"
AIDE = Path(__file__).parents[2] / "fixtures" / "aide"


@pytest.fixture(scope="module")
def aide() -> RuleBase:
    return load(AIDE / "regles", cache=False)


@pytest.mark.parametrize(
    ("name", "line", "column", "message", "hint"),
    [
        ("attendu-vide", 4, 1, "« attendu » doit être un objet { nom: valeur, … } non vide", None),
        ("cas-sans-liste", 1, 1, "« cas » doit être une liste de cas", None),
        (
            "cle-de-fichier",
            5,
            1,
            "clé inconnue « sources » du fichier ; "
            "clés possibles : description, source, faits_communs, cas",
            "vouliez-vous dire « source » ?",
        ),
        ("date-impossible", 3, 5, "date invalide « 2024-02-30 »", "écrivez AAAA-MM-JJ"),
        ("faits-en-liste", 3, 1, "« faits » doit être un objet { nom: valeur, … }", None),
        ("liste", 1, 1, "un fichier de cas est un objet YAML", None),
        ("manque-en-texte", 3, 3, "« manque » doit être une liste de faits", None),
        ("sans-date", 2, 5, "le cas n'a pas de « date »", None),
        (
            "statut-inconnu",
            3,
            3,
            "statut « faux » inconnu ; attendu : valeur, inconnu, non_applicable, non_couvert",
            None,
        ),
        ("yaml-invalide", 4, 21, "YAML invalide : virgule ou « ] » attendu", None),
    ],
)
def test_a_malformed_golden_file_is_a_located_error(
    name: str, line: int, column: int, message: str, hint: str | None
) -> None:
    path = FIXTURES / f"{name}.yaml"
    with pytest.raises(SituationError) as error:
        golden.load(path)
    [diagnostic] = error.value.diagnostics
    assert diagnostic.code == "G002"
    assert diagnostic.span is not None
    assert (diagnostic.span.path, diagnostic.span.line, diagnostic.span.column) == (
        str(path),
        line,
        column,
    )
    assert (diagnostic.message, diagnostic.hint) == (message, hint)


def test_every_malformed_fixture_is_checked() -> None:
    assert len(list(FIXTURES.glob("*.yaml"))) == 10


def test_a_file_of_cases_gives_each_case_its_line_and_the_file_description() -> None:
    cases = golden.load(AIDE / "golden" / "reussis.yaml")
    assert [(c.line, c.name, c.date) for c in cases] == [
        (4, "majeur résident aux revenus trop élevés", datetime.date(2024, 3, 1)),
        (10, "mineur non boursier", datetime.date(2024, 3, 1)),
        (16, "foyer nombreux", datetime.date(2021, 6, 1)),
    ]
    assert {c.description for c in cases} == {"Éligibilité et montant de l'aide"}
    assert cases[1].expected["aide.montant"] == golden.Expectation("non_applicable")


def test_files_are_found_under_folders_and_a_missing_path_is_a_usage_error() -> None:
    found = golden.files([AIDE / "golden"])
    assert [f.name for f in found] == ["echecs.yaml", "illisible.yaml", "reussis.yaml"]
    with pytest.raises(UsageError, match="aucun fichier ni dossier « nulle-part »"):
        golden.files(["nulle-part"])
    with pytest.raises(UsageError, match="aucun fichier de cas"):
        golden.files([AIDE / "regles"])


def test_passing_cases_keep_their_conclusions(aide: RuleBase) -> None:
    for case in golden.load(AIDE / "golden" / "reussis.yaml"):
        outcome = golden.run(aide, case)
        assert outcome.passed, golden.report(outcome)
        assert [c.name for c in outcome.conclusions] == list(case.expected)


def test_each_way_of_failing_is_reported(aide: RuleBase) -> None:
    wrong, unknown_fact, unknown_name, missing = (
        golden.run(aide, case) for case in golden.load(AIDE / "golden" / "echecs.yaml")
    )
    [mismatch] = wrong.mismatches
    assert (mismatch.name, mismatch.expected, mismatch.actual) == (
        "aide.montant",
        "500,00 €",
        "0,00 €",
    )
    [error] = unknown_fact.errors
    assert (error.code, error.message, error.hint) == (
        "S101",
        "fait inconnu « agee » (valeur 30)",
        "vouliez-vous dire « age » ?",
    )
    assert error.span is not None and (error.span.line, error.span.column) == (12, 7)
    [error] = unknown_name.errors
    assert (error.code, error.message) == ("U001", "conclusion inconnue « aide.eligibles »")
    assert error.span is not None and (error.span.line, error.span.column) == (19, 7)
    [mismatch] = missing.mismatches
    assert (mismatch.expected, mismatch.actual) == (
        "inconnu (il manque : age)",
        "inconnu (il manque : age, boursier)",
    )


def test_the_report_says_where_when_what_and_why(aide: RuleBase) -> None:
    case = golden.load(AIDE / "golden" / "echecs.yaml")[0]
    lines = golden.report(golden.run(aide, case)).splitlines()
    assert lines[:5] == [
        f"{AIDE / 'golden' / 'echecs.yaml'}:3: cas « le plafond de 2021 est oublié » au 2021-06-01",
        "  Des cas qui échouent, chacun à sa façon",
        "  source : Règlement d'aide, art. 2",
        "  aide.montant : attendu 500,00 €, obtenu 0,00 €",
        "    aide.montant = 0,00 €",
    ]
    assert "      ✓ revenus > aide.plafond_base × aide.coefficient" in [
        line.split("  (")[0] for line in lines
    ]


def test_pytest_collects_one_test_per_golden_case() -> None:
    root = Path(__file__).parents[3]
    listed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "golden",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    cases = golden.load_all([root / "golden"])
    assert [line for line in listed if "::" in line] == [
        f"{Path(c.path).relative_to(root)}::{c.name}" for c in cases
    ]


# ---------------------------------------------------------------- non couvert

COUVERTURE = Path(__file__).parents[3] / "tests" / "fixtures" / "couverture"


@pytest.fixture(scope="module")
def couverture() -> RuleBase:
    return load(COUVERTURE / "couverture.alinea", cache=False)


def test_a_non_covered_expectation_reads_its_edge() -> None:
    first, second, third = golden.load(COUVERTURE / "golden" / "reussis.yaml")
    assert first.expected["test.montant"] == golden.Expectation(
        "non_couvert", None, None, (GapSide.AFTER, datetime.date(2021, 6, 30))
    )
    assert second.expected["test.aide"] == golden.Expectation(
        "non_couvert", None, (), (GapSide.BEFORE, datetime.date(2020, 6, 1))
    )
    assert third.expected["test.aide"] == golden.Expectation("non_applicable")


def test_non_covered_cases_pass(couverture: RuleBase) -> None:
    for case in golden.load(COUVERTURE / "golden" / "reussis.yaml"):
        outcome = golden.run(couverture, case)
        assert outcome.passed, golden.report(outcome)


def test_a_wrong_status_or_edge_is_a_failure_that_says_both(couverture: RuleBase) -> None:
    wrong_edge, covered, not_applicable = (
        golden.run(couverture, case) for case in golden.load(COUVERTURE / "golden" / "echecs.yaml")
    )
    assert [(m.expected, m.actual) for m in wrong_edge.mismatches] == [
        (
            "non couvert (couvert jusqu'au 30/09/2021)",
            "non couvert — la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)",
        )
    ]
    assert [(m.expected, m.actual) for m in covered.mismatches] == [("non couvert", "130,00 €")]
    assert [(m.expected, m.actual) for m in not_applicable.mismatches] == [
        (
            "non applicable",
            "non couvert — la base de règles ne commence qu'au 01/06/2020 (Loi test, art. 1)",
        )
    ]
    lines = golden.report(wrong_edge).splitlines()
    assert lines[2] == (
        "  test.montant : attendu non couvert (couvert jusqu'au 30/09/2021), obtenu non couvert "
        "— la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)"
    )


def test_the_facts_that_can_still_decide_are_compared_even_when_none(
    couverture: RuleBase, tmp_path: Path
) -> None:
    path = tmp_path / "manque.yaml"
    path.write_text(
        "date: 2020-03-01\n"
        "faits: {revenu: 800}\n"
        "attendu:\n"
        "  test.aide: {statut: non_couvert, manque: []}\n",
        encoding="utf-8",
    )
    [case] = golden.load(path)
    [mismatch] = golden.run(couverture, case).mismatches
    assert (mismatch.expected, mismatch.actual) == (
        "non couvert",
        "non couvert — la base de règles ne commence qu'au 01/06/2020 (Loi test, art. 1) "
        "(pourrait être décidé par : aide_sociale)",
    )


@pytest.mark.parametrize(
    ("name", "code", "message", "hint"),
    [
        (
            "couvert-sans-statut",
            "G020",
            "« couvert_jusqu_au » ne va qu'avec « statut: non_couvert », et seul",
            "écrivez {statut: non_couvert, couvert_jusqu_au: AAAA-MM-JJ}",
        ),
        (
            "couvert-deux-bornes",
            "G020",
            "« couvert_jusqu_au » ne va qu'avec « statut: non_couvert », et seul",
            "écrivez {statut: non_couvert, couvert_jusqu_au: AAAA-MM-JJ}",
        ),
        (
            "couvert-date-invalide",
            "G021",
            "date invalide « 2021-06-31 » pour « couvert_jusqu_au »",
            "écrivez AAAA-MM-JJ",
        ),
    ],
)
def test_a_malformed_coverage_expectation_is_a_located_error(
    name: str, code: str, message: str, hint: str
) -> None:
    path = COUVERTURE / "malformes" / f"{name}.yaml"
    with pytest.raises(SituationError) as error:
        golden.load(path)
    [diagnostic] = error.value.diagnostics
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (code, message, hint)
    assert diagnostic.span is not None
    assert (diagnostic.span.path, diagnostic.span.line, diagnostic.span.column) == (
        str(path),
        3,
        3,
    )


HOSTILE = Path(__file__).parents[2] / "fixtures" / "hostile"


def load_error(path: Path) -> str:
    with pytest.raises(SituationError) as error:
        golden.load(path)
    [diagnostic] = error.value.diagnostics
    return str(diagnostic)


def test_a_case_with_two_expectations_is_an_error_naming_both_lines() -> None:
    path = HOSTILE / "golden_doublon_attendu.yaml"
    assert load_error(path) == f"{path}:6:1: error[G004]: clé « attendu » en double (lignes 4 et 6)"


def test_an_alias_bomb_in_a_golden_file_is_refused_quickly() -> None:
    path = HOSTILE / "golden_bombe_alias.yaml"
    start = time.perf_counter()
    message = load_error(path)
    assert time.perf_counter() - start < 5  # sanity bound
    assert message == (
        f"{path}:8:12: error[G005]: l'alias « *a4 » porte les copies faites par les alias "
        "au-delà de 100\u202f000 valeurs"
    )


def test_a_golden_file_with_a_byte_order_mark_is_read() -> None:
    [case] = golden.load(HOSTILE / "golden_bom.yaml")
    assert (case.line, case.name) == (1, "fichier avec BOM")


def test_a_golden_file_past_the_size_limit_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "enorme.yaml"
    with path.open("w", encoding="utf-8") as file:
        file.write("date: 2026-03-01\nfaits: {age: 30}\nattendu: {a: 1}\n")
        file.writelines("# " + "x" * 1000 + "\n" for _ in range(17_000))
    assert load_error(path).endswith("error[G003]: fichier trop volumineux (plus de 16 Mio)")


def test_the_bundled_golden_files_keep_their_anchors_and_merges() -> None:
    root = Path(__file__).parents[3] / "golden"
    merged = [p for p in sorted(root.rglob("*.yaml")) if "<<:" in p.read_text(encoding="utf-8")]
    assert merged, "the bundled cases use merges: this test must see one"
    for path in merged:
        assert golden.load(path)
