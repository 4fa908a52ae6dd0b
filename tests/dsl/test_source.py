"""Reading input: at most one byte past the limit, a BOM accepted, non-UTF-8 said in French."""

from __future__ import annotations

import contextlib
import io
import os
import threading
from pathlib import Path

import pytest

from alinea.dsl import source


def test_a_file_within_its_limit_is_read_without_its_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfdonn\xc3\xa9e\n")
    assert source.read_bounded(path, 100) == "donnée\n"


def test_a_file_past_its_limit_is_refused_with_the_line_of_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"1\n2\n3\n4\n")
    with pytest.raises(source.TooLarge) as error:
        source.read_bounded(path, 5)
    assert (error.value.limit, error.value.line) == (5, 3)
    assert source.read_bounded(path, 8) == "1\n2\n3\n4\n"


def test_dev_zero_stops_at_the_limit() -> None:
    with pytest.raises(source.TooLarge) as error:
        source.read_bounded("/dev/zero", source.MIB)
    assert source.reason(error.value) == "fichier trop volumineux : plus de 1 Mio"


def test_a_stream_reads_at_most_one_byte_past_the_limit() -> None:
    stream = io.BytesIO(b"x" * 1000)
    with pytest.raises(source.TooLarge):
        source.read_stream(stream, 10)
    assert stream.tell() == 11
    assert source.read_stream(io.StringIO("\ufeffâge: 3\n"), 20) == "âge: 3\n"


def test_bytes_that_are_not_utf8_are_named_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("ligne 1\nâge\n".encode("latin-1"))
    with pytest.raises(source.NotUtf8) as error:
        source.read_bounded(path, 100)
    assert source.reason(error.value) == "le fichier n'est pas en UTF-8 (octet 0xe2, ligne 2)"


@pytest.mark.parametrize(
    ("limit", "shown"),
    [(4 * source.MIB, "4 Mio"), (512 * 1024, "512 Kio"), (1000, "1000 octets")],
)
def test_limits_are_shown_in_french_units(limit: int, shown: str) -> None:
    assert source.size(limit) == shown


def test_a_missing_file_or_a_folder_is_said_in_french(tmp_path: Path) -> None:
    with pytest.raises(OSError) as missing:
        source.read_bounded(tmp_path / "absent.json", 100)
    with pytest.raises(OSError) as folder:
        source.read_bounded(tmp_path, 100)
    assert source.reason(missing.value) == "fichier introuvable"
    assert source.reason(folder.value) == "c'est un dossier, pas un fichier"


def test_an_endless_pipe_stops_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)

    def endless() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as pipe:
            while True:
                pipe.write(b"x" * 65536)

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    with pytest.raises(source.TooLarge):
        source.read_bounded(fifo, source.MIB)
    writer.join(timeout=10)
    assert not writer.is_alive()
