"""The embedding API: a loaded rule base that evaluates situations at dates."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dsl.errors import Diagnostic, UsageError
from ..dsl.limits import date_in_range, date_range_text
from .compiler.loader import load_program
from .compiler.program import Program
from .inputs import situation as situations
from .result import Result
from .runtime.evaluator import Evaluator

if TYPE_CHECKING:
    import pyarrow as pa

    from .sql.query import Query


def parse_date(value: datetime.date | str) -> datetime.date:
    """An evaluation date from a `date` or an ISO string, within the documented range; a
    clear error otherwise."""
    if isinstance(value, datetime.date):
        return checked_date(value)
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(
            [
                Diagnostic(
                    "U002",
                    f"date invalide « {value} »",
                    None,
                    "écrivez AAAA-MM-JJ, par exemple 2026-03-01",
                )
            ]
        ) from None
    return checked_date(day)


def checked_date(day: datetime.date) -> datetime.date:
    """`day`, if the law can be evaluated on it (U020 otherwise)."""
    if date_in_range(day):
        return day
    raise UsageError(
        [
            Diagnostic(
                "U020",
                f"date d'évaluation hors limites « {day.isoformat()} » : "
                f"les dates vont {date_range_text()}",
                None,
                "choisissez une date de cet intervalle, par exemple 2026-03-01",
            )
        ]
    )


class RuleBase:
    """A checked, compiled rule base. Build it with `load()`; it is safe to keep and reuse."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._evaluator = Evaluator(program)

    @property
    def conclusions(self) -> list[str]:
        """The public conclusions (declared `conclusion`), sorted by name."""
        return sorted(name for name, rule in self.program.rules.items() if rule.public)

    @property
    def rules(self) -> list[str]:
        return sorted(self.program.rules)

    @property
    def facts(self) -> list[str]:
        return sorted(self.program.facts)

    def facts_from(
        self, raw: Mapping[str, Any], path: str | None = None, text: str | None = None
    ) -> dict[str, object]:
        """Check and convert a raw situation; raises `SituationError` on any bad fact."""
        return situations.check(raw, self.program, path, text)

    def evaluate(
        self,
        situation: Mapping[str, Any],
        *,
        date: datetime.date | str,
        only: Iterable[str] | None = None,
    ) -> Result:
        """Evaluate the public conclusions (or `only` these rules) for a situation at a date.

        >>> rules = load()
        >>> result = rules.evaluate({"age": 34}, date="2026-03-01")
        >>> result["mon_soutien_psy.plafond_seances"].value
        12
        """
        facts = self.facts_from(situation)
        return self.evaluate_facts(facts, date=parse_date(date), only=only)

    def evaluate_facts(
        self, facts: Mapping[str, object], *, date: datetime.date, only: Iterable[str] | None = None
    ) -> Result:
        """Like `evaluate`, for facts already checked by `facts_from`."""
        names = self.resolve(only) if only is not None else self.conclusions
        ctx = self._evaluator.run(facts, checked_date(date), names)
        return Result(ctx, names, self.program)

    def query(
        self,
        *,
        date: datetime.date | str,
        only: Iterable[str] | None = None,
        columns: Iterable[str] | None = None,
    ) -> Query:
        """The rule base at `date` compiled into one SQL query over a table of situations
        (`engine/sql/layout.py`): `only` these rules, else the public conclusions; `columns`
        are the table's (default: every fact, no `id`). `query.sql("spark")` is its text."""
        from .sql.query import compile_query

        names = self.resolve(only) if only is not None else self.conclusions
        given = self.facts if columns is None else list(columns)
        return compile_query(self.program, parse_date(date), names, given)

    def facts_read(
        self, *, date: datetime.date | str, only: Iterable[str] | None = None
    ) -> list[str]:
        """The facts that `query(date=…, only=…)` reads, sorted: the columns of a
        population worth reading."""
        from .sql.assembly import facts_read

        names = self.resolve(only) if only is not None else self.conclusions
        return facts_read(self.program, parse_date(date), names)

    def sql(
        self,
        *,
        date: datetime.date | str,
        only: Iterable[str] | None = None,
        columns: Iterable[str] | None = None,
        dialect: str = "duckdb",
    ) -> str:
        """The text of `query(…)` for a SQL dialect of sqlglot (`duckdb`, `spark`…)."""
        return self.query(date=date, only=only, columns=columns).sql(dialect)

    def evaluate_table(
        self, table: pa.Table, *, date: datetime.date | str, only: Iterable[str] | None = None
    ) -> pa.Table:
        """Evaluate every row of an Arrow table of situations on DuckDB (one column per
        fact, a null cell an absent fact, an optional `id`): the conclusions' values,
        statuses and sources, one row per situation (`engine/sql/layout.py`). Every cell
        is checked first, as `alinea batch` checks a file (`PopulationError`). Pandas and
        Polars data frames convert to Arrow (`pa.Table.from_pandas`, `.to_arrow()`)."""
        from .sql.runner import run
        from .sql.schema import check

        check(self.program, table.schema)
        checked = _checked(self.program, table)
        return run(self.query(date=date, only=only, columns=checked.column_names), checked)

    def resolve(self, names: Iterable[str]) -> list[str]:
        """Check that each name is a rule; a usage error with a suggestion otherwise."""
        found = []
        problems = []
        for name in names:
            if name in self.program.rules:
                found.append(name)
                continue
            guess = difflib.get_close_matches(name, self.rules, n=1, cutoff=0.6)
            problems.append(
                Diagnostic(
                    "U001",
                    f"conclusion inconnue « {name} »",
                    None,
                    f"vouliez-vous dire « {guess[0]} » ?"
                    if guess
                    else "voir « alinea eval » pour la liste",
                )
            )
        if problems:
            raise UsageError(problems)
        return found


def load(paths: str | Path | Sequence[str | Path] | None = None, *, cache: bool = True) -> RuleBase:
    """Load, check and compile a rule base: the bundled one, or the given files and folders.

    Raises `RuleError` with every diagnostic when the rules are wrong.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    return RuleBase(load_program(paths, cache=cache))


def _checked(program: Program, table: pa.Table) -> pa.Table:
    """`table` with every cell checked as `alinea batch` checks a Parquet file (an
    enumeration value outside the list, a number outside the language's limits: P023–P026,
    naming the column, the row from 1 and the value), in the layout of the SQL back end."""
    import pyarrow as pa

    from .population import checking, reading
    from .population.formats import Format

    numbers = pa.array(range(1, table.num_rows + 1), pa.int64())
    raw = reading.Raw(Path("table"), Format.PARQUET, table.append_column(reading.ROW, numbers))
    return checking.check(raw, program)
