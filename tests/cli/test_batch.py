"""`alinea batch` and `alinea explain --population … --ligne N`: options, errors before any
work, and the row explained as the batch read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alinea.engine.population import spark
from tests.conftest import LOCAL_RULES, ROOT, Cli

POPULATION = "tests/cli/fixtures/population/quarante"
INVALID = "tests/engine/fixtures/population/valeurs.csv"


def test_the_population_and_the_output_are_both_needed(cli: Cli) -> None:
    assert cli("batch", f"{POPULATION}.parquet") == (
        2,
        "",
        "error[P031]: donnez la population et le fichier des résultats : POPULATION -o SORTIE\n"
        "   = aide : voir « alinea batch --help »\n\n1 erreur\n",
    )


def test_the_output_cannot_be_the_population(cli: Cli) -> None:
    code, _, err = cli("batch", f"{POPULATION}.csv", "-o", f"{POPULATION}.csv")
    assert code == 2
    assert err.startswith(
        "error[P031]: -o : c'est le fichier de la population ; choisissez un autre fichier\n"
    )


def test_an_unknown_output_format_is_refused_before_any_work(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("batch", f"{POPULATION}.csv", "-o", str(tmp_path / "r.xlsx"))
    assert code == 2
    assert err.startswith(f"error[P020]: -o : format inconnu pour « {tmp_path / 'r.xlsx'} »\n")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_population_is_reported_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "r.parquet"
    code, out, err = cli("batch", INVALID, "-o", str(output), "--date", "2026-03-01")
    assert (code, out) == (1, "")
    assert err.startswith(
        LOCAL_RULES + f"error[P024]: {INVALID}, colonne « age », ligne 2 : valeur invalide "
        '"trente" ; attendu : un nombre entier\n'
    )
    assert err.endswith("\n7 erreurs\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (
            "pyspark",
            "error[P029]: --moteur spark : pyspark n'est pas installé\n"
            "   = aide : installez l'extra : pip install 'alinea[spark]'\n",
        ),
        (
            "java",
            "error[P030]: --moteur spark : Java est introuvable (ni java sur le PATH, ni "
            "JAVA_HOME)\n   = aide : Spark demande Java 17 ou plus : apt-get install "
            "openjdk-17-jre-headless\n",
        ),
    ],
)
def test_spark_says_what_to_install_before_any_work(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str, expected: str
) -> None:
    monkeypatch.setattr(spark, "available", lambda: missing)
    output = tmp_path / "r.parquet"
    code, out, err = cli("batch", INVALID, "-o", str(output), "--moteur", "spark")
    assert (code, out, err) == (2, "", expected + "\n1 erreur\n")
    assert not output.exists()


@pytest.mark.parametrize("extension", ["jsonl", "csv", "parquet"])
def test_explain_a_row_as_the_situation_it_stands_for(
    cli: Cli, tmp_path: Path, extension: str
) -> None:
    """Row 7 explained from the population reads as the same row given as a JSON situation:
    the conversion of a row is the exact inverse of the layout of the columns."""
    line = (ROOT / f"{POPULATION}.jsonl").read_text(encoding="utf-8").splitlines()[6]
    situation = tmp_path / "ligne7.json"
    situation.write_text(
        json.dumps({k: v for k, v in json.loads(line).items() if k != "id" and v is not None}),
        encoding="utf-8",
    )
    for name in ("css.droit", "mon_soutien_psy.seances_restantes", "ame.duree_droits"):
        alone = cli("explain", name, "-s", str(situation), "--date", "2026-03-01")
        code, out, err = cli(
            "explain",
            name,
            "--population",
            f"{POPULATION}.{extension}",
            "--ligne",
            "7",
            "--date",
            "2026-03-01",
        )
        assert (code, err) == (0, LOCAL_RULES)
        assert out == f"{POPULATION}.{extension}, ligne 7\n" + alone[1]


def test_explain_a_row_the_population_does_not_have(cli: Cli) -> None:
    code, _, err = cli(
        "explain", "css.droit", "--population", f"{POPULATION}.parquet", "--ligne", "41"
    )
    assert code == 2
    assert err == LOCAL_RULES + (
        f"error[P032]: --ligne 41 : la population {POPULATION}.parquet a 40 lignes\n"
        "   = aide : les lignes sont numérotées à partir de 1, dans l'ordre du fichier\n\n"
        "1 erreur\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--ligne", "3"], "--ligne va avec --population"),
        (
            ["-s", "x.json", "--population", "p.csv", "--ligne", "1"],
            "choisissez -s ou --population, pas les deux",
        ),
        (["--population", "p.csv"], "--ligne va avec --population"),
    ],
)
def test_explain_takes_one_situation(cli: Cli, arguments: list[str], message: str) -> None:
    code, _, err = cli("explain", "css.droit", *arguments)
    assert code == 2
    assert err.startswith(f"error[U006]: {message}")


ONLY = ["css.droit", "ame.duree_droits", "mon_soutien_psy.plafond_seances"]


@pytest.mark.parametrize("extension", ["parquet", "csv", "jsonl"])
def test_batch_writes_what_evaluate_table_gives(cli: Cli, tmp_path: Path, extension: str) -> None:
    """The results file of every format reads back to the results of the Python API, and the
    summary counts the statuses of each conclusion."""
    import pyarrow as pa

    from alinea.engine import load
    from alinea.engine.population import checking, reading, writing

    output = tmp_path / f"r.{extension}"
    code, out, err = cli(
        "batch", f"{POPULATION}.csv", "-o", str(output), "--date", "2026-03-01", "--only", *ONLY
    )
    assert (code, err) == (0, LOCAL_RULES)
    lines = out.splitlines()
    assert lines[:7] == [
        f"{POPULATION}.csv : 40 lignes, 3 conclusions au 1er mars 2026 (duckdb)",
        f"résultats : {output}",
        "",
        "conclusion                                 valeur         inconnu",
        "css.droit                                      28              12",
        "ame.duree_droits                               40               0",
        "mon_soutien_psy.plafond_seances                40               0",
    ]
    assert lines[7].startswith("temps : lecture et vérification ")
    rules = load(ROOT / "regles")
    table = checking.check(reading.read(ROOT / f"{POPULATION}.csv", rules.program), rules.program)
    expected = rules.evaluate_table(table, date="2026-03-01", only=ONLY)
    flat = writing.flattened(expected, for_csv=extension == "csv")
    if extension == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(output).to_pylist() == expected.to_pylist()
        return
    import duckdb

    connection = duckdb.connect()
    reader = connection.read_csv if extension == "csv" else connection.read_json
    back = reader(str(output)).to_arrow_table()
    assert back.column_names == flat.column_names
    assert [str(v) for v in back.column("ame.duree_droits").to_pylist()] == [
        str(v) for v in flat.column("ame.duree_droits").to_pylist()
    ]
    assert (
        back.column("css.droit.statut").to_pylist() == flat.column("css.droit.statut").to_pylist()
    )
    assert pa.types.is_string(flat.column("ame.duree_droits").type)


def test_the_population_diff_between_two_dates(cli: Cli) -> None:
    code, out, err = cli(
        "diff",
        "--dates",
        "2025-03-01",
        "2026-03-01",
        "--population",
        f"{POPULATION}.parquet",
        "--only",
        "css.droit",
        "mon_soutien_psy.plafond_seances",
    )
    assert (code, err) == (1, LOCAL_RULES)
    assert out.splitlines()[:6] == [
        f"alinea diff --population {POPULATION}.parquet : droit au 1er mars 2025 → droit au "
        "1er mars 2026",
        "",
        "40 lignes ; 1 conclusion sur 2 change",
        "",
        "mon_soutien_psy.plafond_seances : 40 lignes changent",
        "  8 → 12 : 40 lignes",
    ]
    assert out.endswith("inchangées (1) : css.droit\n")
    code, out, _ = cli(
        "diff",
        "--dates",
        "2026-03-01",
        "2026-03-01",
        "--population",
        f"{POPULATION}.csv",
        "--json",
        "--only",
        "css.droit",
    )
    assert code == 0
    assert json.loads(out)["inchangées"] == ["css.droit"]


def test_sql_prints_the_query_for_spark(cli: Cli) -> None:
    code, out, _ = cli(
        "batch",
        f"{POPULATION}.parquet",
        "--sql",
        "spark",
        "--date",
        "2026-03-01",
        "--only",
        "css.droit",
    )
    assert code == 0
    assert out.startswith("WITH")
    assert "FROM situations" in out and "`css.droit.statut`" in out


def test_the_population_diff_between_two_rule_bases(cli: Cli) -> None:
    """A reform that keeps the aid for households of six or more and pays ten euros a
    person: who loses it, who becomes unknown (no household size), and how much is lost."""
    folder = "tests/cli/fixtures/population"
    sides = [f"{folder}/ancien", f"{folder}/nouveau"]
    given = ["--population", f"{folder}/reforme.csv", "--date", "2026-03-01"]
    code, out, err = cli("diff", *sides, *given)
    assert (code, err) == (1, "")
    assert out == (ROOT / folder / "reforme.txt").read_text(encoding="utf-8")
    code, out, _ = cli("diff", *sides, *given, "--json")
    amounts = json.loads(out)["conclusions"][1]["montants"]
    assert amounts["pertes"] == {"lignes": 4, "somme": "210.00", "médiane": "40.00"}


def test_only_the_columns_the_conclusions_read_are_checked(cli: Cli, tmp_path: Path) -> None:
    """`css.droit` does not read `modalite_seance`: its bad value does not stop the batch,
    while a batch of every conclusion reports it."""
    population = "tests/cli/fixtures/population/hors_calcul.csv"
    output = tmp_path / "r.csv"
    day = ["--date", "2026-03-01"]
    code, _, err = cli("batch", population, "-o", str(output), *day, "--only", "css.droit")
    assert (code, err) == (0, LOCAL_RULES)
    header = '"id","css.droit","css.droit.statut","css.droit.source"'
    assert output.read_text().splitlines()[0] == header
    code, _, err = cli("batch", population, "-o", str(tmp_path / "tout.csv"), *day)
    assert (code, err) == (
        1,
        LOCAL_RULES + f"error[P025]: {population}, colonne « modalite_seance », ligne 2 : "
        'valeur hors de l\'énumération "telephone" ; attendu : une des valeurs presentiel, '
        "visio\n\n1 erreur\n",
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "beaucoup",
            "--memoire : taille illisible « beaucoup » ; attendu : un nombre et une unité",
        ),
        ("50Mo", "--memoire : 50Mo, c'est trop peu ; il faut au moins 100 Mo"),
    ],
)
def test_a_bad_memory_size_is_refused_before_any_work(
    cli: Cli, tmp_path: Path, given: str, message: str
) -> None:
    output = tmp_path / "r.parquet"
    code, out, err = cli("batch", f"{POPULATION}.csv", "-o", str(output), "--memoire", given)
    assert (code, out) == (2, "")
    assert err == (
        f"error[P034]: {message}\n   = aide : par exemple --memoire 2Go (ou 500Mo, 1GiB)\n"
        "\n1 erreur\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_memory_limit_gives_the_same_results(cli: Cli, tmp_path: Path) -> None:
    day = ["--date", "2026-03-01"]
    free, limited = tmp_path / "libre.csv", tmp_path / "limite.csv"
    assert cli("batch", f"{POPULATION}.parquet", "-o", str(free), *day)[0] == 0
    given = ["--memoire", "0,2GiB"]
    assert cli("batch", f"{POPULATION}.parquet", "-o", str(limited), *day, *given)[0] == 0
    assert limited.read_text() == free.read_text()
