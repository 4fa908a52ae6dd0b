"""What a change of the rules (or of the date) does to a population: for each conclusion, how
many rows change and how (`css.droit : aucun → gratuite : 12 345 lignes`), the amounts gained
and lost for a montant, and a few example rows, each explainable by `alinea explain
--population F --ligne N`.

The two sides' results (`alinea batch`'s layout, one row per situation, in the same order)
are compared in DuckDB, one conclusion at a time over the columns of both sides laid side by
side (no join: the rows are the population's, in its order). Renderers live in
`visualize.population`; `to_json` is the contract of `alinea diff --population --json`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import duckdb
import pyarrow as pa

from ..engine.compiler.program import Program
from ..engine.domain.french import show
from ..engine.domain.types import Kind, Type
from ..engine.domain.values import parse_duration
from ..engine.population.reading import connect
from ..engine.sql import layout

EXAMPLES = 3
TRANSITIONS = 12
"""The transitions shown for one conclusion, the most frequent first; the rest counted."""
LINE = "ligne"
VALUE = layout.Status.VALUE.value

F = duckdb.FunctionExpression
K = duckdb.ConstantExpression
C = duckdb.ColumnExpression


@attrs.frozen
class Example:
    line: int
    id: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"ligne": self.line, "id": self.id}


@attrs.frozen
class Outcome:
    """One side of a transition: a status and, for `valeur`, the value as text (`value`,
    as the results file writes it) and as a French reader reads it (`shown`)."""

    status: str
    value: str | None
    shown: str

    def to_json(self) -> dict[str, Any]:
        return {"statut": self.status, "valeur": self.value, "texte": self.shown}


@attrs.frozen
class Transition:
    """Rows whose outcome goes from `old` to `new` (`aucun → gratuite`, `inconnu → vrai`)."""

    old: Outcome
    new: Outcome
    rows: int
    examples: tuple[Example, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "avant": self.old.to_json(),
            "après": self.new.to_json(),
            "lignes": self.rows,
            "exemples": [e.to_json() for e in self.examples],
        }


@attrs.frozen
class Amounts:
    """Over the rows with a value on both sides that differ: gains and losses."""

    gained_rows: int
    gained_sum: Decimal
    gained_median: Decimal | None
    lost_rows: int
    lost_sum: Decimal
    lost_median: Decimal | None

    def to_json(self) -> dict[str, Any]:
        def number(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "gains": {
                "lignes": self.gained_rows,
                "somme": number(self.gained_sum),
                "médiane": number(self.gained_median),
            },
            "pertes": {
                "lignes": self.lost_rows,
                "somme": number(self.lost_sum),
                "médiane": number(self.lost_median),
            },
        }


@attrs.frozen
class ConclusionChange:
    name: str
    type: Type
    changed: int
    transitions: tuple[Transition, ...]
    more: int
    """Rows of the transitions not shown (past `TRANSITIONS`)."""
    amounts: Amounts | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "conclusion": self.name,
            "lignes_changées": self.changed,
            "transitions": [t.to_json() for t in self.transitions],
            "autres_lignes": self.more,
        }
        if self.amounts is not None:
            data["montants"] = self.amounts.to_json()
        return data


@attrs.frozen
class Side:
    """One side as the report names it, and the arguments `alinea explain` needs to read
    it (None when it cannot: a git revision)."""

    label: str
    explain: tuple[str, ...] | None


@attrs.frozen
class PopulationReport:
    population: str
    rows: int
    old: Side
    new: Side
    changes: tuple[ConclusionChange, ...]
    unchanged: tuple[str, ...]
    only_old: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.only_old or self.only_new)

    def commands(self, name: str, line: int) -> list[str]:
        """`alinea explain` of row `line` for each side that can be explained."""
        found = []
        for side in (self.old, self.new):
            if side.explain is not None:
                words = ["alinea", "explain", name, *side.explain]
                words += ["--population", self.population, "--ligne", str(line)]
                found.append(" ".join(words))
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "population": self.population,
            "lignes": self.rows,
            "avant": self.old.label,
            "après": self.new.label,
            "conclusions": [change.to_json() for change in self.changes],
            "inchangées": list(self.unchanged),
            "seulement_avant": list(self.only_old),
            "seulement_après": list(self.only_new),
        }


def results(
    path: str, sides: Sequence[tuple[Program, datetime.date]], names: Sequence[str]
) -> list[pa.Table]:
    """Each side's results over the population at `path`: read once, its columns checked
    against the facts of either side (a fact a side does not know is left out of its
    table), every cell checked against the side's own types, then evaluated on DuckDB."""
    from ..engine.population import checking, execution, reading
    from ..engine.sql.query import compile_query

    raw = reading.read(path, [program for program, _ in sides])
    found = []
    for program, day in sides:
        table = checking.check(raw.only(program.facts), program)
        query = compile_query(program, day, names, table.column_names)
        found.append(pa.concat_tables(execution.parts(query, table)))
    return found


def compare(
    old: pa.Table,
    new: pa.Table,
    names: Sequence[str],
    program: Program,
    population: str,
    sides: tuple[Side, Side],
) -> PopulationReport:
    """The report of two sides' results over the same population (same rows, same order)."""
    connection = connect()
    changes, unchanged = [], []
    try:
        for name in names:
            change = _conclusion(connection, old, new, name, program.rules[name].type)
            if change is None:
                unchanged.append(name)
            else:
                changes.append(change)
    finally:
        connection.close()
    return PopulationReport(
        population, old.num_rows, sides[0], sides[1], tuple(changes), tuple(unchanged)
    )


def _conclusion(
    connection: duckdb.DuckDBPyConnection, old: pa.Table, new: pa.Table, name: str, type_: Type
) -> ConclusionChange | None:
    table = _side_by_side(old, new, name)
    relation = connection.from_arrow(table)
    value = {side: _value(side, type_) for side in ("avant", "apres")}
    status = {side: C(f"{side}_statut") for side in ("avant", "apres")}
    changed = (status["avant"] != status["apres"]) | (
        (status["avant"] == K(VALUE)) & (value["avant"] != value["apres"])
    )
    moved = relation.filter(changed).select(
        status["avant"].alias("statut_avant"),
        value["avant"].alias("valeur_avant"),
        status["apres"].alias("statut_apres"),
        value["apres"].alias("valeur_apres"),
        C(LINE),
    )
    groups = moved.aggregate(
        [
            C("statut_avant"),
            C("valeur_avant"),
            C("statut_apres"),
            C("valeur_apres"),
            F("count", C(LINE)),
            F("min", C(LINE), K(EXAMPLES)),
        ],
        "statut_avant, valeur_avant, statut_apres, valeur_apres",
    ).fetchall()
    if not groups:
        return None
    groups.sort(key=lambda g: (-g[4], str(g[:4])))
    shown = groups[:TRANSITIONS]
    ids = _ids(table, [line for group in shown for line in group[5]])
    transitions = tuple(
        Transition(
            _outcome(group[0], group[1], type_),
            _outcome(group[2], group[3], type_),
            group[4],
            tuple(Example(line, ids.get(line)) for line in group[5]),
        )
        for group in shown
    )
    more = sum(group[4] for group in groups[TRANSITIONS:])
    total = sum(group[4] for group in groups)
    amounts = _amounts(relation) if type_.kind is Kind.MONTANT else None
    return ConclusionChange(name, type_, total, transitions, more, amounts)


def _side_by_side(old: pa.Table, new: pa.Table, name: str) -> pa.Table:
    """The value and status of `name` on both sides, with the row numbers and ids."""
    status = layout.status_column(name)
    columns = {
        LINE: pa.array(range(1, old.num_rows + 1), pa.int64()),
        "avant": old.column(name),
        "avant_statut": old.column(status).cast(pa.string()),
        "apres": new.column(name),
        "apres_statut": new.column(status).cast(pa.string()),
    }
    if layout.ID in old.column_names:
        columns["id"] = old.column(layout.ID)
    return pa.table(columns)


def _value(side: str, type_: Type) -> duckdb.Expression:
    """A side's value as text when its status is `valeur` (null otherwise), so that every
    type groups and compares the same way; a durée in ISO 8601."""
    value = _iso(C(side)) if type_.kind is Kind.DUREE else C(side).cast(_TEXT)
    return duckdb.CaseExpression(C(f"{side}_statut") == K(VALUE), value)


_TEXT = duckdb.sqltype("VARCHAR")


def _iso(duration: duckdb.Expression) -> duckdb.Expression:
    """A durée as ISO 8601 text (`P1Y2M`, `PT48H`), as the JSON output writes it."""
    parts = []
    for name, letter in (("years", "Y"), ("months", "M"), ("days", "D"), ("hours", "H")):
        amount = F("struct_extract", duration, K(name))
        text = F("concat", K("T") if letter == "H" else K(""), amount.cast(_TEXT), K(letter))
        parts.append(duckdb.CaseExpression(amount != K(0), text).otherwise(K("")))
    body = F("concat", *parts)
    return F("concat", K("P"), duckdb.CaseExpression(body == K(""), K("0D")).otherwise(body))


def _amounts(relation: duckdb.DuckDBPyRelation) -> Amounts:
    both = (C("avant_statut") == K(VALUE)) & (C("apres_statut") == K(VALUE))
    delta = C("apres") - C("avant")
    gained = duckdb.CaseExpression(both & (delta > K(0)), delta)
    lost = duckdb.CaseExpression(both & (delta < K(0)), -delta)
    row = relation.aggregate(
        [
            F("count", gained),
            F("sum", gained),
            F("quantile_disc", gained, K(0.5)),
            F("count", lost),
            F("sum", lost),
            F("quantile_disc", lost, K(0.5)),
        ]
    ).fetchall()[0]
    return Amounts(
        int(row[0]),
        _decimal(row[1]) or Decimal(0),
        _decimal(row[2]),
        int(row[3]),
        _decimal(row[4]) or Decimal(0),
        _decimal(row[5]),
    )


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _ids(table: pa.Table, lines: list[int]) -> dict[int, Any]:
    if "id" not in table.column_names:
        return {}
    column = table.column("id")
    return {line: column[line - 1].as_py() for line in lines}


def _outcome(status: str, value: str | None, type_: Type) -> Outcome:
    if status != VALUE or value is None:
        return Outcome(status, None, f"({status.replace('_', ' ')})")
    return Outcome(status, value, show(_parsed(value, type_), type_))


def _parsed(text: str, type_: Type) -> object:
    """The engine's value of a value written as text by DuckDB, for `show`."""
    kind = type_.kind
    if kind is Kind.BOOLEEN:
        return text == "true"
    if kind in {Kind.MONTANT, Kind.DECIMAL, Kind.TAUX}:
        return Decimal(text)
    if kind is Kind.DATE:
        return datetime.date.fromisoformat(text)
    if kind is Kind.DUREE:
        return parse_duration(text) or text
    return text
