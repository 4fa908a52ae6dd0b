"""`alinea test`: golden cases, failures explained, coverage, JUnit for CI, exit codes."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from syrupy.assertion import SnapshotAssertion

from alinea.engine.testing import golden
from tests.cli.cli_runner import Alinea
from tests.conftest import LOCAL_RULES

ROOT = Path(__file__).parents[2]
AIDE = Path(__file__).parents[1] / "fixtures" / "aide"


@pytest.fixture
def in_aide(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(AIDE)
    return AIDE


def test_failures_show_the_case_the_values_and_the_explanation(
    alinea: Alinea, in_aide: Path, snapshot: SnapshotAssertion
) -> None:
    result = alinea("test", "--rules", "regles")
    assert (result.code, result.err) == (1, "cas : ./golden (3 fichiers)\n")
    assert result.out == snapshot


def test_coverage_lists_what_no_case_exercises(
    alinea: Alinea, in_aide: Path, snapshot: SnapshotAssertion
) -> None:
    result = alinea("test", "golden/reussis.yaml", "--rules", "regles", "--coverage")
    assert (result.code, result.err) == (0, "")
    assert result.out == snapshot


def test_junit_has_a_suite_per_file_and_a_testcase_per_case(
    alinea: Alinea, in_aide: Path, tmp_path: Path
) -> None:
    report = tmp_path / "junit.xml"
    assert alinea("test", "--rules", "regles", "--junit", str(report)).code == 1
    root = ElementTree.parse(report).getroot()
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == (
        "testsuites",
        "8",
        "2",
        "3",
    )
    suites = {s.get("name"): s for s in root}
    assert list(suites) == ["golden/echecs.yaml", "golden/illisible.yaml", "golden/reussis.yaml"]
    first = suites["golden/echecs.yaml"][0]
    assert first.attrib | {"time": "-"} == {
        "classname": "golden.echecs",
        "name": "le plafond de 2021 est oublié",
        "file": "golden/echecs.yaml",
        "line": "3",
        "time": "-",
    }
    failure = first.find("failure")
    assert failure is not None
    assert failure.get("message") == "aide.montant : attendu 500,00 €, obtenu 0,00 €"
    assert (failure.text or "").startswith("golden/echecs.yaml:3: cas « le plafond de 2021")
    broken = suites["golden/illisible.yaml"][0]
    assert broken.get("name") == "(fichier de cas)"
    error = broken.find("error")
    assert error is not None
    assert error.get("message") == (
        "clé inconnue « attendus » dans un cas ; "
        "clés possibles : nom, date, faits, attendu, description, source"
    )
    passing = suites["golden/reussis.yaml"]
    assert passing.get("tests") == "3" and all(len(case) == 0 for case in passing)


def test_the_bundled_golden_cases_pass(alinea: Alinea, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = alinea("test")
    cases = len(golden.load_all([ROOT / "golden"]))
    assert result.code == 0
    files = len(golden.files([ROOT / "golden"]))
    assert result.err == f"cas : ./golden ({files} fichiers)\n{LOCAL_RULES}"
    assert result.out.endswith(f"\n{cases} cas : {cases} réussis\n")


def test_without_a_golden_folder_it_is_a_usage_error(
    alinea: Alinea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = alinea("test")
    assert result.code == 2
    assert result.err == (
        "error[U005]: aucun dossier golden/ ici : quels cas lancer ?\n"
        "   = aide : indiquez des fichiers de cas (.yaml) ou des dossiers : alinea test golden/\n"
        "\n1 erreur\n"
    )


def test_a_path_that_does_not_exist_is_a_usage_error(alinea: Alinea, in_aide: Path) -> None:
    result = alinea("test", "golden/absent.yaml", "--rules", "regles")
    assert result.code == 2
    assert (
        result.err == "error[G001]: aucun fichier ni dossier « golden/absent.yaml »\n\n1 erreur\n"
    )


def test_a_rule_base_that_does_not_compile_is_a_rule_error(alinea: Alinea, in_aide: Path) -> None:
    broken = Path(__file__).parent / "fixtures" / "fmt" / "casse.alinea"
    result = alinea("test", "golden/reussis.yaml", "--rules", str(broken))
    assert result.code == 1
    assert "error[E006]: texte non terminé" in result.err


def test_a_junit_file_in_a_missing_folder_is_refused_before_the_cases_run(
    alinea: Alinea, in_aide: Path, tmp_path: Path
) -> None:
    target = tmp_path / "absent" / "junit.xml"
    result = alinea("test", "golden/reussis.yaml", "--rules", "regles", "--junit", str(target))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"error[E040]: écriture impossible de {target} : le dossier qui doit le contenir "
        "n'existe pas\n\n1 erreur\n"
    )
