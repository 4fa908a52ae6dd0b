"""Run `alinea` as a user without privileges, so that a read-only folder really is read-only.

The tests run as root in CI, and root writes anywhere: a command that should be refused a
folder by its permissions runs in a forked child that has become `nobody` (the interpreter
may live in root's private home, so the child keeps the parent's loaded modules rather than
starting a new one). As another user the child simply keeps that user.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import attrs

from alinea.cli.main import main

NOBODY = 65534
metadata.version("alinea")  # its lazy imports, done here: the child may not read the stdlib


@attrs.frozen
class Done:
    code: int
    out: str
    err: str


def shared_folder() -> Path:
    """A fresh folder that `nobody` can enter and read (pytest's `tmp_path` is private)."""
    folder = Path(tempfile.mkdtemp(prefix="alinea-ro-"))
    folder.chmod(0o755)
    return folder


def alinea(*arguments: str, cwd: Path) -> Done:
    """`alinea ARGUMENTS` in `cwd`, as `nobody` when the tests run as root."""
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit code and pipes
        code = 1
        try:
            os.close(out_read)
            os.close(err_read)
            os.chdir(cwd)
            os.environ["ALINEA_CACHE_DIR"] = str(cwd / ".cache-inaccessible")
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            sys.stdout = io.TextIOWrapper(os.fdopen(out_write, "wb"), encoding="utf-8")
            sys.stderr = io.TextIOWrapper(os.fdopen(err_write, "wb"), encoding="utf-8")
            try:
                code = main(list(arguments))
            except SystemExit as exit_:
                code = int(exit_.code or 0)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(out_write)
    os.close(err_write)
    with os.fdopen(out_read, encoding="utf-8") as out, os.fdopen(err_read, encoding="utf-8") as err:
        printed, errors = out.read(), err.read()
    _, status = os.waitpid(child, 0)
    return Done(os.waitstatus_to_exitcode(status), printed, errors)
