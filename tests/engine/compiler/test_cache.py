"""The on-disk cache is data, never code: whatever is planted there, a load compiles cleanly."""

from __future__ import annotations

import json
import os
import pickle
import stat
import threading
from pathlib import Path

import pytest

from alinea.dsl import parser
from alinea.engine import load
from alinea.engine.compiler import cache, loader
from alinea.engine.rulebase import RuleBase

RULES = Path(__file__).parents[1] / "fixtures" / "semantique.alinea"
DAY = "2021-03-01"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("ALINEA_CACHE_DIR", str(where))
    return where


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def summary(base: RuleBase) -> tuple[list[str], list[str], list[str]]:
    return base.rules, base.facts, [str(w) for w in base.program.warnings]


class Payload:
    """What an attacker plants: unpickling it creates a file (it could run any command)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_load_writes_one_json_entry_in_a_private_folder(folder: Path) -> None:
    load(RULES)
    [entry] = entries(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["key"]) == ("alinea-cache", 1, entry.stem)


def test_a_cached_load_gives_the_program_a_cold_load_gives(folder: Path) -> None:
    cold = load(RULES, cache=False)
    load(RULES)
    cached = load(RULES)
    assert summary(cached) == summary(cold)
    assert cached.program.modules == cold.program.modules
    assert [m.comments for m in cached.program.modules] == [
        m.comments for m in cold.program.modules
    ]


def test_a_planted_cache_file_cannot_run_code(folder: Path, tmp_path: Path) -> None:
    load(RULES)
    [entry] = entries(folder)
    marker = tmp_path / "owned"
    exploit = pickle.dumps(Payload(marker))
    entry.write_bytes(exploit)
    entry.with_suffix(".pickle").write_bytes(exploit)  # where the old cache looked
    base = load(RULES)
    assert not marker.exists()
    assert summary(base) == summary(load(RULES, cache=False))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02garbage",
        b'{"format": "alinea-cache", "version": 1, "key": ',
        b"[" * 100_000 + b"]" * 100_000,
        b'"just a string"',
    ],
    ids=["empty", "binary", "truncated", "deeply-nested", "not-an-object"],
)
def test_a_corrupt_or_truncated_entry_means_a_clean_compile(folder: Path, content: bytes) -> None:
    load(RULES)
    [entry] = entries(folder)
    entry.write_bytes(content)
    assert summary(load(RULES)) == summary(load(RULES, cache=False))


def doctored(entry: Path, change: str) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    module = data["modules"][0]
    if change == "version":
        data["version"] = 999
    elif change == "key":
        data["key"] = "0" * 64
    elif change == "unknown class":
        module[3][0][0] = "__import__"
    elif change == "wrong field type":
        module[3][0][2] = {"a": 1}
    elif change == "extra field":
        module[3][0].append("surplus")
    elif change == "bad span":
        module[3][0][1] = [1, "x", 2, 3]
    elif change == "other file":
        module[2] = "ailleurs.alinea"
    entry.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        "version",
        "key",
        "unknown class",
        "wrong field type",
        "extra field",
        "bad span",
        "other file",
    ],
)
def test_a_doctored_entry_is_not_used(folder: Path, change: str) -> None:
    load(RULES)
    [entry] = entries(folder)
    doctored(entry, change)
    texts = loader._read(loader.rule_files([RULES]))
    assert cache.load(entry.stem, list(texts)) is None
    assert summary(load(RULES)) == summary(load(RULES, cache=False))


def plant_label(entry: Path) -> str:
    """Rewrite a valid entry so that its first fact has another label; return the fact."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    fact = next(item for item in data["modules"][0][3] if item[0] == "Fact")
    fact[6] = "planted"  # Fact: class, span, name, type, question, description, label…
    entry.write_text(json.dumps(data), encoding="utf-8")
    return str(fact[2])


def label(base: RuleBase, fact: str) -> str | None:
    return base.program.facts[fact].decl.label


def test_an_entry_in_ones_own_folder_is_read(folder: Path) -> None:
    load(RULES)
    [entry] = entries(folder)
    fact = plant_label(entry)
    assert label(load(RULES), fact) == "planted"  # the planted tree is what got compiled


def test_a_world_writable_cache_folder_is_not_used(folder: Path) -> None:
    load(RULES)
    [entry] = entries(folder)
    fact = plant_label(entry)
    folder.chmod(0o777)
    assert label(load(RULES), fact) != "planted"
    entry.unlink()
    load(RULES)
    assert entries(folder) == []  # nor written


def test_a_cache_folder_owned_by_someone_else_is_not_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(RULES)
    [entry] = entries(folder)
    fact = plant_label(entry)
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 4242)
    assert label(load(RULES), fact) != "planted"


def test_an_entry_that_is_a_link_is_not_followed(folder: Path, tmp_path: Path) -> None:
    load(RULES)
    [entry] = entries(folder)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    texts = loader._read(loader.rule_files([RULES]))
    assert cache.load(entry.stem, list(texts)) is None


def test_concurrent_writers_and_readers_see_whole_entries_or_none(folder: Path) -> None:
    texts = loader._read(loader.rule_files([RULES]))
    modules = tuple(parser.parse(text, path) for path, text in texts.items())
    key = "concurrent"
    seen: list[object] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(15):
                cache.store(key, modules)
                seen.append(cache.load(key, list(texts)))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(found == modules for found in seen)
    assert [p.name for p in folder.iterdir()] == [f"{key}.json"]  # no temporary file left


def test_only_the_most_recent_entries_are_kept(folder: Path) -> None:
    texts = loader._read(loader.rule_files([RULES]))
    modules = tuple(parser.parse(text, path) for path, text in texts.items())
    for index in range(cache.KEPT_ENTRIES + 5):
        cache.store(f"cle{index:03}", modules)
        os.utime(folder / f"cle{index:03}.json", (index, index))
    kept = [p.stem for p in entries(folder)]
    assert kept == [f"cle{index:03}" for index in range(5, cache.KEPT_ENTRIES + 5)]
