"""The whole query: the input layer, the rules, and the output columns.

    WITH e0 AS (SELECT id, CAST("age" AS BIGINT) AS ef0, … FROM situations),   -- facts
         e1 AS (SELECT id, ef0, …, <columns of layer 1> FROM e0),             -- rules
         …
    SELECT id, <value> AS "css.droit", <status> AS "css.droit.statut", … FROM eN

The statuses and sources are computed as codes (`layout.STATUSES`, `Query.sources`); the
text form maps them to their words in a last projection. Completion (`completion`) is a
plan of its own over the rows this query leaves unknown.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import attrs
import pyarrow as pa
from sqlglot import exp

from ..compiler.program import Program
from ..lowered.program import Lowered, lower
from . import completion, layout, trees
from .bodies import Sources
from .compiled import Query
from .layers import Layers
from .program import Parameters, Raises, Translated, Translation
from .shapes import cast, fact_shape
from .terms import Code, alias, number, select, when

ROW = layout.ROW


def facts_read(program: Program, day: datetime.date, names: Sequence[str]) -> list[str]:
    """The facts the rules `names` read on `day`, directly or through other rules, sorted."""
    lowered = lower(program, day)
    seen: set[str] = set()
    facts: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        for read in lowered.reads(name):
            if read in program.facts:
                facts.add(read)
            elif read in program.rules:
                stack.append(read)
    return sorted(facts)


def input_layer(
    program: Program, facts: Sequence[str], columns: frozenset[str], layers: Layers
) -> dict[str, exp.Expr]:
    """The fact columns of the first layer, cast to their shapes (a fact without a column:
    null, absent on every row)."""
    found: dict[str, exp.Expr] = {}
    for name in facts:
        shape = fact_shape(program.facts[name].type)
        source: exp.Expr = exp.column(name, quoted=True) if name in columns else exp.Null()
        found[name] = layers.column(cast(source, shape), 0, "f")
    return found


def source_code(result: Translated, raises: Raises) -> exp.Expr:
    """The code of `N.source`: the clause for a value or a non-applicability, what raised
    for an error or a conflict (after the clauses in `Query.sources`), null otherwise."""
    term = result.term
    status = term.status
    if not term.special:
        return result.source
    given: exp.Expr
    if Code.NOT_APPLICABLE in term.statuses:
        given = exp.LTE(this=status, expression=number(Code.NOT_APPLICABLE))
    else:
        given = term.decided
    own = when((given, result.source), otherwise=exp.Null())
    if not term.can(Code.ERROR, Code.CONFLICT):
        return own
    offset = len(result.sources.texts)
    raised = exp.Add(this=term.detail, expression=number(offset))
    return when((exp.GTE(this=status, expression=number(Code.ERROR)), raised), otherwise=own)


@attrs.frozen
class _Base:
    """What every translation of one query shares: the program on its day, the facts read
    and the table's columns, what can raise, the sources of the rules."""

    program: Program
    lowered: Lowered
    parameters: Parameters
    facts: Sequence[str]
    columns: frozenset[str]
    raises: Raises = attrs.field(factory=Raises)
    sources: dict[str, Sources] = attrs.field(factory=dict)

    def translation(self, masks: bool) -> tuple[Layers, Translation]:
        """A translation over the input layer; with the masks of the facts missing (each
        fact's bit its index), which completion reads at the roots of its trees."""
        layers = Layers("e")
        fact_columns = input_layer(self.program, self.facts, self.columns, layers)
        bits = {name: bit for bit, name in enumerate(self.facts)} if masks else None
        translation = Translation(
            self.program,
            self.lowered,
            self.parameters,
            layers,
            fact_columns,
            self.raises,
            bits,
            self.sources,
        )
        return layers, translation


def _outputs(results: dict[str, Translated], raises: Raises) -> dict[str, exp.Expr]:
    outputs: dict[str, exp.Expr] = {}
    for name, result in results.items():
        outputs[name] = result.term.value
        outputs[layout.status_column(name)] = exp.cast(result.term.status, STATUS_TYPE)
        outputs[layout.source_column(name)] = exp.cast(source_code(result, raises), SOURCE_TYPE)
    return outputs


STATUS_TYPE = exp.DataType.build("TINYINT")
SOURCE_TYPE = exp.DataType.build("SMALLINT")
"""The codes of a status and a source on one and two bytes, as their dictionaries' indices
(`runner.decoded`): the main output is kept whole while completion runs (on a million rows
of the 24 public conclusions, 140 MB less than in the engine's integers)."""


def assemble(
    program: Program, day: datetime.date, names: tuple[str, ...], columns: frozenset[str]
) -> Query:
    facts = facts_read(program, day, names)
    base = _Base(program, lower(program, day), Parameters(program, day), facts, columns)
    raises, shared = base.raises, base.sources
    layers, translation = base.translation(masks=False)
    results = {name: translation.translated(name) for name in names}
    outputs = _outputs(results, raises)
    offsets = {name: len(result.sources.texts) for name, result in results.items()}
    with_id = layout.ID in columns
    carried = [layout.ID] if with_id else []
    completable = [n for n in names if results[n].term.can(Code.UNKNOWN)]
    shapes = {name: translation.shape(name) for name in names}
    numbered = [*carried, ROW]
    plan = completion.plan(
        program,
        base.lowered,
        base.parameters,
        raises,
        facts,
        completable,
        shared,
        shapes,
        names,
        numbered,
    )
    table = exp.to_table(layout.TABLE)
    plain = layers.chain(table, carried, outputs, "e")
    direct: exp.Query | None = None
    if plan is None:
        coded = layers.chain(table, numbered, outputs, "e")
    else:  # the masks of the roots, in a translation of their own: the text shows none
        layers, masked = base.translation(masks=True)
        found = {name: masked.translated(name) for name in names}
        masks = {trees.mask_column(i): found[n].term.detail for i, n in enumerate(completable)}
        coded = layers.chain(table, numbered, _outputs(found, raises) | masks, "e")
        direct = plain
    sources = {name: tuple(r.sources.texts) + tuple(raises.texts) for name, r in results.items()}
    for name, offset in offsets.items():  # the completion's translation added no clause
        assert len(results[name].sources.texts) == offset, name
    texts = _texts(plain, names, sources, carried)
    fields: list[pa.Field] = []
    for name in names:
        fields += [
            pa.field(name, translation.shape(name).arrow()),
            pa.field(layout.status_column(name), pa.dictionary(pa.int16(), pa.string())),
            pa.field(layout.source_column(name), pa.dictionary(pa.int16(), pa.string())),
        ]
    read = pa.schema([pa.field(f, layout.fact_type(program.facts[f].type)) for f in facts])
    schema = pa.schema(fields)
    return Query(texts, coded, day, names, read, with_id, sources, schema, plan, direct)


def _texts(
    coded: exp.Select,
    names: Sequence[str],
    sources: dict[str, tuple[str, ...]],
    carried: Sequence[str],
) -> exp.Select:
    """`coded` with its status and source codes mapped to their texts."""
    selected: list[exp.Expr] = [exp.column(c) for c in carried]
    for name in names:
        status = exp.column(layout.status_column(name), quoted=True)
        source = exp.column(layout.source_column(name), quoted=True)
        selected += [
            alias(exp.column(name, quoted=True), name, quoted=True),
            alias(_words(status, layout.STATUSES), layout.status_column(name), quoted=True),
            alias(_words(source, sources[name]), layout.source_column(name), quoted=True),
        ]
    return select(*selected).from_(
        exp.Subquery(this=coded, alias=exp.TableAlias(this=exp.to_identifier("coded")))
    )


def _words(code: exp.Expr, words: Sequence[str]) -> exp.Expr:
    if not words:
        return cast_text(exp.Null())
    case = exp.Case(this=code)
    for index, word in enumerate(words):
        case = case.when(number(index), exp.Literal.string(word), copy=False)
    return case


def cast_text(expression: exp.Expr) -> exp.Expr:
    return exp.Cast(this=expression, to=exp.DataType.build("VARCHAR"))
