"""Writing the user's files: atomically, beside the real file, keeping its mode and owner.

Every file alinea writes goes through `write`: the bytes go to a temporary file in the same
folder as the real file (a symbolic link is followed, so the link stays and its target is
written), are flushed to disk, get the mode and owner of the file they replace, and only
then take its place in one `rename`. A reader sees the old file or the new one, never half of
one; on any error the temporary file is removed and the old file is left as it was. A target
that exists but is not a regular file (`/dev/null`, a folder, a pipe) is refused rather than
replaced: renaming over `/dev/null` as root would delete the device.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..dsl.errors import AlineaError, Diagnostic, UsageError

_REASONS = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération interdite",
    errno.ENOENT: "le dossier qui doit le contenir n'existe pas",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota disque dépassé",
    errno.ENAMETOOLONG: "nom trop long",
    errno.ELOOP: "trop de liens symboliques",
}


class Entry(enum.Enum):
    """What a path names on disk, asked once without raising."""

    FILE = "fichier"
    FOLDER = "dossier"
    OTHER = "autre"
    NONE = "rien"


def entry(path: str | Path) -> Entry:
    """What `path` names; a name the system refuses (too long, looping links, not allowed)
    names nothing, rather than escaping as an `OSError` that `pathlib` lets through."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return Entry.NONE
    if stat.S_ISDIR(mode):
        return Entry.FOLDER
    return Entry.FILE if stat.S_ISREG(mode) else Entry.OTHER


def reason(error: OSError) -> str:
    """The cause of an operating-system error, in French."""
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def write_error(path: str | Path, cause: str, hint: str | None = None) -> AlineaError:
    return AlineaError([Diagnostic("E040", f"écriture impossible de {path} : {cause}", None, hint)])


def checked_target(path: str | Path, *, option: str = "-o") -> Path:
    """The path an output option names, refused before any work when it is empty (an unset
    shell variable) or names something that is not a regular file."""
    if not str(path).strip():
        raise UsageError(
            [
                Diagnostic(
                    "U030",
                    f"{option} : chemin vide",
                    None,
                    "une variable non définie ? nommez le fichier à écrire",
                )
            ]
        )
    _refuse_special(path, "sans cette option, la sortie va sur la sortie standard")
    return Path(path)


def unreachable(path: str | Path) -> str | None:
    """Why `path` cannot be looked at (too long, looping links, a file in the middle of the
    path), in French; None when it exists or simply does not exist yet (a missing folder, or
    a file where a folder should be, is for the caller to name)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError:
        return "caractère nul dans le chemin"
    except OSError as error:
        return reason(error)
    return None


def _refuse_special(path: str | Path, hint: str | None = None) -> None:
    real = Path(os.path.realpath(path))
    cause = unreachable(real)
    if cause is not None:
        raise write_error(path, cause)
    parent = entry(real.parent)
    if parent is not Entry.FOLDER:
        cause = "un élément du chemin n'est pas un dossier"
        if parent is Entry.NONE:
            cause = "le dossier qui doit le contenir n'existe pas"
        raise write_error(path, cause)
    found = entry(real)
    if found is Entry.FOLDER:
        raise write_error(path, "c'est un dossier", hint)
    if found is Entry.OTHER:
        raise write_error(path, "ce n'est pas un fichier ordinaire", hint)
    if not os.access(real.parent, os.W_OK | os.X_OK):
        raise write_error(path, "permission refusée")
    if found is Entry.FILE and not os.access(real, os.W_OK):
        raise write_error(path, "fichier en lecture seule")


def write(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see the module docstring); an `AlineaError` naming
    the path, never a traceback, when it cannot be written."""
    with replacing(path) as temporary, open(temporary, "wb") as stream:
        stream.write(data)


@contextlib.contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary file beside `path` for the caller to write (a writer that streams, such as
    a Parquet writer, needs a path rather than bytes); when the block ends without error it
    takes `path`'s place in one rename, otherwise it is removed and `path` is left as it was."""
    _refuse_special(path)
    real = Path(os.path.realpath(path))
    try:
        previous: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        previous = None
    except OSError as error:
        raise write_error(path, reason(error)) from None
    import tempfile  # with shutil and random: imported by the runs that write, only

    try:
        descriptor, name = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as error:
        raise write_error(path, reason(error)) from None
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            _same_owner_and_mode(stream.fileno(), previous)
            os.fsync(stream.fileno())
        os.replace(temporary, real)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise write_error(path, reason(error)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(real.parent)


def write_text(path: str | Path, text: str) -> None:
    write(path, text.encode("utf-8"))


def _same_owner_and_mode(descriptor: int, previous: os.stat_result | None) -> None:
    """The mode of the file replaced (or the umask's default for a new file), and its owner
    when the user may give it (root, or a group the user belongs to)."""
    if previous is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(descriptor, 0o666 & ~umask)
        return
    with contextlib.suppress(OSError):
        os.fchown(descriptor, previous.st_uid, previous.st_gid)
    os.fchmod(descriptor, stat.S_IMODE(previous.st_mode))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder, hence best effort."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
