"""Which code article a section heading or a `selon` citation names.

Rule files write references the way lawyers do: `CSS L.162-58`, `CSS L.861-1 1°`,
`CSP L.1111-7 ; R.1111-1`, `C. civ. art. 371-1`. Veille needs the article behind them, keyed
as LEGI numbers articles (`L162-58`), and the code's full title, which is how a LEGI extract
names the codes it holds. Anything else (an arrêté, a decision, a seed document) names no
code article and is reported as such, never guessed at.
"""

from __future__ import annotations

import re

import attrs


@attrs.frozen
class Code:
    """A code as rule files abbreviate it, its full title (as LEGI spells it) and how French
    names it in a sentence (« le CSP », « le code civil »)."""

    abbreviation: str
    title: str
    named: str


CODES = (
    Code("CSS", "Code de la sécurité sociale", "le CSS"),
    Code("CSP", "Code de la santé publique", "le CSP"),
    Code("CASF", "Code de l'action sociale et des familles", "le CASF"),
    Code("CRPA", "Code des relations entre le public et l'administration", "le CRPA"),
    Code("CRPM", "Code rural et de la pêche maritime", "le code rural"),
    Code("C. rur.", "Code rural et de la pêche maritime", "le code rural"),
    Code("C. trav.", "Code du travail", "le code du travail"),
    Code("C. civ.", "Code civil", "le code civil"),
    Code("C. pén.", "Code pénal", "le code pénal"),
    Code("CPP", "Code de procédure pénale", "le code de procédure pénale"),
    Code("CESEDA", "Code de l'entrée et du séjour des étrangers et du droit d'asile", "le CESEDA"),
    Code("CGI", "Code général des impôts", "le code général des impôts"),
    Code("C. éduc.", "Code de l'éducation", "le code de l'éducation"),
)
_BY_ABBREVIATION = {code.abbreviation: code for code in CODES}

_NUMBER = r"(?:LO|[LRDA])?\s?\.?\s?\*?\s?\d+(?:-\d+)*"
_CODE = "|".join(re.escape(code.abbreviation) for code in CODES)
_HEAD = re.compile(rf"(?P<code>{_CODE})\s+(?:art\.\s*)?(?P<number>{_NUMBER})(?![\w-])")
_TAIL = re.compile(rf"(?:art\.\s*)?(?P<number>{_NUMBER})(?![\w-])")


@attrs.frozen
class Reference:
    """One code article: `key` is LEGI's number (`L162-58`), `label` how reports name it."""

    code: Code
    key: str

    @property
    def number(self) -> str:
        """The article number as French writes it: `L.162-58`, `371-1`."""
        letters = re.match(r"[A-Z]*", self.key)
        prefix = letters.group() if letters else ""
        return f"{prefix}.{self.key[len(prefix) :]}" if prefix else self.key

    @property
    def label(self) -> str:
        return f"{self.code.abbreviation} {self.number}"


def number_key(number: str) -> str:
    """`L.162-58`, `L. 162-58`, `R*132-4` -> LEGI's `L162-58`, `R132-4`."""
    return re.sub(r"[\s.*]", "", number).upper()


def parse(text: str) -> list[Reference]:
    """The code articles a citation names, in order; `[]` when it names none.

    Segments separated by `;` may leave out the code, which then carries over from the
    previous one (`CSP L.1111-7 ; R.1111-1`). Only the start of each segment is read: a
    reference inside a sentence ("dans la fourchette de CSS R.160-5") is not a citation of it.
    """
    found: list[Reference] = []
    code: Code | None = None
    for segment in text.split(";"):
        segment = " ".join(segment.split())
        head = _HEAD.match(segment)
        if head:
            code = _BY_ABBREVIATION[head.group("code")]
            found.append(Reference(code, number_key(head.group("number"))))
            continue
        tail = _TAIL.match(segment)
        if code is not None and tail and re.match(r"[A-Z]", tail.group("number")):
            found.append(Reference(code, number_key(tail.group("number"))))
    return found


def article_of(heading: str) -> Reference | None:
    """The article a section heading (`§ CSS L.861-1 1°`) encodes, or None for another source."""
    references = parse(heading)
    return references[0] if references else None
