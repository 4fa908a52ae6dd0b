"""The LEGI extract: the articles a rule base cites, as the DILA LEGI dataset records them.

The extract is plain JSON (never pickle: it is data read from outside), written by
`veille.build` from the npm package `@socialgouv/legi-data` and read here with every field
checked, so a hand-edited or truncated file is a located usage error, not a traceback.

Shape (`format` 1):

    {"format": 1,
     "source": {"package": "@socialgouv/legi-data", "version": "2.513.0"},
     "codes": [{"id": "LEGITEXT…", "title": "Code de la sécurité sociale",
                "consolidated": "2026-03-14"}],
     "articles": [{"code": TITLE, "number": "L162-58", "cid": "LEGIARTI…", "id": "LEGIARTI…",
                   "state": "VIGUEUR", "versions": [{"id", "number", "state", "start", "end"}],
                   "amended_by": [{"title", "kind", "date"}], "texts": {VERSION_ID: TEXT}}],
     "absent": [{"code": TITLE, "number": "L863-1"}]}

Dates are ISO days; a version's `end` is its **last day in force** (LEGI's exclusive end minus
one day, the convention of alinea's periods), `null` when open. `id` is the version whose
text LEGI holds (the dataset keeps one text per article); `absent` lists the cited articles
the dataset does not hold, which the in-force dataset means abrogated, moved or miscited.
"""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..dsl.errors import Diagnostic, UsageError
from ..engine.compiler.loader import bundled
from .references import Reference

FORMAT = 1


class State(enum.Enum):
    """LEGI's `etat` of an article or a version."""

    VIGUEUR = "VIGUEUR"
    VIGUEUR_DIFF = "VIGUEUR_DIFF"
    MODIFIE = "MODIFIE"
    MODIFIE_MORT_NE = "MODIFIE_MORT_NE"
    ABROGE = "ABROGE"
    ABROGE_DIFF = "ABROGE_DIFF"
    TRANSFERE = "TRANSFERE"
    DEPLACE = "DEPLACE"
    PERIME = "PERIME"
    ANNULE = "ANNULE"
    UNKNOWN = ""


ENDED = frozenset({State.ABROGE, State.ABROGE_DIFF, State.TRANSFERE, State.PERIME, State.ANNULE})
"""States that end an article: after the version that carries one, the article is gone."""


@attrs.frozen
class Version:
    id: str
    number: str
    state: State
    start: datetime.date
    end: datetime.date | None

    @property
    def stillborn(self) -> bool:
        """Amended before it came into force: never law on any day."""
        return self.state is State.MODIFIE_MORT_NE

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen
class Amendment:
    """A text LEGI links to the held version (`MODIFIE`, `CREATION`, `CODIFICATION`…)."""

    title: str
    kind: str
    date: datetime.date | None


@attrs.frozen
class Article:
    code: str
    number: str
    cid: str
    id: str
    state: State
    versions: tuple[Version, ...]
    amended_by: tuple[Amendment, ...]
    texts: Mapping[str, str]

    @property
    def in_force(self) -> tuple[Version, ...]:
        """The versions that were law on some day, by start date."""
        return tuple(v for v in self.versions if not v.stillborn)

    @property
    def ended(self) -> Version | None:
        """The last version when it ends the article (abrogated, moved…), else None."""
        versions = self.in_force
        return versions[-1] if versions and versions[-1].state in ENDED else None


@attrs.frozen
class CodeInfo:
    id: str
    title: str
    consolidated: datetime.date | None


@attrs.frozen
class Extract:
    path: str
    package: str
    version: str
    codes: tuple[CodeInfo, ...]
    articles: Mapping[tuple[str, str], Article]
    absent: frozenset[tuple[str, str]]

    def code(self, title: str) -> CodeInfo | None:
        return next((c for c in self.codes if c.title == title), None)

    def article(self, reference: Reference) -> Article | None:
        return self.articles.get((reference.code.title, reference.key))

    def is_absent(self, reference: Reference) -> bool:
        return (reference.code.title, reference.key) in self.absent


def bundled_path() -> Path:
    """The extract of the bundled rule base, shipped beside its rule files."""
    return bundled() / "legi.json"


def load(path: str | Path | None = None) -> Extract:
    """Read and check an extract; the bundled one by default."""
    where = Path(path) if path is not None else bundled_path()
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
    except OSError as error:
        raise _usage("U050", f"extrait LEGI illisible « {where} » : {error.strerror}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise _usage(
            "U050", f"extrait LEGI illisible « {where} » : JSON invalide ({error})"
        ) from None
    try:
        return _extract(str(where), raw)
    except _Malformed as error:
        raise _usage("U051", f"extrait LEGI mal formé « {where} » : {error}") from None


def _usage(code: str, message: str) -> UsageError:
    return UsageError(
        [Diagnostic(code, message, None, "refaites l'extrait avec « make legi » (voir README)")]
    )


class _Malformed(Exception):
    """A field of the extract is missing or of the wrong kind; the message says which."""


def _extract(path: str, raw: Any) -> Extract:
    top = _mapping(raw, "le document")
    if top.get("format") != FORMAT:
        raise _Malformed(f"format {top.get('format')!r}, attendu {FORMAT}")
    source = _mapping(top.get("source"), "source")
    articles: dict[tuple[str, str], Article] = {}
    for index, item in enumerate(_list(top.get("articles"), "articles")):
        article = _article(_mapping(item, f"articles[{index}]"), f"articles[{index}]")
        articles[(article.code, article.number)] = article
    absent = frozenset(
        (
            _text(entry, "code", f"absent[{index}]"),
            _text(entry, "number", f"absent[{index}]"),
        )
        for index, entry in enumerate(_list(top.get("absent"), "absent"))
    )
    codes = tuple(
        CodeInfo(
            _text(code, "id", f"codes[{index}]"),
            _text(code, "title", f"codes[{index}]"),
            _optional_day(code.get("consolidated"), f"codes[{index}].consolidated"),
        )
        for index, code in enumerate(_mappings(top.get("codes"), "codes"))
    )
    return Extract(
        path,
        _text(source, "package", "source"),
        _text(source, "version", "source"),
        codes,
        articles,
        absent,
    )


def _article(raw: Mapping[str, Any], where: str) -> Article:
    versions = tuple(
        sorted(
            (
                Version(
                    _text(v, "id", f"{where}.versions[{i}]"),
                    _text(v, "number", f"{where}.versions[{i}]"),
                    _state(v.get("state"), f"{where}.versions[{i}].state"),
                    _day(v.get("start"), f"{where}.versions[{i}].start"),
                    _optional_day(v.get("end"), f"{where}.versions[{i}].end"),
                )
                for i, v in enumerate(_mappings(raw.get("versions"), f"{where}.versions"))
            ),
            key=lambda v: v.start,
        )
    )
    amendments = tuple(
        Amendment(
            _text(a, "title", f"{where}.amended_by[{i}]"),
            _text(a, "kind", f"{where}.amended_by[{i}]"),
            _optional_day(a.get("date"), f"{where}.amended_by[{i}].date"),
        )
        for i, a in enumerate(_mappings(raw.get("amended_by"), f"{where}.amended_by"))
    )
    texts = _mapping(raw.get("texts"), f"{where}.texts")
    if not all(isinstance(t, str) for t in texts.values()):
        raise _Malformed(f"{where}.texts : chaque texte doit être une chaîne")
    return Article(
        _text(raw, "code", where),
        _text(raw, "number", where),
        _text(raw, "cid", where),
        _text(raw, "id", where),
        _state(raw.get("state"), f"{where}.state"),
        versions,
        amendments,
        dict(texts),
    )


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Malformed(f"{where} doit être un objet")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Malformed(f"{where} doit être une liste")
    return value


def _mappings(value: Any, where: str) -> list[Mapping[str, Any]]:
    return [_mapping(item, f"{where}[{i}]") for i, item in enumerate(_list(value, where))]


def _text(raw: Any, key: str, where: str) -> str:
    value = _mapping(raw, where).get(key)
    if not isinstance(value, str):
        raise _Malformed(f"{where}.{key} doit être une chaîne")
    return value


def _state(value: Any, where: str) -> State:
    try:
        return State(value)
    except ValueError:
        raise _Malformed(f"{where} : état LEGI inconnu {value!r}") from None


def _day(value: Any, where: str) -> datetime.date:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise _Malformed(f"{where} doit être une date AAAA-MM-JJ, pas {value!r}")


def _optional_day(value: Any, where: str) -> datetime.date | None:
    return None if value is None else _day(value, where)
