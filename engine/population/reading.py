"""Reading a population file (Parquet, CSV, JSONL) with DuckDB, as it is, before checking.

Nothing is converted here: a CSV is read as text (every cell a string, an empty cell absent),
a JSONL file as the text of each top-level value and its JSON type (so that `"true"` and
`true` stay apart), a Parquet file with its own types. What is checked here is what can be
told before reading the rows: the file can be read, and every column names a fact (or is
`id`). The rows keep the file's order, and each gets its number (`ROW`, from 1), the one
messages and `alinea explain --ligne` use.
"""

from __future__ import annotations

import csv
import difflib
import os
from collections.abc import Collection, Sequence
from pathlib import Path

import attrs
import duckdb
import numpy as np
import pyarrow as pa

from ...dsl.errors import Diagnostic, PopulationError
from .. import files
from ..compiler.program import Program
from ..sql import layout
from .formats import Format
from .formats import of as format_of

ROW = "__ligne"
"""The column of row numbers (1 for the first situation) added to what was read."""

MAX_SHOWN = 50
HEADER_LIMIT = 1 << 20
"""A CSV header longer than this (a file that is not CSV) is not read for duplicates."""


@attrs.frozen
class Raw:
    """A population as read: its columns, the row numbers, and for a JSONL file the JSON
    type of each cell (`json_types[column]`: BOOLEAN, BIGINT, DOUBLE, VARCHAR…)."""

    path: Path
    format: Format
    table: pa.Table
    json_types: dict[str, pa.ChunkedArray] = attrs.field(factory=dict)

    @property
    def columns(self) -> list[str]:
        return [name for name in self.table.column_names if name != ROW]

    def only(self, facts: Collection[str]) -> Raw:
        """The same population without the columns that are neither `facts` nor `id`."""
        dropped = [n for n in self.columns if n != layout.ID and n not in facts]
        kept = {n: t for n, t in self.json_types.items() if n not in dropped}
        return Raw(self.path, self.format, self.table.drop_columns(dropped), kept)


def read(
    path: str | Path,
    program: Program | Sequence[Program],
    keep: Collection[str] | None = None,
) -> Raw:
    """The file at `path` as read, its column names checked against `program`'s facts
    (against the facts of any of them, when comparing rule bases); with `keep`, only the
    columns of those facts (and `id`) are read: the others are not fetched, nor checked
    beyond their names."""
    programs = [program] if isinstance(program, Program) else list(program)
    file = Path(path)
    connection = connect()
    try:
        relation = opened(connection, file, programs, keep)
        raw = _fetch(file, format_of(file), relation)
    except duckdb.Error as error:
        raise unreadable(file, detail(error)) from None
    finally:
        connection.close()
    return raw


def opened(
    connection: duckdb.DuckDBPyConnection,
    file: Path,
    programs: Sequence[Program],
    keep: Collection[str] | None = None,
) -> duckdb.DuckDBPyRelation:
    """The file as a relation of `connection`, nothing fetched, once what `read` checks
    before reading the rows holds (the caller turns DuckDB's errors into `unreadable`)."""
    format_ = format_of(file)
    _readable(file)
    header = _csv_header(file) if format_ is Format.CSV else None
    if header is not None:
        _check_names(file, header.names, programs)
    relation = _relation(connection, file, format_, header)
    if header is None:
        _check_names(file, list(relation.columns), programs)
    return relation if keep is None else _kept(relation, keep)


def _relation(
    connection: duckdb.DuckDBPyConnection, file: Path, format_: Format, header: Header | None
) -> duckdb.DuckDBPyRelation:
    name = str(file)
    if format_ is Format.PARQUET:
        return connection.read_parquet(name)
    if header is not None:  # DuckDB's own sniffing takes the longest row for the header
        return connection.read_csv(
            name,
            columns={column: "VARCHAR" for column in header.names},
            header=True,
            auto_detect=False,
            delimiter=header.delimiter,
            quotechar='"',
            escapechar='"',
        )
    return connection.read_json(name, format="newline_delimited", maximum_depth=1, sample_size=-1)


def _fetch(file: Path, format_: Format, relation: duckdb.DuckDBPyRelation) -> Raw:
    """The rows, in the file's order, numbered; a JSONL cell as its text and JSON type."""
    json_types: dict[str, pa.ChunkedArray] = {}
    if format_ is Format.JSONL:
        columns = list(relation.columns)
        expressions = []
        for index, name in enumerate(columns):
            cell = column(name)
            expressions.append(duckdb.FunctionExpression("json_extract_string", cell, _ROOT))
            expressions.append(duckdb.FunctionExpression("json_type", cell).alias(f"t{index}"))
        found = relation.select(*expressions).to_arrow_table()
        table = pa.table({name: found.column(2 * i) for i, name in enumerate(columns)})
        json_types = {name: found.column(2 * i + 1) for i, name in enumerate(columns)}
    else:
        table = relation.to_arrow_table()
    numbers = pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64))
    return Raw(file, format_, table.append_column(ROW, numbers), json_types)


_ROOT = duckdb.ConstantExpression("$")


def _kept(relation: duckdb.DuckDBPyRelation, keep: Collection[str]) -> duckdb.DuckDBPyRelation:
    """`relation` with only the columns of `keep` and `id` (all of them when it has none:
    the rows are still counted)."""
    kept = [name for name in relation.columns if name == layout.ID or name in keep]
    if not kept:
        return relation
    return relation.select(*(column(name) for name in kept))


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB without its progress bar (it would write over the command's own
    output on a terminal)."""
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    return connection


def column(name: str) -> duckdb.Expression:
    """A column by its name as the file writes it: `ColumnExpression` quotes it, so that a
    name with a dot (`css.droit`), a space or a quote is one column, never a path or SQL."""
    return duckdb.ColumnExpression(name)


def _readable(file: Path) -> None:
    """A clear error before DuckDB's when the file is missing, a folder or not readable."""
    cause = files.unreachable(file)
    found = files.entry(file)
    if cause is None and found is files.Entry.NONE:
        cause = "fichier introuvable"
    elif cause is None and found is files.Entry.FOLDER:
        cause = "c'est un dossier"
    elif cause is None and found is not files.Entry.FILE:
        cause = "ce n'est pas un fichier ordinaire"
    elif cause is None and not os.access(file, os.R_OK):
        cause = "permission refusée"
    if cause is not None:
        raise unreadable(file, cause)


def unreadable(file: Path, cause: str) -> PopulationError:
    hint = "une population est un fichier Parquet, CSV (avec une ligne d'en-tête) ou JSONL"
    return PopulationError(
        [Diagnostic("P021", f"population illisible « {file} » : {cause}", None, hint)]
    )


def detail(error: duckdb.Error) -> str:
    """DuckDB's reason, on one line (its messages are in English): its first line, and the
    line that says how many columns a CSV row has."""
    lines = [line.strip() for line in str(error).strip().splitlines()]
    kept = [
        line for i, line in enumerate(lines) if line and (i == 0 or line.startswith("Expected"))
    ]
    return f"lecture refusée par DuckDB ({' ; '.join(kept) or type(error).__name__})"


@attrs.frozen
class Header:
    names: list[str]
    delimiter: str


def _csv_header(file: Path) -> Header:
    """The names of a CSV header as written (duplicates kept, which DuckDB would rename)
    and its delimiter: a comma, a semicolon (French spreadsheets), a tab or a bar."""
    try:
        with file.open(encoding="utf-8-sig", newline="") as stream:
            line = stream.readline(HEADER_LIMIT)
    except UnicodeDecodeError:
        raise unreadable(file, "ce n'est pas un texte UTF-8") from None
    except OSError as error:
        raise unreadable(file, files.reason(error)) from None
    if not line.strip():
        raise unreadable(file, "pas de ligne d'en-tête (les noms des colonnes)")
    counts = {delimiter: line.count(delimiter) for delimiter in ",;\t|"}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    names = next(csv.reader([line], delimiter=delimiter, quotechar='"'))
    return Header([name.strip() for name in names], delimiter)


def _check_names(file: Path, names: list[str], programs: Sequence[Program]) -> None:
    """Every column is a fact or `id`, and no column is given twice (P022, P027)."""
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            problems.append(
                Diagnostic(
                    "P027",
                    f"{file} : colonne « {name} » donnée deux fois",
                    None,
                    "gardez une seule colonne par fait",
                )
            )
        seen.add(name)
        if name != layout.ID and not any(name in p.facts for p in programs):
            problems.append(_unknown_column(file, name, programs[-1]))
    if problems:
        raise PopulationError(_capped(problems))


def _unknown_column(file: Path, name: str, program: Program) -> Diagnostic:
    guess = difflib.get_close_matches(name, [*program.facts, layout.ID], n=1, cutoff=0.6)
    hint = (
        f"vouliez-vous dire « {guess[0]} » ?"
        if guess
        else "les faits possibles sont listés par « alinea doc » et dans VOCABULARY.md ; "
        "une colonne « id » identifie les lignes"
    )
    return Diagnostic(
        "P022", f"{file} : colonne inconnue « {name} » : ce n'est pas un fait", None, hint
    )


def _capped(problems: list[Diagnostic]) -> list[Diagnostic]:
    if len(problems) <= MAX_SHOWN:
        return problems
    more = len(problems) - MAX_SHOWN
    hint = f"seules les {MAX_SHOWN} premières erreurs de la population sont détaillées"
    return [*problems[:MAX_SHOWN], Diagnostic("P028", f"… et {more} autres erreurs", None, hint)]
