"""« non couvert » on the command line: the stderr warning of eval, explain, ask, check
W701, graph and doc (fixture rule base tests/fixtures/couverture)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

FIXTURE = "tests/fixtures/couverture"
RULES = f"{FIXTURE}/couverture.alinea"
SITUATION = f"{FIXTURE}/situation.json"
WITHOUT_AID = f"{FIXTURE}/sans_aide_sociale.json"
WARNING = (
    "alinea : attention : test.montant est non couvert au 01/08/2021 — la base de règles "
    "s'arrête au 30/06/2021 (Loi test, art. 2)\n"
)


def answer(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def test_eval_warns_on_stderr_for_each_non_covered_conclusion(cli: Cli) -> None:
    code, out, err = cli("eval", RULES, "-s", SITUATION, "--date", "2021-08-01")
    assert (code, err) == (0, WARNING)
    assert out.splitlines()[2:] == [
        "test.aide                                  vrai             Loi test, art. 1",
        "test.montant                               non couvert — la base de règles s'arrête "
        "au 30/06/2021 (Loi test, art. 2)",
    ]


def test_eval_json_warns_too_and_gives_the_gap(cli: Cli) -> None:
    code, out, err = cli("eval", RULES, "-s", SITUATION, "--date", "2021-08-01", "--json")
    assert (code, err) == (0, WARNING)
    montant = json.loads(out)["conclusions"]["test.montant"]
    assert (montant["status"], montant["couvert_jusqu_au"], montant["article"]) == (
        "non_couvert",
        "2021-06-30",
        "Loi test, art. 2",
    )
    assert [gap["nom"] for gap in montant["lacunes"]] == ["test.taux"]


def test_eval_warns_only_for_the_conclusions_it_prints(cli: Cli) -> None:
    code, _, err = cli(
        "eval", RULES, "-s", WITHOUT_AID, "--date", "2020-03-01", "--only", "test.aide"
    )
    assert (code, err) == (
        0,
        "alinea : attention : test.aide est non couvert au 01/03/2020 — la base de règles ne "
        "commence qu'au 01/06/2020 (Loi test, art. 1)\n",
    )
    code, _, err = cli("eval", RULES, "-s", SITUATION, "--date", "2021-03-01")
    assert (code, err) == (0, "")


def test_eval_of_the_bundled_ceilings_beyond_the_last_one(cli: Cli, tmp_path: Path) -> None:
    situation = tmp_path / "famille.json"
    situation.write_text(
        '{"taille_foyer": 4, "residence_outre_mer": false, "beneficiaire_rsa": false, '
        '"ressources_annuelles_foyer": "18000"}',
        encoding="utf-8",
    )
    only = ["--only", "css.droit", "css.plafond_gratuite"]
    code, out, err = cli("eval", "-s", str(situation), "--date", "2027-06-01", *only)
    assert code == 0
    warned = [line for line in err.splitlines() if line.startswith("alinea : attention")]
    assert [line.split(" est non couvert")[0] for line in warned] == [
        "alinea : attention : css.droit",
        "alinea : attention : css.plafond_gratuite",
    ]
    assert "css.droit                                  non couvert — la base de règles" in out


def test_explain_shows_the_gap_at_the_top_and_on_the_parameter(cli: Cli) -> None:
    code, out, err = cli("explain", "test.montant", RULES, "-s", SITUATION, "--date", "2021-08-01")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[1] == (
        "test.montant = non couvert — la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)"
    )
    assert any(
        line.strip().startswith(
            "⊘ taux de l'aide = non couvert — la base de règles s'arrête au 30/06/2021"
        )
        for line in lines
    )


def test_explain_json_marks_the_top_and_the_node(cli: Cli) -> None:
    args = ("explain", "test.montant", RULES, "-s", SITUATION, "--date", "2021-08-01", "--json")
    code, out, _ = cli(*args)
    data = json.loads(out)["conclusions"]["test.montant"]
    assert code == 0
    assert (data["status"], data["couvert_jusqu_au"]) == ("non_couvert", "2021-06-30")
    child = data["explanation"]["children"][0]
    assert child["status"] == "non_couvert"


def test_explain_html_says_what_the_rule_base_lacks(cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    code, _, _ = cli(
        "explain",
        "test.montant",
        RULES,
        "-s",
        SITUATION,
        "--date",
        "2021-08-01",
        "--html",
        "-o",
        str(page),
    )
    html = page.read_text(encoding="utf-8")
    assert code == 0
    assert '<p class="verdict non_couvert"><strong>test.montant = non couvert — la base de ' in html
    assert "Non couvert par la base de règles</h2>" in html
    assert (
        "<li><code>test.taux</code> : la base de règles s&#39;arrête au 30/06/2021 "
        "(Loi test, art. 2)</li>" in html
    )
    assert 'class="marque-non_couvert"' in html


def test_ask_says_it_is_not_covered_and_asks_what_can_still_decide(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, "non")
    code, out, _ = cli("ask", "test.aide", RULES, "-s", WITHOUT_AID, "--date", "2020-03-01")
    assert code == 0
    assert out.splitlines()[:4] == [
        "Droit applicable au 1er mars 2020",
        "",
        "test.aide est non couvert au 01/03/2020 — la base de règles ne commence qu'au "
        "01/06/2020 (Loi test, art. 1)",
        "Une réponse aux questions suivantes peut encore la décider.",
    ]
    assert [line for line in out.splitlines() if line.endswith("?")] == [
        "La personne perçoit-elle l'aide sociale ?"
    ]
    assert "Aucune réponse ne peut plus la décider : la base de règles doit être complétée." in out


def test_ask_an_answer_can_settle_it_despite_the_gap(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch, "oui")
    code, out, _ = cli("ask", "test.aide", RULES, "-s", WITHOUT_AID, "--date", "2020-03-01")
    assert code == 0
    assert "test.aide = vrai" in out
    assert "Aucune réponse" not in out


def test_ask_stops_at_once_when_nothing_can_decide(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(monkeypatch)
    code, out, _ = cli("ask", "test.montant", RULES, "-s", SITUATION, "--date", "2021-08-01")
    assert code == 0
    assert "?" not in "".join(line[-1:] for line in out.splitlines())
    assert out.splitlines()[2:5] == [
        "test.montant est non couvert au 01/08/2021 — la base de règles s'arrête au 30/06/2021 "
        "(Loi test, art. 2)",
        "",
        "Aucune réponse ne peut plus la décider : la base de règles doit être complétée.",
    ]


def test_check_warns_for_what_stops_being_covered_within_six_months(cli: Cli) -> None:
    code, out, err = cli("check", RULES, "--date", "2021-03-01")
    assert code == 0
    assert out == (
        "✓ 1 fichier : 2 données, 3 paramètres, 2 règles dont 2 conclusions — aucune erreur, "
        "1 avertissement (couverture vérifiée au 01/03/2021)\n"
    )
    assert err == (
        f"{RULES}:34:3: warning[W701]: « test.taux » n'est couvert que jusqu'au 30/06/2021 "
        "(Loi test, art. 2)\n"
        "   34 |   10 % du 2020-01-01 au 2021-06-30\n"
        "      |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        "   = aide : ajoutez la version en vigueur à partir du 01/07/2021 ; si l'article a été "
        "abrogé, dites-le : « § Loi test, art. 2 | depuis 2021-07-01 (abrogé par …) »\n"
        "   = note : 1 conclusion en dépend : test.montant\n"
        "\n"
        "1 avertissement\n"
    )


def test_check_before_the_horizon_is_clean_and_an_abrogation_is_no_gap(cli: Cli) -> None:
    code, out, err = cli("check", RULES, "--date", "2020-12-01")
    assert (code, err) == (0, "")
    assert out.endswith("— aucune erreur\n")
    _, _, err = cli("check", RULES, "--date", "2030-01-01")
    assert "test.plafond" not in err  # its article is abrogated the day after
    assert err.count("warning[W701]") == 2


def test_check_of_the_whole_bundled_base_warns_about_its_gaps(cli: Cli) -> None:
    code, out, err = cli("check", "--date", "2026-12-01")
    assert code == 0
    assert "warning[W701]" in err
    assert "avertissement" in out and out.endswith("(couverture vérifiée au 01/12/2026)\n")


def test_check_of_one_file_warns_only_about_that_file(cli: Cli) -> None:
    _, _, err = cli("check", "regles/revalorisation.alinea", "--date", "2026-12-01")
    assert "regles/revalorisation.alinea:" in err and "warning[W701]" in err
    _, out, err = cli("check", "regles/cmp.alinea", "--date", "2026-12-01")
    assert "warning[W701]" not in err
    assert out.endswith("— aucune erreur\n")


def test_check_default_date_is_today(cli: Cli) -> None:
    """Every value of the fixture ends before 2022: today, both are warned about."""
    code, out, err = cli("check", RULES)
    assert code == 0
    assert err.count("warning[W701]") == 2
    assert "(couverture vérifiée au " in out


def test_graph_draws_non_covered_nodes_apart_and_says_so(cli: Cli) -> None:
    code, out, _ = cli("graph", "test.montant", RULES, "-s", SITUATION, "--date", "2021-08-01")
    assert code == 0
    assert "⊘ non couvert (la base de règles n'a pas de version à cette date, coins coupés)" in out
    taux = next(line for line in out.splitlines() if 'URL="parametres/test.taux.html"' in line)
    assert 'style="filled,diagonals"' in taux
    assert 'color="#86198f"' in taux
    assert (
        '<B>⊘ non couvert — la base de règles s\'arrête<BR ALIGN="LEFT"/>au 30/06/2021 '
        "(Loi test, art. 2)</B>" in taux
    )


def test_graph_without_situation_says_why_a_value_is_missing(cli: Cli) -> None:
    code, out, _ = cli("graph", "test.montant", RULES, "--date", "2021-08-01")
    assert code == 0
    assert "non couvert — la base de règles s" in out
    assert "diagonals" not in out  # no situation, no outcome


def test_doc_pages_show_the_coverage(cli: Cli, tmp_path: Path) -> None:
    site = tmp_path / "site"
    code, _, _ = cli("doc", RULES, "-o", str(site), "--date", "2021-08-01")
    assert code == 0
    taux = (site / "parametres" / "test.taux.html").read_text(encoding="utf-8")
    assert "Couverture par la base de règles</h2>" in taux
    assert "Couvert par la base de règles du 01/01/2020 au 30/06/2021." in taux
    assert (
        "Au 01/08/2021, non couvert — la base de règles s&#39;arrête au 30/06/2021 "
        "(Loi test, art. 2)." in taux
    )
    assert "Non couvert après le 30/06/2021 (Loi test, art. 2)" in taux
    aide = (site / "regles" / "test.aide.html").read_text(encoding="utf-8")
    assert "Article Loi test, art. 1 créé le 01/01/2020 (création : loi n° 2019-1, art. 3)" in aide
    assert (
        "Article Loi test, art. 1 abrogé le 01/01/2023 (abrogé par la loi n° 2022-9, art. 1er) : "
        "depuis, non applicable." in aide
    )


def test_the_fixture_is_formatted(cli: Cli) -> None:
    code, _, _ = cli("fmt", "--check", RULES, f"{FIXTURE}/revision")
    assert code == 0
    assert (ROOT / RULES).exists()


def test_diff_at_two_dates_reports_a_value_that_becomes_non_covered(cli: Cli) -> None:
    code, out, _ = cli(
        "diff",
        "--dates",
        "2021-03-01",
        "2021-08-01",
        RULES,
        "--golden",
        f"{FIXTURE}/golden",
        "--json",
    )
    assert code == 1
    data = json.loads(out)
    [finding] = [
        f for c in data["behaviour"] for f in c["conclusions"] if f["conclusion"] == "test.montant"
    ]
    new = finding["witnesses"][0]["new"]
    assert (new["status"], new["gap"]) == (
        "non_couvert",
        "la base de règles s'arrête au 30/06/2021 (Loi test, art. 2)",
    )
