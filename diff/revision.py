"""Rule files of a git revision, read into memory (`git ls-tree`, `git cat-file`): the user's
working tree is never checked out nor touched."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..dsl import parser
from ..dsl.errors import Diagnostic, UsageError
from ..engine.compiler.loader import EXTENSION


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=data, capture_output=True, check=False
        )
    except OSError as exc:
        raise UsageError([Diagnostic("U010", f"git introuvable : {exc}")]) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            [Diagnostic("U010", f"git {args[0]} a échoué : {message[-1] if message else '?'}")]
        )
    return done.stdout


def toplevel(folder: Path) -> Path | None:
    """The root of the git working tree holding `folder`, or None outside git."""
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except UsageError:
        return None


def is_revision(root: Path, name: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except UsageError:
        return False
    return True


def _within(root: Path, path: Path, revision: str) -> str:
    """`path` relative to the working tree; a revision holds nothing outside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        message = f"« {path} » est hors du dépôt git {root} : la révision {revision} n'en a rien"
        raise UsageError([Diagnostic("U003", message)]) from None


def read(root: Path, revision: str, paths: Sequence[Path]) -> dict[str, str]:
    """The `.alinea` files under `paths` in `revision`, named `REV:path` for diagnostics."""
    specs = [_within(root, p, revision) if p.is_absolute() else str(p) for p in paths]
    listing = _git(root, "ls-tree", "-r", "--name-only", "-z", revision, "--", *specs)
    names = sorted(n for n in listing.decode("utf-8").split("\0") if n.endswith(EXTENSION))
    if not names:
        shown = ", ".join(specs) or "."
        raise UsageError(
            [
                Diagnostic(
                    "U003", f"aucun fichier {EXTENSION} sous {shown} dans la révision {revision}"
                )
            ]
        )
    request = "".join(f"{revision}:{name}\n" for name in names).encode()
    output = _git(root, "cat-file", "--batch", data=request)
    texts: dict[str, str] = {}
    position = 0
    for name in names:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        body = output[header_end + 1 : header_end + 1 + size]
        position = header_end + 1 + size + 1
        texts[f"{revision}:{name}"] = parser.normalise(body.decode("utf-8"))
    return texts
