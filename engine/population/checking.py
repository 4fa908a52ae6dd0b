"""Checking every cell of a population against its fact before any evaluation, and
converting the columns to the layout of the SQL back end (`engine.sql.layout`).

One DuckDB pass counts, for each column, the cells that are not of the fact's type, not in
its énumération or outside the language's limits, and finds the first such row; only then
are the columns converted. Each error names the file, the row (`--ligne` numbering), the
column and the value, with what was expected in the words of the situation checker
(`engine.inputs.situation.convert`, asked about that very value), so that a batch and
`alinea eval` say the same thing about the same value.
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import Any

import attrs
import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...dsl.errors import Diagnostic, FactDiagnostic, PopulationError
from ..compiler.program import FactSymbol, Program
from ..domain import ranges
from ..domain.types import Kind
from ..domain.values import duration_in_range, parse_duration
from ..inputs import situation as situations
from ..sql import layout
from . import conversions, screening
from .conversions import Conversion, Read
from .formats import Format
from .reading import ROW, Raw, column, connect

K = duckdb.ConstantExpression
F = duckdb.FunctionExpression


class Problem(enum.Enum):
    WRONG_TYPE = "P023"
    INVALID = "P024"
    NOT_IN_ENUM = "P025"
    OUT_OF_RANGE = "P026"


@attrs.frozen
class Finding:
    """The cells of one column refused for one reason: the first row, and how many."""

    column: str
    problem: Problem
    row: int
    count: int


def check(raw: Raw, program: Program) -> pa.Table:
    """The population in the layout (`id` first when given, then the fact columns), or a
    `PopulationError` listing every column that has refused cells."""
    return checked(raw, program).table


@attrs.frozen
class Checked:
    """A checked population; `as_read` when its columns are a Parquet file's as DuckDB
    reads them, nothing converted (DuckDB can then read the file again where it lies)."""

    table: pa.Table
    as_read: bool


def checked(raw: Raw, program: Program) -> Checked:
    """`check`, saying whether anything was converted."""
    facts = [program.facts[name] for name in raw.columns if name != layout.ID]
    reads = {fact.name: _read_kind(raw, fact) for fact in facts}
    findings = [_wrong_type(raw, fact) for fact in facts if reads[fact.name] is None]
    plans: dict[str, Conversion] = {}
    durations: dict[str, pa.Array] = {}
    for fact in facts:
        read = reads[fact.name]
        if read is None:
            continue
        if fact.type.kind is Kind.DUREE and read is Read.TEXT:
            durations[fact.name], found = _durations(raw, fact)
            findings += found
            continue
        if raw.format is not Format.JSONL and screening.sure(raw.table.column(fact.name), fact):
            continue  # already in the layout, every cell within its limits
        plans[fact.name] = _plan(raw, fact, read)
    converted = pa.table({})
    if plans:  # a Parquet population in the layout has none: no DuckDB at all
        connection = connect()
        try:
            relation = connection.from_arrow(_with_types(raw))
            findings += _findings(relation, plans, program)
            if not findings:
                converted = _converted(relation, plans)
        finally:
            connection.close()
    if findings:
        raise PopulationError(_diagnostics(raw, program, findings))
    table = _assembled(raw, program, converted, durations)
    kept = all(
        raw.table.schema.field(f.name).type == table.schema.field(f.name).type for f in facts
    )
    as_read = raw.format is Format.PARQUET and not plans and not durations and kept
    return Checked(table, as_read)


def _read_kind(raw: Raw, fact: FactSymbol) -> Read | None:
    """How the column holds its fact; None when it cannot (a whole column refused)."""
    read = conversions.read_kind(raw.table.schema.field(fact.name).type)
    if read is Read.NULL or read in conversions.ACCEPTED[fact.type.kind]:
        if fact.type.kind is Kind.LISTE and read is Read.LIST:
            expected = layout.fact_type(fact.type)
            return read if raw.table.schema.field(fact.name).type == expected else None
        return read
    return None


def _plan(raw: Raw, fact: FactSymbol, read: Read) -> Conversion:
    cell = column(fact.name)
    plan = conversions.convert(cell, read, fact.type)
    if raw.format is not Format.JSONL or read is Read.NULL:
        return plan
    allowed = conversions.JSON_TYPES.get(fact.type.kind, ())
    wrong_json = ~column(_type_column(raw, fact.name)).isin(*(K(t) for t in allowed))
    invalid = wrong_json if plan.invalid is None else wrong_json | plan.invalid
    return Conversion(plan.value, invalid, plan.out_of_range)


def _type_column(raw: Raw, name: str) -> str:
    return f"{ROW}type{raw.columns.index(name)}"


def _with_types(raw: Raw) -> pa.Table:
    """The table DuckDB reads: the cells, the row numbers and a JSONL file's JSON types."""
    table = raw.table
    for name, types in raw.json_types.items():
        table = table.append_column(_type_column(raw, name), types)
    return table


def _findings(
    relation: duckdb.DuckDBPyRelation, plans: dict[str, Conversion], program: Program
) -> list[Finding]:
    """One aggregate over the whole table: for each column and reason, how many cells are
    refused and the first row of them."""
    checks: list[tuple[str, Problem, duckdb.Expression]] = []
    for name, plan in plans.items():
        given = column(name).isnotnull()
        if plan.invalid is not None:
            enum_ = program.facts[name].type.kind is Kind.ENUM
            checks.append(
                (name, Problem.NOT_IN_ENUM if enum_ else Problem.INVALID, given & plan.invalid)
            )
        if plan.out_of_range is not None:
            valid = given if plan.invalid is None else given & ~plan.invalid
            checks.append((name, Problem.OUT_OF_RANGE, valid & plan.out_of_range))
    if not checks:
        return []
    row = column(ROW)
    aggregates = []
    for _, _, refused in checks:
        when = duckdb.CaseExpression(refused, row)
        aggregates += [
            duckdb.FunctionExpression("count", when),
            duckdb.FunctionExpression("min", when),
        ]
    counts = relation.aggregate(aggregates).fetchall()[0]
    found = []
    for index, (name, problem, _) in enumerate(checks):
        count, first = counts[2 * index], counts[2 * index + 1]
        if count:
            found.append(Finding(name, problem, int(first), int(count)))
    return found


def _converted(relation: duckdb.DuckDBPyRelation, plans: dict[str, Conversion]) -> pa.Table:
    """The columns that need converting, converted, in the table's order."""
    expressions = [plan.value.alias(name) for name, plan in plans.items() if plan.value is not None]
    if not expressions:
        return pa.table({})
    return relation.select(*expressions).to_arrow_table()


def _assembled(
    raw: Raw, program: Program, converted: pa.Table, durations: dict[str, pa.Array]
) -> pa.Table:
    names = [layout.ID] if layout.ID in raw.columns else []
    names += sorted(name for name in raw.columns if name != layout.ID)
    arrays = []
    for name in names:
        if name == layout.ID:
            arrays.append(_identifiers(raw))
            continue
        if name in durations:
            found: Any = durations[name]
        elif name in converted.column_names:
            found = converted.column(name)
        else:
            found = raw.table.column(name)
        arrays.append(found.cast(layout.fact_type(program.facts[name].type)))
    return pa.Table.from_arrays(arrays, names=names)


def _identifiers(raw: Raw) -> pa.ChunkedArray:
    """The `id` column as given; read as text (CSV, JSONL), it becomes a column of integers
    when every id is an integer written plainly (`12`, not `012`, which stays text)."""
    ids = raw.table.column(layout.ID)
    if raw.format is Format.PARQUET or not pa.types.is_string(ids.type):
        return ids
    plain = pc.match_substring_regex(ids, r"^(0|-?[1-9][0-9]{0,17})$")
    if pc.all(pc.fill_null(plain, True)).as_py():
        return ids.cast(pa.int64())
    return ids


# ------------------------------------------------------------------------ durations as text


def _durations(raw: Raw, fact: FactSymbol) -> tuple[pa.Array, list[Finding]]:
    """A durée written as text, read by the engine's parser once per distinct text: the
    struct column, and the findings of the texts that are not durations or too long."""
    cells = raw.table.column(fact.name).combine_chunks()
    encoded = pc.dictionary_encode(cells)
    texts = encoded.dictionary.to_pylist()
    parsed = [parse_duration(text) for text in texts]
    if raw.format is Format.JSONL:  # a JSON number or boolean is no durée
        kinds = raw.json_types[fact.name].combine_chunks()
        wrong = pc.fill_null(pc.not_equal(kinds, "VARCHAR"), False)
    else:
        wrong = pa.array(np.zeros(len(cells), dtype=bool))
    invalid_text = pa.array([duration is None for duration in parsed], pa.bool_())
    too_long = pa.array(
        [duration is not None and not duration_in_range(duration) for duration in parsed],
        pa.bool_(),
    )
    indices = encoded.indices
    invalid = pc.or_(wrong, pc.fill_null(pc.take(invalid_text, indices), False))
    long_ = pc.and_not(pc.fill_null(pc.take(too_long, indices), False), invalid)
    found = [
        finding
        for finding in (
            _mask_finding(fact.name, Problem.INVALID, invalid),
            _mask_finding(fact.name, Problem.OUT_OF_RANGE, long_),
        )
        if finding is not None
    ]
    structs = layout.to_arrow(parsed, fact.type)
    return pc.take(structs, indices), found


def _mask_finding(name: str, problem: Problem, mask: pa.Array) -> Finding | None:
    count = pc.sum(mask).as_py() or 0
    if not count:
        return None
    first = pc.index(mask, True).as_py()
    return Finding(name, problem, int(first) + 1, int(count))


# ------------------------------------------------------------------------ messages


def _wrong_type(raw: Raw, fact: FactSymbol) -> Finding:
    cells = raw.table.column(fact.name)
    given = pc.is_valid(cells)
    count = pc.sum(given).as_py() or 0
    first = pc.index(given, True).as_py() if count else -1
    return Finding(fact.name, Problem.WRONG_TYPE, int(first) + 1, int(count))


def _diagnostics(raw: Raw, program: Program, findings: list[Finding]) -> list[Diagnostic]:
    order = {name: i for i, name in enumerate(raw.columns)}
    findings = sorted(findings, key=lambda f: (order[f.column], f.row))
    return [_diagnostic(raw, program.facts[f.column], f) for f in findings]


def _diagnostic(raw: Raw, fact: FactSymbol, finding: Finding) -> Diagnostic:
    value = _value(raw, fact.name, finding.row) if finding.row > 0 else None
    problem = situations.convert(value, fact.type) if value is not None else None
    expected = problem.expected if isinstance(problem, situations.Problem) else _expected(fact)
    suggestion = problem.suggestion if isinstance(problem, situations.Problem) else None
    where = f"{raw.path}, colonne « {fact.name} »"
    shown = situations.shown(value)
    others = finding.count - 1
    more = f" (et {others} autre{'s' if others > 1 else ''} ligne{'s' if others > 1 else ''})"
    more = more if others else ""
    if finding.problem is Problem.WRONG_TYPE:
        type_ = raw.table.schema.field(fact.name).type
        message = f"{where} : une colonne de type {type_} ne peut tenir le fait ({fact.type})"
        if finding.row > 0:
            message += f" ; ligne {finding.row} : {shown}"
        hint: str | None = f"attendu : {expected}"
    else:
        words = {
            Problem.INVALID: "valeur invalide",
            Problem.NOT_IN_ENUM: "valeur hors de l'énumération",
            Problem.OUT_OF_RANGE: "valeur hors limites",
        }[finding.problem]
        message = f"{where}, ligne {finding.row} : {words} {shown} ; attendu : {expected}{more}"
        hint = f"vouliez-vous dire « {suggestion} » ?" if suggestion else None
        if finding.problem is Problem.OUT_OF_RANGE:
            hint = "les limites des valeurs sont décrites dans docs/langage.md, « Limites »"
    return FactDiagnostic(
        finding.problem.value,
        message,
        None,
        hint,
        fact=fact.name,
        value=value,
        expected=expected,
        suggestion=suggestion,
    )


def _value(raw: Raw, name: str, row: int) -> Any:
    """The cell as the file gives it, as a Python value (a JSONL cell decoded)."""
    cell = raw.table.column(name)[row - 1].as_py()
    if raw.format is not Format.JSONL or cell is None:
        return cell
    kind = raw.json_types[name][row - 1].as_py()
    if kind == "VARCHAR":
        return cell
    if kind == "DOUBLE":
        return Decimal(cell)
    try:
        return json.loads(cell)
    except ValueError:
        return cell


def _expected(fact: FactSymbol) -> str:
    """What a fact takes, when the checker would take the value the file gives (a value
    refused by the batch only: a number too long, a JSON string where a number goes)."""
    kind = fact.type.kind
    if kind in ranges.NUMBERS:
        return ranges.NUMBERS[kind]
    if kind is Kind.DATE:
        return ranges.DATES
    if kind is Kind.DUREE:
        return ranges.DURATIONS
    return str(fact.type)
