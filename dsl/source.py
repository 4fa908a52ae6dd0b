"""Reading what users hand us: bounded in size, UTF-8 with or without a byte-order mark.

Every file alinea reads (rule files, situations, golden cases) goes through `read_bounded`,
which reads at most one byte past its limit: a file too large, `/dev/zero` or an endless
pipe stop there with `TooLarge` instead of filling the memory.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import IO

MIB = 1024 * 1024
RULE_FILE_LIMIT = 2 * MIB  # ten times the whole bundled base; checked in under 10 s
SITUATION_LIMIT = 16 * MIB
GOLDEN_LIMIT = 16 * MIB
MAX_STRING_LENGTH = 10_000
BOM = "\ufeff"


class TooLarge(Exception):
    """More than `limit` bytes; `line` is the line the limit falls on."""

    def __init__(self, limit: int, line: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit
        self.line = line


class NotUtf8(Exception):
    """Bytes that are not UTF-8, at line `line` (1-based)."""

    def __init__(self, byte: int, line: int) -> None:
        super().__init__(f"byte 0x{byte:02x} at line {line}")
        self.byte = byte
        self.line = line


def read_bounded(path: str | Path, limit: int) -> str:
    """The text of a file of at most `limit` bytes; raises `OSError`, `TooLarge`, `NotUtf8`."""
    with open(path, "rb") as file:
        return read_stream(file, limit)


def read_stream(stream: IO[bytes] | IO[str], limit: int) -> str:
    """The text of a stream (standard input, a pipe), read up to one byte past `limit`."""
    data = stream.read(limit + 1)
    return decode(data.encode() if isinstance(data, str) else data, limit)


def decode(data: bytes, limit: int | None = None) -> str:
    """UTF-8 text without its byte-order mark; `TooLarge` past `limit` bytes."""
    if limit is not None and len(data) > limit:
        raise TooLarge(limit, data.count(b"\n", 0, limit) + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data[error.start], data.count(b"\n", 0, error.start) + 1) from None


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith(BOM) else text


def size(limit: int) -> str:
    """`4 Mio`, `512 Kio`: a limit as French users read it."""
    if limit % MIB == 0:
        return f"{limit // MIB} Mio"
    return f"{limit // 1024} Kio" if limit % 1024 == 0 else f"{limit} octets"


def reason(error: TooLarge | NotUtf8 | OSError) -> str:
    """Why a file could not be read, in French."""
    if isinstance(error, TooLarge):
        return f"fichier trop volumineux : plus de {size(error.limit)}"
    if isinstance(error, NotUtf8):
        return f"le fichier n'est pas en UTF-8 (octet 0x{error.byte:02x}, ligne {error.line})"
    return _ERRNO.get(error.errno or 0) or error.strerror or str(error)


_ERRNO = {
    errno.ENOENT: "fichier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "permission refusée",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}
