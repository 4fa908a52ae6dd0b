"""The compiled query on Spark SQL: `query.sql("spark")` over the population as a temporary
view, in a local session (`local[2]`, this machine's cores) or any master Spark is given.

pyspark is the optional extra `alinea[spark]`; it needs Java 17 or later. Without either,
the error says what to install (P029, P030) before any work. The population has been
checked and converted by `checking` (DuckDB) already: Spark reads the same columns,
written to Parquet, so both engines evaluate the very same values. To run on a real
cluster, submit the SQL text instead (docs/batch.md, « Sur un cluster Spark »).
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ...dsl.errors import AlineaError, Diagnostic, UsageError
from ..sql import layout, runner
from ..sql.query import Query

MASTER = "local[2]"
LOGGING = Path(__file__).with_name("log4j2.properties")
SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.sql.session.timeZone": "UTC",
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{LOGGING}",
    "spark.driver.memory": "4g",
}


def available() -> str | None:
    """Why Spark cannot run here (no pyspark, no Java), or None when it can."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark"
    if os.environ.get("JAVA_HOME") is None and shutil.which("java") is None:
        return "java"
    return None


def _missing(what: str) -> UsageError:
    if what == "pyspark":
        return UsageError(
            [
                Diagnostic(
                    "P029",
                    "--moteur spark : pyspark n'est pas installé",
                    None,
                    "installez l'extra : pip install 'alinea[spark]'",
                )
            ]
        )
    return UsageError(
        [
            Diagnostic(
                "P030",
                "--moteur spark : Java est introuvable (ni java sur le PATH, ni JAVA_HOME)",
                None,
                "Spark demande Java 17 ou plus : apt-get install openjdk-17-jre-headless",
            )
        ]
    )


@functools.cache
def session(master: str = MASTER) -> Any:
    """One Spark session per process and master (starting one takes seconds)."""
    missing = available()
    if missing is not None:
        raise _missing(missing)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName("alinea batch")
    for key, value in SETTINGS.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def check() -> None:
    """Raise the error that says what to install, before any work, if Spark cannot run."""
    missing = available()
    if missing is not None:
        raise _missing(missing)


class Views:
    """The `completion.Engine` of a Spark session: each table of the plan is a temporary
    view over a checkpointed result (computed once, its lineage cut, so that a step
    reading the view it replaces reads the rows of the step before)."""

    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self.names: set[str] = set()

    def materialize(self, name: str, sql: str) -> int:
        return self._keep(name, self.spark.sql(sql))

    def rows(self, sql: str) -> list[tuple[object, ...]]:
        return [tuple(row) for row in self.spark.sql(sql).collect()]

    def drop(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)
        self.names.discard(name)

    def _keep(self, name: str, frame: Any) -> int:
        kept = frame.localCheckpoint(eager=True)
        kept.createOrReplaceTempView(name)
        self.names.add(name)
        return int(kept.count())


def run(query: Query, table: pa.Table, master: str = MASTER) -> pa.Table:
    """The output of `query` over `table` on Spark: the very steps of the DuckDB runner,
    completion included, in the layout's schema (the statuses and sources as dictionaries).
    The rows go to Spark and come back as Parquet files in a temporary folder, never through
    the driver: a million rows of every conclusion, collected, ran it out of memory."""
    spark = session(master)
    views = Views(spark)
    with tempfile.TemporaryDirectory(prefix="alinea-spark-") as work:
        source, target = Path(work) / "situations.parquet", Path(work) / "resultats"
        pq.write_table(runner.numbered(table, query.facts), source)
        try:
            spark.read.parquet(str(source)).createOrReplaceTempView(layout.TABLE)
            views.names.add(layout.TABLE)
            result = spark.sql(runner.completed(query, views, "spark"))
            result.write.parquet(str(target))
        except Exception as error:  # Py4JJavaError and the like: the JVM's, not a bug of ours
            raise _failed(error) from None
        finally:
            for name in views.names:
                spark.catalog.dropTempView(name)
        found = _written(target)
    return runner.decoded(query, found)


def _written(folder: Path) -> pa.Table:
    """The rows Spark wrote to `folder`, in their order: a sorted result is written one
    range of rows per file, the files numbered in the order of the ranges."""
    files = sorted(folder.glob("part-*.parquet"))
    schema = pq.read_schema(files[0])
    return pa.concat_tables([pq.read_table(file, schema=schema) for file in files])


def parts(query: Query, table: pa.Table, part_rows: int) -> Iterator[pa.Table]:
    """`run` over the whole table (Spark splits the work itself), then its output a part of
    `part_rows` rows at a time, for the writer."""
    found = run(query, table)
    for start in range(0, max(found.num_rows, 1), part_rows):
        yield found.slice(start, part_rows)


def _failed(error: Exception) -> AlineaError:
    """Spark's own error, on one line: its cause is in the JVM (memory, configuration)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    causes = [line for line in lines if line.startswith("Caused by:")]
    detail = (causes[-1].removeprefix("Caused by:").strip() if causes else "") or (
        lines[0] if lines else type(error).__name__
    )
    return AlineaError(
        [
            Diagnostic(
                "P033",
                f"--moteur spark : Spark a échoué : {detail}"[:500],
                None,
                "voir la configuration de Spark (spark.driver.memory, spark.executor.memory)",
            )
        ]
    )
