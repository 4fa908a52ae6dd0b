"""The file formats of a population, in and out, told by the file's extension."""

from __future__ import annotations

import enum
from pathlib import Path

from ...dsl.errors import Diagnostic, UsageError


class Format(enum.Enum):
    PARQUET = "parquet"
    CSV = "csv"
    JSONL = "jsonl"


SUFFIXES = {".parquet": Format.PARQUET, ".csv": Format.CSV, ".jsonl": Format.JSONL}
SUFFIXES[".ndjson"] = Format.JSONL


def of(path: str | Path, option: str = "POPULATION") -> Format:
    """The format `path`'s extension names; a usage error (P020) for any other."""
    found = SUFFIXES.get(Path(path).suffix.lower())
    if found is None:
        raise UsageError(
            [
                Diagnostic(
                    "P020",
                    f"{option} : format inconnu pour « {path} »",
                    None,
                    "une population est un fichier .parquet, .csv ou .jsonl (une situation "
                    "JSON par ligne)",
                )
            ]
        )
    return found
