"""Veille: what in the law moved since the rule base was written.

`report.watch(program, extract, day)` compares a checked program with a LEGI extract
(`legi.load`): each quotation with the official text of the version it quotes
(`checks`, `text`), each encoded article with its LEGI versions and state, and lists the
rules and parameters not covered within six months (`coverage`, read from the engine's
`timeline`). `render` writes the French text, `report.to_json` the JSON;
`build` makes the extract from the npm package `@socialgouv/legi-data`. The engine never
imports this package.
"""
