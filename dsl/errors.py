"""The one errors module: every failure alinea reports to a user derives from `AlineaError`.

It sits at the bottom of the import graph (it imports nothing from alinea) so that every
layer can raise structured diagnostics, and only `diagnostics.render` turns them into text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs


@attrs.frozen
class Span:
    """A region of a source file; lines and columns are 1-based, `end_column` exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@attrs.frozen
class Note:
    """A secondary location that helps understand a diagnostic (the other side of a conflict)."""

    message: str
    span: Span | None = None


class Severity(enum.Enum):
    """An error stops the command; a warning is reported and the command goes on."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Diagnostic:
    """One problem found in a rule file or in a situation, with what a person needs to fix it."""

    code: str
    message: str
    span: Span | None = None
    hint: str | None = None
    notes: tuple[Note, ...] = ()
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span else ""
        return f"{where}{self.severity.value}[{self.code}]: {self.message}"


@attrs.frozen
class FactDiagnostic(Diagnostic):
    """A problem with one fact of a situation, with its parts apart from the message: the
    fact named, the value given, what was expected (None for a fact that is not declared)
    and a suggestion. A program (the HTTP service, a form) points at the field to correct
    without reading the French message back."""

    fact: str = ""
    value: object = attrs.field(default=None, eq=False)
    expected: str | None = None
    suggestion: str | None = None


class AlineaError(Exception):
    """Root of every error alinea raises on bad input; carries one or more diagnostics.

    The classes below follow the phases of a run, so a caller catches what it can act on:
    `RuleError` (the rule files: `RuleSyntaxError` while reading them, `CompileError` while
    checking them), `SituationError` (the facts given; `GoldenError` for a golden case file),
    `EvaluationError` (this situation cannot be computed; `ConflictError` when two
    exceptions disagree) and `UsageError` (the command line or the API call). Each code
    of `codes.toml` has the phase its error is raised in.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class RuleError(AlineaError):
    """The rule files are wrong: a syntax error, an unknown name, a type error, a cycle…"""


class RuleSyntaxError(RuleError):
    """A rule file cannot be read or parsed (codes E0xx): nothing was checked yet."""


class CompileError(RuleError):
    """The rule files parse but do not check: names, types, versions, exceptions, cycles
    (codes E1xx and above), with the warnings found alongside."""


class SituationError(AlineaError):
    """A situation names an unknown fact or gives a value of the wrong type."""


class GoldenError(SituationError):
    """A golden case file is malformed (codes G0xx, and S1xx for its situations)."""


class PopulationError(SituationError):
    """A population (a table of situations) cannot be read, or one of its columns or cells
    does not fit the facts: the diagnostic names the file, the column, the row and the value."""


class EvaluationError(AlineaError):
    """A rule cannot be computed for this situation (a division by zero, an empty list…)."""


class ConflictError(EvaluationError):
    """Two applicable exceptions of equal rank give different values for one situation."""


class UsageError(AlineaError):
    """The caller asked for something that does not exist (an unknown conclusion, a bad date)."""
