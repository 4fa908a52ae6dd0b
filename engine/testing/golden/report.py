"""A failed case as an analyst reads it."""

from __future__ import annotations

from ....dsl.diagnostics import SourceReader, render
from .verdict import Verdict


def report(outcome: Verdict, read: SourceReader | None = None) -> str:
    """A failed case as an analyst reads it: where, when, what was expected, what came out
    and why (the explanation of each wrong conclusion)."""
    case = outcome.case
    lines = [f"{case.path}:{case.line}: cas « {case.name} » au {case.date.isoformat()}"]
    if case.description:
        lines.append(f"  {case.description}")
    if case.source:
        lines.append(f"  source : {case.source}")
    for diagnostic in outcome.errors:
        lines.extend("  " + row for row in render(diagnostic, read).splitlines())
    for mismatch in outcome.mismatches:
        lines.append(f"  {mismatch.name} : attendu {mismatch.expected}, obtenu {mismatch.actual}")
        if mismatch.conclusion is not None:
            explanation = mismatch.conclusion.explain().splitlines()[1:]  # the date is above
            lines.extend("    " + row for row in explanation)
    return "\n".join(lines)
