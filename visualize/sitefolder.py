"""The folder `alinea doc` writes into: refused unless it is new, empty or an earlier site.

A site alinea writes is marked by `.alinea-site`, a JSON file with a format version and the
list of the files written. Only a folder with that mark may be written over, and on
regeneration only the files it lists may be removed (the pages of deleted rules): whatever
else the user keeps there is never touched. The pages are first written into a staging
folder inside the target, then moved into place; if anything fails, the staging folder is
removed and the earlier site is left whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

import attrs

from ..dsl.errors import AlineaError, Diagnostic, UsageError
from ..engine import files

MARKER = ".alinea-site"
FORMAT = 1


@attrs.frozen
class Target:
    """A checked site folder: whether alinea creates it, and the files of the earlier site."""

    folder: Path
    created: bool
    previous: tuple[str, ...]


def check(path: str | Path) -> Target:
    """Refuse, before any page is drawn, a target the site must not be written into."""
    if not str(path).strip():
        raise UsageError(
            [
                Diagnostic(
                    "U030",
                    "-o : chemin vide",
                    None,
                    "une variable non définie ? nommez le dossier du site : alinea doc -o site/",
                )
            ]
        )
    folder = Path(path)
    cause = files.unreachable(folder)
    if cause is not None:
        raise _refused(folder, cause)
    if folder.exists() and not folder.is_dir():
        cause = "c'est un fichier" if folder.is_file() else "ce n'est pas un dossier"
        raise _refused(folder, cause, "choisissez un dossier nouveau ou vide")
    if not folder.exists():
        parent = _existing_parent(folder)
        if not parent.is_dir():
            raise _refused(folder, f"{parent} n'est pas un dossier")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise _refused(folder, f"le dossier {parent} n'est pas accessible en écriture")
        return Target(folder, True, ())
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _refused(folder, "le dossier n'est pas accessible en écriture")
    entries = list(folder.iterdir())
    if not entries:
        return Target(folder, False, ())
    if not (folder / MARKER).is_file():
        raise AlineaError(
            [
                Diagnostic(
                    "E041",
                    f"le dossier {folder} n'est pas vide et n'est pas un site alinea : rien "
                    "n'y est écrit",
                    None,
                    f"choisissez un dossier nouveau ou vide (un site alinea porte un fichier "
                    f"{MARKER})",
                )
            ]
        )
    return Target(folder, False, _listed(folder))


def publish(target: Target, staging: Path, written: list[str]) -> None:
    """Move the pages from `staging` into the site, remove the pages of the earlier site that
    are gone (only those its mark lists), then write the new mark."""
    for name in written:
        destination = target.folder / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, destination)
    kept = set(written)
    for name in target.previous:
        if name not in kept:
            stale = target.folder / name
            if stale.is_file() or stale.is_symlink():
                stale.unlink()
            _prune(stale.parent, target.folder)
    mark = {"format": FORMAT, "outil": "alinea doc", "fichiers": sorted(written)}
    files.write_text(target.folder / MARKER, json.dumps(mark, ensure_ascii=False, indent=1) + "\n")


def staging(target: Target) -> Path:
    """A fresh folder inside the target for the pages being written."""
    target.folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".alinea-site-", dir=target.folder))


def abandon(target: Target, folder: Path) -> None:
    """Remove the staging folder, and the target if alinea created it and it is empty."""
    shutil.rmtree(folder, ignore_errors=True)
    if target.created:
        with contextlib.suppress(OSError):
            target.folder.rmdir()


def _listed(folder: Path) -> tuple[str, ...]:
    """The files an earlier site's mark lists; a mark alinea cannot read is not trusted."""
    try:
        mark = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        mark = None
    names = mark.get("fichiers") if isinstance(mark, dict) else None
    if (
        not isinstance(mark, dict)
        or mark.get("format") != FORMAT
        or not isinstance(names, list)
        or not all(isinstance(n, str) and _inside(n) for n in names)
    ):
        raise AlineaError(
            [
                Diagnostic(
                    "E042",
                    f"marque de site illisible : {folder / MARKER} (format {FORMAT} attendu)",
                    None,
                    "rien n'est écrit ; supprimez le dossier ou choisissez-en un autre",
                )
            ]
        )
    return tuple(names)


def _inside(name: str) -> bool:
    """A listed name stays inside the site: no absolute path, no `..`, not the mark itself."""
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and name != MARKER


def _prune(folder: Path, root: Path) -> None:
    """Remove folders emptied by the removal of stale pages, up to the site's root."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _existing_parent(folder: Path) -> Path:
    for parent in folder.parents:
        if parent.exists():
            return parent
    return Path(".")


def _refused(folder: Path, cause: str, hint: str | None = None) -> AlineaError:
    return files.write_error(folder, cause, hint)
