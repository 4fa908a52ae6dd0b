"""What veille finds: each item is one thing an analyst must look at, or could not be checked.

An item that needs attention has a `key` (`version CSS L.162-58 5.0`, `non couvert css.x`…)
that stays the same from one run to the next, so lists of known items (regles/README.md,
« Veille ») can name it.
"""

from __future__ import annotations

import datetime
import enum

import attrs

from .legi import Version
from .references import Reference
from .text import Mismatch
from .uses import Section


@attrs.frozen
class AlteredQuote:
    """A section's quoted lines differ from the official text of the version they quote;
    `version` is None when LEGI has no version of the article on the section's first day."""

    reference: Reference
    section: Section
    version: Version | None
    mismatches: tuple[Mismatch, ...]

    @property
    def key(self) -> str:
        return f"citation {self.section.location}"


@attrs.frozen
class NewVersion:
    """A LEGI version that starts after the last section the rule base has for the article."""

    reference: Reference
    version: Version
    last: Section

    @property
    def key(self) -> str:
        return f"version {self.reference.label} {self.version.number}"


@attrs.frozen
class Ended:
    """An article LEGI says is abrogated (or moved, expired, annulled) from `date`, which the
    rule base still uses on or after that day."""

    reference: Reference
    version: Version
    date: datetime.date
    location: str

    @property
    def key(self) -> str:
        return f"abrogation {self.reference.label}"


class MissingReason(enum.Enum):
    ABSENT = "absent"
    NOT_EXTRACTED = "not_extracted"


@attrs.frozen
class Missing:
    """A cited article of a code LEGI holds, not found: absent from the dataset (which keeps
    in-force articles only) while the rule base still uses it, or missing from the extract."""

    reference: Reference
    reason: MissingReason
    location: str

    @property
    def key(self) -> str:
        return f"introuvable {self.reference.label}"


class Unchecked(enum.Enum):
    """Why something could not be checked; none of these fails the command."""

    CODE_NOT_IN_LEGI = "code_not_in_legi"
    NOT_A_CODE_ARTICLE = "not_a_code_article"
    TEXT_NOT_IN_LEGI = "text_not_in_legi"
    ENDED_AS_ENCODED = "ended_as_encoded"


@attrs.frozen
class Unverifiable:
    """`subject` is an article label or a section heading; `code` names the code the dataset
    lacks; `detail` says more (the version whose text is missing, the last day encoded)."""

    reason: Unchecked
    subject: str
    location: str
    reference: Reference | None = None
    code: str | None = None
    detail: str | None = None
