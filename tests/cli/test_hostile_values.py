"""Numbers, dates and durations out of range, through the CLI: a located error naming the value
and the range — from `alinea check` for the rules, from the situation checker for situations,
as a usage error for the command line, as an evaluation error for a calculation that leaves
the limits — never a Python exception (ALINEA_DEBUG makes one fail the test)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import hostile_inputs as hostile
from tests.conftest import LOCAL_RULES, Cli

HOSTILE = Path("tests/fixtures/hostile/valeurs")
RULES = str(HOSTILE / "regles")
SITUATIONS = HOSTILE / "situations"
OUT_OF_RANGE = HOSTILE / "hors-limites"
DAY = ("--date", "2026-03-01")
LIMITS_HINT = "   = aide : les limites des valeurs sont décrites dans docs/langage.md, « Limites »"
DURATIONS = "une durée d'au plus 1 000 ans (12 000 mois, 365 250 jours ou 8 766 000 heures)"
DATES = "du 1800-01-01 au 2199-12-31"
CALENDAR_HINT = (
    "   = aide : les dates calculées vont de l'an 1 à l'an 9999 ; "
    "vérifiez les durées et les dates données"
)


@pytest.fixture(autouse=True)
def internal_errors_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALINEA_DEBUG", "1")


def evaluate(cli: Cli, situation: str, *only: str) -> tuple[int, str, str]:
    extra = ("--only", *only) if only else ()
    return cli("eval", RULES, "-s", str(SITUATIONS / situation), *DAY, *extra)


# ---------------------------------------------------------------- situations


@pytest.mark.parametrize("written", ["P9999Y", "P99999999999Y"])
def test_a_duration_of_thousands_of_years_names_the_fact_the_value_and_the_range(
    cli: Cli, written: str
) -> None:
    name = f"delai-{written[1:-1]}-ans.json"
    path = SITUATIONS / name
    assert evaluate(cli, name) == (
        1,
        "",
        f'{path}:1:2: error[S131]: valeur hors limites pour « delai » : "{written}" ; '
        f"attendu : {DURATIONS}\n"
        f'   1 | {{"delai": "{written}"}}\n'
        "     |  ^^^^^^^\n"
        f"{LIMITS_HINT}\n\n1 erreur\n",
    )


@pytest.mark.parametrize(
    "name, text, fact, expected",
    [
        (
            "revenu.json",
            '{"revenu": ' + "1" * 5000 + "}\n",
            "revenu",
            "un montant d'au plus 15 chiffres avant la virgule",
        ),
        (
            "fois.yaml",
            "fois: " + "1" * 5000 + "\n",
            "fois",
            "un nombre entier d'au plus 15 chiffres",
        ),
    ],
)
def test_a_5000_digit_number_in_a_situation_is_out_of_range_not_a_conversion_error(
    cli: Cli, tmp_path: Path, name: str, text: str, fact: str, expected: str
) -> None:
    situation = hostile.write(tmp_path, name, text)
    code, out, err = cli("eval", RULES, "-s", str(situation), *DAY)
    assert (code, out) == (1, "")
    column = 2 if name.endswith(".json") else 1
    assert err.splitlines()[0] == (
        f"{situation}:1:{column}: error[S131]: valeur hors limites pour « {fact} » : "
        f'"{"1" * 78}… ; attendu : {expected}'  # kept as written, cut at 80 characters
    )
    assert err.splitlines()[3:] == [LIMITS_HINT, "", "1 erreur"]


def test_an_exponent_of_a_billion_is_out_of_range_as_written(cli: Cli) -> None:
    code, _, err = evaluate(cli, "ratio-exposant-enorme.json")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{SITUATIONS / 'ratio-exposant-enorme.json'}:1:2: error[S131]: valeur hors limites "
        'pour « ratio » : "1e999999999" ; attendu : un nombre d\'au plus 15 chiffres avant la '
        "virgule et 12 après"
    )


@pytest.mark.parametrize(
    "name, column, shown",
    [("debut-an-1.json", 2, '"0001-01-01"'), ("debut-an-9999.yaml", 1, '"9999-12-31"')],
)
def test_a_date_of_the_year_1_or_9999_in_a_situation_is_out_of_range(
    cli: Cli, name: str, column: int, shown: str
) -> None:
    code, _, err = evaluate(cli, name)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{SITUATIONS / name}:1:{column}: error[S131]: valeur hors limites pour « debut » : "
        f"{shown} ; attendu : une date {DATES}"
    )


def test_values_at_every_limit_are_accepted_and_evaluated(cli: Cli) -> None:
    code, out, err = evaluate(cli, "aux-limites.json", "fin", "quote_part", "tiers")
    assert (code, err) == (0, "")
    code, out, err = cli(
        "eval", RULES, "-s", str(SITUATIONS / "aux-limites.json"), *DAY, "--json", "--only",
        "fin", "quote_part", "tiers",
    )  # fmt: skip
    values = {name: c["value"] for name, c in json.loads(out)["conclusions"].items()}
    assert values == {
        "fin": "3199-12-31",
        "quote_part": "1000.00",
        "tiers": "333333333333333.333333333333",
    }


# ---------------------------------------------------------------- calculations on valid values


def test_a_date_plus_a_multiplied_duration_leaving_the_calendar_names_the_rule(cli: Cli) -> None:
    assert evaluate(cli, "fin-hors-calendrier.json", "fin") == (
        1,
        "",
        f"{RULES}/calendrier.alinea:15:5: error[V002]: dans « fin », « debut + delai * fois » "
        "sort du calendrier (31/12/2199 + 8000 ans)\n"
        "   15 |   = debut + delai * fois\n"
        "      |     ^^^^^^^^^^^^^^^^^^^^\n"
        f"{CALENDAR_HINT}\n\n1 erreur\n",
    )


def test_a_duration_laid_back_before_the_year_1_names_the_rule(cli: Cli) -> None:
    code, _, err = evaluate(cli, "long-avant-an-1.json", "long")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{RULES}/calendrier.alinea:18:5: error[V002]: dans « long », « delai * fois > 3 mois » "
        ": une durée posée à rebours du 2026-03-01 remonte avant l'an 1 (3000 ans ; 3 mois)"
    )
    assert err.splitlines()[3] == CALENDAR_HINT


def test_a_product_past_the_largest_number_names_the_rule_and_the_value(cli: Cli) -> None:
    code, _, err = evaluate(cli, "carre-trop-grand.json", "carre")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{RULES}/calendrier.alinea:21:5: error[V003]: dans « carre », « fois * fois » vaut "
        "999 999 999 999 998 000 000 000 000 001 ; un résultat reste en deçà de "
        "1 000 000 000 000 000 en valeur absolue"
    )


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize(
    "name, line, column, message",
    [
        (
            "duree-9999-ans.alinea",
            7,
            17,
            f"error[E322]: durée hors limites « 9999 ans » ; attendu : {DURATIONS}",
        ),
        (
            "lendemain-de-9999.alinea",
            5,
            5,
            f"error[E323]: date hors limites « 9999-12-31 » : les dates vont {DATES}",
        ),
        (
            "periode-an-1.alinea",
            1,
            1,
            f"error[E323]: date hors limites « 0001-01-01 » : les dates vont {DATES}",
        ),
        ("duree-non-entiere.alinea", 7, 17, "error[E321]: durée non entière « 1.5 mois »"),
    ],
)
def test_a_rule_literal_out_of_range_is_found_by_check(
    cli: Cli, name: str, line: int, column: int, message: str
) -> None:
    code, out, err = cli("check", str(OUT_OF_RANGE / name))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"{OUT_OF_RANGE / name}:{line}:{column}: {message}"
    assert err.endswith("\n1 erreur\n")


def test_a_5000_digit_parameter_is_refused_by_check(cli: Cli, tmp_path: Path) -> None:
    text = "§ Limites | depuis 1900-01-01\n> Texte de test.\n\nparamètre plafond : montant\n"
    path = hostile.write(tmp_path, "r.alinea", text + f"  {'1' * 5000} € depuis 1900-01-01\n")
    code, out, err = cli("check", str(path))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{path}:5:3: error[E320]: nombre hors limites « 111111111111… € » (5000 caractères) ; "
        "attendu : un montant d'au plus 15 chiffres avant la virgule"
    )


def test_9999_years_in_a_rule_is_reported_with_its_excerpt_and_hint(cli: Cli) -> None:
    path = OUT_OF_RANGE / "duree-9999-ans.alinea"
    assert cli("check", str(path)) == (
        1,
        "",
        f"{path}:7:17: error[E322]: durée hors limites « 9999 ans » ; attendu : {DURATIONS}\n"
        "   7 |   = residence > 9999 ans\n"
        "     |                 ^^^^^^^^\n"
        f"{LIMITS_HINT}\n\n1 erreur\n",
    )


# ---------------------------------------------------------------- the command line


def usage_error(day: str, base: str = "") -> tuple[int, str, str]:
    """The usage error, after the line naming the rule base when the command read it."""
    return (
        2,
        "",
        f"{base}error[U020]: date d'évaluation hors limites « {day} » : les dates vont {DATES}\n"
        "   = aide : choisissez une date de cet intervalle, par exemple 2026-03-01\n\n"
        "1 erreur\n",
    )


VISIO = ("-s", "examples/premiere-seance-visio.json")
COMMANDS = {
    "eval": ("eval", *VISIO),
    "explain": ("explain", "mon_soutien_psy.eligible", *VISIO),
    "ask": ("ask", "mon_soutien_psy.eligible", *VISIO),
    "graph": ("graph", "mon_soutien_psy.eligible"),
    "doc": ("doc", "-o", "{tmp}/site"),
    "diff": ("diff", "regles", "regles"),
}


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1799-12-31", "2200-01-01"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_date_out_of_range_is_a_usage_error_on_every_command(
    cli: Cli, tmp_path: Path, command: str, day: str
) -> None:
    arguments = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    base = "" if command == "diff" else LOCAL_RULES  # diff is given its paths
    assert cli(*arguments, "--date", day) == usage_error(day, base)


def test_diff_dates_outside_the_range_are_a_usage_error(cli: Cli) -> None:
    assert cli("diff", "--dates", "0001-01-01", "9999-12-31") == usage_error("0001-01-01")
    assert cli("diff", "--dates", "2026-01-01", "9999-12-31") == usage_error("9999-12-31")


@pytest.mark.parametrize(
    ("day", "shown"), [("1800-01-01", "1er janvier 1800"), ("2199-12-31", "31 décembre 2199")]
)
def test_the_first_and_last_dates_of_the_range_are_evaluated(
    cli: Cli, day: str, shown: str
) -> None:
    code, out, err = cli("eval", *VISIO, "--date", day, "--only", "mon_soutien_psy.eligible")
    assert (code, err) == (0, LOCAL_RULES)
    assert out.splitlines()[0] == f"Droit applicable au {shown}"


def test_a_golden_case_dated_out_of_range_is_located_at_its_date(cli: Cli, tmp_path: Path) -> None:
    case = hostile.write(
        tmp_path, "cas.yaml", "date: 0001-01-01\nfaits: {age: 30}\nattendu: {r: vrai}\n"
    )
    code, out, _ = cli("test", str(case))
    assert code == 1
    assert (
        f"  {case}:1:1: error[S132]: date d'évaluation hors limites « 0001-01-01 » : "
        f"les dates vont {DATES}"
    ) in out.splitlines()


def test_diff_never_lays_durations_back_out_of_the_calendar(cli: Cli) -> None:
    """The boundary search shifts each date by each duration of the rules, the shifts adding
    up; the symbolic encoding computes constant dates: both stop at the calendar's ends."""
    code, out, err = cli("diff", str(HOSTILE / "diff/avant"), str(HOSTILE / "diff/apres"), *DAY)
    assert (code, err) == (1, "")
    assert (
        "recul : aucun témoin — recherche valeurs limites (toutes les combinaisons), non "
        "exhaustive (encodage symbolique impossible : date symbolique plus une durée en mois)"
    ) in out.splitlines()
    assert (
        "constante : aucun témoin — recherche valeurs limites (toutes les combinaisons), non "
        "exhaustive (encodage symbolique impossible : date qui sort du calendrier)"
    ) in out.splitlines()
