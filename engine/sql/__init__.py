"""The SQL back end: the lowered program at a date translated into one query over a table
of situations, run on DuckDB (embedded) or any engine sqlglot writes for (Spark).

- `layout`: the contract of the tables, in and out (columns, Arrow types, statuses,
  sources); read it first.
- `query`: `compile_query(program, day, names, columns) -> Query` (`Query.sql(dialect)`).
- `runner`: `run(query, arrow_table) -> arrow_table` on DuckDB.
- `RuleBase.query`, `RuleBase.sql` and `RuleBase.evaluate_table` are the public API.

Diagnostic codes P001–P019 are this back end's; P020–P049 are left to `alinea batch`.
"""
