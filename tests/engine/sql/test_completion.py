"""Completion in SQL decides what the evaluator's completion decides, and only that: the
golden cases a conclusion of which is decided by completion (an `indifférence` step in its
explanation) are unknown in the query alone and decided, with the evaluator's source, by
its completion plan."""

from __future__ import annotations

import datetime

import duckdb

from alinea.engine import load
from alinea.engine.population import synthetic
from alinea.engine.runtime.trace import StepKind
from alinea.engine.sql import layout, runner, trees
from tests.engine.sql.differential import expected, found, table
from tests.engine.sql.test_golden import CASES, RULES


def _completed() -> list[tuple[datetime.date, dict[str, object], str]]:
    found = []
    for case in CASES:
        facts = RULES.facts_from(case.facts)
        result = RULES.evaluate_facts(facts, date=case.date)
        for name in RULES.conclusions:
            children = result[name].trace.children
            if children and children[0].step.kind is StepKind.INDIFFERENCE:
                found.append((case.date, facts, name))
    return found


COMPLETED = _completed()


def test_some_golden_cases_need_completion() -> None:
    assert len(COMPLETED) >= 3
    assert {name for _, _, name in COMPLETED} >= {"ame.droit", "css.acs"}


def test_the_query_alone_leaves_them_unknown_and_the_plan_decides_them() -> None:
    for day, facts, name in COMPLETED:
        population = table(RULES, [facts])
        text = RULES.sql(date=day, only=[name], columns=population.column_names)
        connection = duckdb.connect()
        connection.register(layout.TABLE, population)
        (status,) = connection.sql(text).to_arrow_table().column(layout.status_column(name))
        assert status.as_py() == "inconnu", name
        output = RULES.evaluate_table(population, date=day, only=[name])
        assert found(RULES, output, 0, name) == expected(RULES, facts, day, name)
        assert found(RULES, output, 0, name).status == "valeur"


def test_the_plan_keeps_only_the_tables_a_later_step_reads() -> None:
    day = COMPLETED[0][0]
    cases = [(facts, name) for d, facts, name in COMPLETED if d == day]
    population = table(RULES, [facts for facts, _ in cases])
    names = sorted({name for _, name in cases})
    query = RULES.query(date=day, only=names, columns=population.column_names)
    connection = duckdb.connect()
    connection.register(layout.TABLE, runner.numbered(population, query.facts))
    runner.completed(query, runner.DuckDB(connection), "duckdb")
    kept = {
        name for (name,) in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    }
    assert kept == {trees.MAIN, trees.NODES, trees.FOUND, trees.VERDICTS}


def _columns(connection: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    return [row[0] for row in connection.execute(f'DESCRIBE "{name}"').fetchall()]


def test_a_node_carries_what_its_path_assigns_and_a_verdict_its_values_by_shape() -> None:
    rules = load()
    population = synthetic.generate(rules.program, 300, seed=5, absent=0.3)
    query = rules.query(date=datetime.date(2026, 3, 1), columns=population.column_names)
    plan = query.completion
    assert plan is not None
    connection = duckdb.connect()
    connection.register(layout.TABLE, runner.numbered(population, query.facts))
    runner.completed(query, runner.DuckDB(connection), "duckdb")
    finite = [f"_a{fact.bit}" for fact in plan.shapes.finite]
    assert _columns(connection, trees.NODES) == [trees.ROW, trees.Q, trees.PATH, *finite]
    assert len(finite) < len(plan.shapes.facts)
    slots = range(len(plan.shapes.slots))
    values = [c for c in _columns(connection, trees.VERDICTS) if c.startswith(("_lo", "_hi"))]
    assert values == [f"_{end}{k}" for k in slots for end in ("lo", "hi")]
    assert len(plan.shapes.slots) < len(plan.names)
