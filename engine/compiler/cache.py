"""The on-disk cache of parsed rule files: JSON data, checked, never code.

Parsing is most of a cold load (Lark, in Python); the compiler passes are fast. So the cache
keeps the parsed modules only (`dsl.serial`: the AST as validated JSON) and the passes run
again on every load, re-deriving the program from a checked tree.

Whoever can write the cache folder decides what the next run reads, so the folder must be
one's own: it is created 0700, and one owned by someone else or writable by group or others
is not used at all. An entry names its content key inside and is used only when that key is
the one expected; it is written to a temporary file then renamed, so a reader sees a whole
entry or none. Anything unexpected in an entry (not JSON, truncated, another format or key,
a node that does not type) makes the caller compile from the source, without a word.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from ...dsl import nodes, serial

FORMAT = "alinea-cache"
VERSION = 1
MAX_ENTRY_BYTES = 256 * 1024 * 1024
KEPT_ENTRIES = 64


def folder() -> Path:
    """`ALINEA_CACHE_DIR`, else `$XDG_CACHE_HOME/alinea`, else `~/.cache/alinea`."""
    if os.environ.get("ALINEA_CACHE_DIR"):
        return Path(os.environ["ALINEA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "alinea"


def load(key: str, paths: list[str]) -> tuple[nodes.Module, ...] | None:
    """The modules stored under `key` for these files, in this order; None if there is no
    usable entry."""
    where = _own_folder(create=False)
    if where is None:
        return None
    try:
        data = json.loads(_read_entry(where / f"{key}.json"))
        return _modules(data, key, paths)
    except Exception:  # an entry is untrusted data: whatever is wrong, compile from source
        return None


def store(key: str, modules: tuple[nodes.Module, ...]) -> None:
    """Write the entry for `key`; a folder that cannot be used or written is left alone."""
    where = _own_folder(create=True)
    if where is None:
        return
    try:
        entry = {
            "format": FORMAT,
            "version": VERSION,
            "key": key,
            "modules": [serial.encode(module) for module in modules],
        }
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    except (ValueError, RecursionError):
        return
    _write_atomically(where, f"{key}.json", data)
    _prune(where)


def _own_folder(*, create: bool) -> Path | None:
    """The cache folder if it is safe to use: a directory of ours that only we can write."""
    where = folder()
    try:
        if create:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = where.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _ours(info):
        return None
    return where


def _ours(info: os.stat_result) -> bool:
    owner = getattr(os, "getuid", None)
    owned = owner is None or info.st_uid == owner()
    return owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_entry(path: Path) -> bytes:
    """An entry's bytes: a regular file of ours (a link is not followed), of bounded size."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or not _ours(info):
            raise ValueError("not a cache entry of ours")
        data = file.read(MAX_ENTRY_BYTES + 1)
    if len(data) > MAX_ENTRY_BYTES:
        raise ValueError("cache entry too large")
    return data


def _modules(data: Any, key: str, paths: list[str]) -> tuple[nodes.Module, ...] | None:
    if not (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and data.get("version") == VERSION
        and data.get("key") == key
        and isinstance(data.get("modules"), list)
    ):
        return None
    modules = tuple(serial.decode(item) for item in data["modules"])
    if [module.path for module in modules] != paths:
        return None
    return modules


def _write_atomically(where: Path, name: str, data: bytes) -> None:
    import tempfile  # with shutil and random: imported by the loads that store, only

    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=where)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, where / name)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(where: Path) -> None:
    """Keep the `KEPT_ENTRIES` most recent entries: each edit of a rule base makes a new one.
    A reader that loses an entry this way compiles from the source."""
    try:
        found = [(entry.stat().st_mtime, entry) for entry in where.glob("*.json")]
    except OSError:
        return
    for _, entry in sorted(found, reverse=True)[KEPT_ENTRIES:]:
        with contextlib.suppress(OSError):
            entry.unlink()
