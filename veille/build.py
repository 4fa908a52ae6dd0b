"""Write the LEGI extract of a rule base from the npm package `@socialgouv/legi-data`.

    python -m alinea.veille.build PACKAGE_DIR [-o regles/legi.json] [CHEMINS]

PACKAGE_DIR is the installed package (`node_modules/@socialgouv/legi-data`): its
`data/LEGITEXT*.json` files each hold one code as a tree of sections and articles. Only
the articles the rule base cites are kept, with every version's dates and state, the texts
LEGI links to the version it holds, and that version's text with its spaces normalised;
`make legi` installs the package in a temporary folder and runs this. Nothing in the package
is executed: its JSON is only read.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..dsl.diagnostics import render_all
from ..dsl.errors import AlineaError, Diagnostic, UsageError
from ..engine.compiler.loader import load_program, read_source
from ..engine.compiler.program import Program
from ..engine.domain.values import short_date
from .legi import FORMAT, State
from .references import Reference, number_key
from .uses import collect

_OPEN = datetime.date(2999, 1, 1)
_DAY = datetime.timedelta(days=1)


def cited(program: Program) -> list[Reference]:
    """The code articles a rule base cites, in sections or citations, sorted."""
    return sorted(collect(program).articles, key=lambda r: (r.code.title, r.key))


def extract(package: Path, references: Sequence[Reference]) -> dict[str, Any]:
    """The extract, as the JSON document `legi.load` reads, of `references` from `package`."""
    wanted: dict[str, set[str]] = {}
    for reference in references:
        wanted.setdefault(reference.code.title, set()).add(reference.key)
    codes: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    found: set[tuple[str, str]] = set()
    for path in sorted((package / "data").glob("LEGITEXT*.json")):
        tree = _read(path)
        head = tree.get("data", {})
        title = head.get("title")
        if not isinstance(title, str):
            continue
        codes.append({"id": head.get("id"), "title": title, "consolidated": head.get("dateModif")})
        for article in _articles(tree):
            key = number_key(str(article.get("num") or ""))
            if key in wanted.get(title, ()):
                articles.append(_converted(path, title, key, article))
                found.add((title, key))
    if not codes:
        raise UsageError(
            [
                Diagnostic(
                    "U052",
                    f"aucun code LEGI sous « {package / 'data'} »",
                    None,
                    "donnez le dossier du paquet installé : node_modules/@socialgouv/legi-data",
                )
            ]
        )
    held = {code["title"] for code in codes}
    absent = [
        {"code": r.code.title, "number": r.key}
        for r in references
        if r.code.title in held and (r.code.title, r.key) not in found
    ]
    articles.sort(key=lambda a: (a["code"], a["number"]))
    return {
        "format": FORMAT,
        "source": {"package": "@socialgouv/legi-data", "version": _version(package)},
        "codes": sorted(codes, key=lambda c: c["title"]),
        "articles": articles,
        "absent": absent,
    }


def _read(path: Path) -> dict[str, Any]:
    try:
        tree = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(
            [Diagnostic("U052", f"fichier LEGI illisible « {path} » : {error}")]
        ) from None
    if not isinstance(tree, dict):
        raise UsageError([Diagnostic("U052", f"fichier LEGI inattendu « {path} » : pas un objet")])
    return tree


def _version(package: Path) -> str:
    try:
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return "?"
    version = manifest.get("version") if isinstance(manifest, dict) else None
    return version if isinstance(version, str) else "?"


def _articles(node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.get("type") == "article" and isinstance(current.get("data"), dict):
            yield current["data"]
        children = current.get("children")
        if isinstance(children, list):
            stack.extend(child for child in children if isinstance(child, dict))


def _converted(path: Path, code: str, key: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """One article of the extract; a usage error naming it when LEGI's JSON is not as known."""
    try:
        return _article(code, key, raw)
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise UsageError(
            [
                Diagnostic(
                    "U053",
                    f"article {key} inattendu dans « {path} » : {type(error).__name__} {error}",
                    None,
                    "le format du paquet a changé : adaptez veille/build.py (et legi.State)",
                )
            ]
        ) from None


def _article(code: str, key: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    versions = [
        {
            "id": v["id"],
            "number": v.get("version") or "",
            "state": _state(v.get("etat")),
            "start": _day(v["dateDebut"]).isoformat(),
            "end": _last_day(v["dateFin"]),
        }
        for v in raw.get("articleVersions") or []
    ]
    text = " ".join(str(raw.get("texte") or "").split())
    return {
        "code": code,
        "number": key,
        "cid": raw.get("cid"),
        "id": raw.get("id"),
        "state": _state(raw.get("etat")),
        "versions": sorted(versions, key=lambda v: (v["start"], v["number"])),
        "amended_by": [
            {
                "title": link.get("textTitle") or "",
                "kind": link.get("linkType") or "",
                "date": _link_date(link.get("dateDebutCible")),
            }
            for link in raw.get("lienModifications") or []
        ],
        "texts": {raw["id"]: text} if text else {},
    }


def _state(value: Any) -> str:
    """LEGI's state, checked against the states veille knows (a new one must be looked at)."""
    return State(value or "").value


def _day(milliseconds: int) -> datetime.date:
    return datetime.datetime.fromtimestamp(milliseconds / 1000, datetime.UTC).date()


def _last_day(milliseconds: int) -> str | None:
    end = _day(milliseconds)
    return None if end >= _OPEN else (end - _DAY).isoformat()


def _link_date(value: Any) -> str | None:
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
    return None if day >= _OPEN else day.isoformat()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m alinea.veille.build",
        description="Écrit l'extrait LEGI des articles que cite une base de règles.",
    )
    parser.add_argument("package", metavar="PAQUET", help="dossier du paquet @socialgouv/legi-data")
    parser.add_argument(
        "paths", nargs="*", metavar="CHEMINS", help="base de règles (par défaut : regles/)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="FICHIER", help="extrait à écrire")
    arguments = parser.parse_args(argv)
    try:
        references = cited(load_program(arguments.paths or None))
        document = extract(Path(arguments.package), references)
    except AlineaError as error:
        print(render_all(error.diagnostics, read_source), file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    try:
        Path(arguments.output).write_text(text, encoding="utf-8")
    except OSError as error:
        failure = Diagnostic(
            "U054", f"écriture impossible de {arguments.output} : {error.strerror}"
        )
        print(render_all([failure], read_source), file=sys.stderr)
        return 2
    print(f"✓ {arguments.output} : {_summary(document)}")
    return 0


def _summary(document: Mapping[str, Any]) -> str:
    dates = ", ".join(
        f"{c['title']} au {short_date(datetime.date.fromisoformat(c['consolidated']))}"
        for c in document["codes"]
        if c.get("consolidated")
    )
    version = document["source"]["version"]
    return (
        f"{len(document['articles'])} articles, {len(document['absent'])} absent(s) du jeu LEGI "
        f"({version} ; {dates})"
    )


if __name__ == "__main__":
    sys.exit(main())
