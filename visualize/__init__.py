"""Pictures and pages of a rule base: decision trees and dependency graphs (DOT via the
`graphviz` package, drawn by Graphviz's `dot`), highlighted evaluation paths, the static
documentation site and one-decision pages.

Builders make a `model.Diagram` (tree, deps), `overlay` lays a trace over it, `dot` writes
DOT text (what tests snapshot), `render` runs `dot`; `site` and `decision` write HTML.
"""
