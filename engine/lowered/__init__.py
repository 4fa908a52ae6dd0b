"""The lowered program: the one place the meaning of the language lives.

The checked `Program` holds what was written (AST nodes, their types, the versions of each
rule). `lower(program, day)` gives the law in force that day with everything a back end
needs made explicit: the version of each rule, the exceptions in force with their
precedence, the value of each parameter (or its yearly revaluation), or why there is none
(not applicable before the creation or after the abrogation of its article, not covered when
the rule base stops); every expression typed with its unit and its exact operator, rounding
as a node, the connectives Kleene's. The closures of the evaluator, the z3 encoding of
`alinea diff` and the SQL back end translate these nodes; none of them re-derives a type,
an operator or a version.

See `docs/architecture.md` (« Le programme abaissé ») for how a back end translates it.
"""

from __future__ import annotations

from .declarations import (
    Absent,
    Derogation,
    Fact,
    Parameter,
    ParameterAt,
    Reason,
    Revaluation,
    Rule,
    RuleAt,
    Symbol,
    Version,
    Yearly,
)
from .program import Lowered, Lowering, lower, lowering

__all__ = [
    "Absent",
    "Derogation",
    "Fact",
    "Lowered",
    "Lowering",
    "Parameter",
    "ParameterAt",
    "Reason",
    "Revaluation",
    "Rule",
    "RuleAt",
    "Symbol",
    "Version",
    "Yearly",
    "lower",
    "lowering",
]
