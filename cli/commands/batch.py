"""`alinea batch POPULATION -o SORTIE [--rules CHEMINS] [--date D] [--only NOM…]
[--moteur duckdb|spark]`: every row of a population evaluated by the rule base compiled to
SQL, the results written to SORTIE (Parquet, CSV or JSONL), and a summary: rows, conclusions,
how many rows of each status for each conclusion, time. `--sql DIALECTE` prints the query
instead (for Spark on a cluster: docs/batch.md).

Before any work: the output path, the options, the rule base, every cell of the population
(`engine.population.checking`) and the translation of every rule (P001–P019) are checked;
the output is written to a temporary file that takes SORTIE's place only when complete.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import re
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ...dsl.errors import Diagnostic, UsageError
from ...dsl.limits import grouped
from ...engine import RuleBase
from ...engine.domain.values import french_date
from ...engine.population import checking, execution, formats, in_place, reading, writing
from ...engine.population.execution import Engine
from ...engine.sql import layout
from ...engine.sql.stored import Stored
from .. import common
from ..progress import Progress


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Évalue chaque ligne d'une population (Parquet, CSV ou JSONL : une "
        "colonne par fait, une cellule vide pour un fait inconnu, une colonne « id » "
        "facultative) par la base de règles traduite en SQL, écrit pour chaque conclusion "
        "sa valeur, son statut et sa source, et résume les statuts."
    )
    parser.add_argument("population", nargs="?", metavar="POPULATION", help="le fichier lu")
    add_options(parser)
    parser.add_argument("-o", "--output", metavar="SORTIE", help="fichier des résultats")
    parser.add_argument(
        "--moteur",
        choices=[engine.value for engine in Engine],
        default=Engine.DUCKDB.value,
        help="duckdb (par défaut, intégré) ou spark (pyspark, extra alinea[spark])",
    )
    parser.add_argument(
        "--memoire",
        metavar="TAILLE",
        help="la mémoire que DuckDB garde pour ses tables (500Mo, 2Go, 1GiB…), le reste "
        "écrit sur disque (par défaut : 80 %% de celle de la machine)",
    )
    parser.add_argument(
        "--sql",
        metavar="DIALECTE",
        help="afficher la requête SQL pour ce dialecte (duckdb, spark…) sans l'exécuter",
    )
    parser.set_defaults(run=run)


def add_options(parser: argparse.ArgumentParser) -> None:
    """--rules, --date and --only, shared with the population diff."""
    parser.add_argument(
        "--rules",
        nargs="+",
        metavar="CHEMIN",
        help="fichiers .alinea ou dossiers (par défaut : ./regles s'il existe, sinon la base "
        "fournie)",
    )
    common.add_date(parser)
    parser.add_argument("--only", nargs="+", metavar="NOM", help="n'évaluer que ces règles")


def run(arguments: argparse.Namespace) -> int:
    if arguments.sql is not None:
        return _print_sql(arguments)
    if arguments.population is None or arguments.output is None:
        raise _usage("donnez la population et le fichier des résultats : POPULATION -o SORTIE")
    formats.of(arguments.population)
    formats.of(arguments.output, "-o")
    common.output(arguments.output)
    if Path(arguments.output).resolve() == Path(arguments.population).resolve():
        raise _usage("-o : c'est le fichier de la population ; choisissez un autre fichier")
    engine = Engine(arguments.moteur)
    memory = None if arguments.memoire is None else _memory(arguments.memoire, engine)
    if engine is Engine.SPARK:
        from ...engine.population import spark

        spark.check()
    base = rules(arguments)
    day = common.evaluation_date(arguments)
    names = base.resolve(arguments.only) if arguments.only else base.conclusions
    clock = Clock()
    with Progress("lecture et vérification") as progress:
        facts = base.facts_read(date=day, only=names)
        table = situations(base, arguments.population, engine, facts)
        clock.lap("lecture et vérification")
        progress.step("traduction en SQL")
        query = base.query(date=day, only=names, columns=table.column_names)
        clock.lap("traduction en SQL")
        progress.rows(table.num_rows)
        progress.step("calcul")
        counts = {name: Counter[str]() for name in names}
        with writing.writer(arguments.output) as write:
            for part in clock.timed(execution.parts(query, table, engine, memory=memory), "calcul"):
                count(part, counts)
                progress.step("écriture")
                with clock.step("écriture"):
                    write(part)
                progress.advance(part.num_rows)
                progress.step("calcul")
    print(summary(arguments.population, arguments.output, table.num_rows, day, engine, counts))
    print(clock.text())
    return 0


def rules(arguments: argparse.Namespace) -> RuleBase:
    arguments.paths = arguments.rules
    return common.rules(arguments)


def situations(
    base: RuleBase, path: str, engine: Engine, facts: Collection[str]
) -> pa.Table | Stored:
    """The population at `path`, checked (P020–P028); a Parquet file already in the layout
    is read by DuckDB where it lies (`Stored`), so that its rows are not held in memory
    while the query runs; when one aggregate over it tells that every cell passes
    (`in_place`), it is not even read before the query."""
    if engine is Engine.DUCKDB:
        stored = in_place.stored(path, base.program, facts)
        if stored is not None:
            return stored
    found = checking.checked(reading.read(path, base.program, facts), base.program)
    if engine is not Engine.DUCKDB or not found.as_read:
        return found.table
    return Stored.of(Path(path), found.table)


def _print_sql(arguments: argparse.Namespace) -> int:
    base = rules(arguments)
    day = common.evaluation_date(arguments)
    columns = None
    if arguments.population is not None:
        columns = reading.read(arguments.population, base.program).columns
    query = base.query(date=day, only=arguments.only, columns=columns)
    print(query.sql(arguments.sql, pretty=True))
    return 0


def count(part: pa.Table, counts: dict[str, Counter[str]]) -> None:
    """Add the statuses of one part of the results to `counts`."""
    for name, found in counts.items():
        statuses = pc.value_counts(part.column(layout.status_column(name)))
        for value, number in zip(
            statuses.field("values").to_pylist(), statuses.field("counts").to_pylist(), strict=True
        ):
            found[str(value)] += number


STATUSES = [status.value for status in layout.Status]


def summary(
    population: str,
    output: str,
    rows: int,
    day: datetime.date,
    engine: Engine,
    counts: dict[str, Counter[str]],
) -> str:
    """What a batch did: rows, conclusions, the statuses of each conclusion (the columns of
    the statuses no row has are left out)."""
    shown = [s for s in STATUSES if any(c[s] for c in counts.values())] or STATUSES[:1]
    width = max([len("conclusion"), *(len(name) for name in counts)]) + 2
    lines = [
        f"{population} : {_rows(rows)}, {len(counts)} conclusion{'s' if len(counts) > 1 else ''}"
        f" au {french_date(day)} ({engine.value})",
        f"résultats : {output}",
        "",
        f"{'conclusion':<{width}}" + "".join(f"{status:>16}" for status in shown),
    ]
    for name, found in counts.items():
        lines.append(f"{name:<{width}}" + "".join(f"{grouped(found[s]):>16}" for s in shown))
    return "\n".join(lines)


def _rows(number: int) -> str:
    return f"{grouped(number)} ligne{'s' if number > 1 else ''}"


class Clock:
    """The time of each step of a batch, and in all."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.steps: dict[str, float] = {}

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.steps[step] = self.steps.get(step, 0.0) + now - self.last
        self.last = now

    @contextlib.contextmanager
    def step(self, step: str) -> Iterator[None]:
        self.last = time.perf_counter()
        yield
        self.lap(step)

    def timed(self, parts: Iterable[pa.Table], step: str) -> Iterator[pa.Table]:
        """The items of `parts`, the time spent producing them counted under `step`."""
        iterator = iter(parts)
        while True:
            with self.step(step):
                item = next(iterator, None)
            if item is None:
                return
            yield item

    def text(self) -> str:
        total = time.perf_counter() - self.start
        steps = " · ".join(f"{step} {_seconds(value)}" for step, value in self.steps.items())
        return f"temps : {steps} · en tout {_seconds(total)}"


_SIZE = re.compile(r"(\d+(?:[.,]\d+)?) ?([kKMGT])(i?)[oB]")
_POWERS = {"k": 1, "K": 1, "M": 2, "G": 3, "T": 4}
LEAST = 100_000_000


def _memory(text: str, engine: Engine) -> int:
    """`--memoire` in bytes (P034): a number and a unit, decimal (Mo, MB) or binary (Mio,
    MiB), at least `LEAST`."""
    found = _SIZE.fullmatch(text.strip())
    problem = None
    if engine is Engine.SPARK:
        problem = "--memoire est la mémoire de DuckDB ; celle de Spark se règle dans Spark"
    elif found is None:
        problem = f"--memoire : taille illisible « {text} » ; attendu : un nombre et une unité"
    else:
        number, unit, binary = found.groups()
        size = int(float(number.replace(",", ".")) * (1024 if binary else 1000) ** _POWERS[unit])
        if size >= LEAST:
            return size
        problem = f"--memoire : {text}, c'est trop peu ; il faut au moins 100 Mo"
    hint = "par exemple --memoire 2Go (ou 500Mo, 1GiB)"
    raise UsageError([Diagnostic("P034", problem, None, hint)])


def _seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def _usage(message: str) -> UsageError:
    return UsageError([Diagnostic("P031", message, None, "voir « alinea batch --help »")])
