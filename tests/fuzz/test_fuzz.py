"""Fuzzing through the real entry point: damaged rule files, situations, golden files and
command lines never crash alinea (no traceback, no `erreur interne`), whatever they hold.

`make test` runs a bounded, derandomised slice (`ALINEA_FUZZ_EXAMPLES`, 25 per target by
default); `make fuzz` runs thousands of random ones and `bench/fuzz_report.py` the figures.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.engine import load

from . import harness, mutations, situations, targets

EXAMPLES = int(os.environ.get("ALINEA_FUZZ_EXAMPLES", "25"))
RANDOM = os.environ.get("ALINEA_FUZZ_RANDOM") == "1"
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RULE_FILES = harness.seeds(harness.ROOT / "regles", "*.alinea")
GOLDEN_FILES = harness.seeds(harness.ROOT / "golden", "*.yaml")
FACTS = {name: fact.type for name, fact in load().program.facts.items()}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[harness.Workspace]:
    with harness.debug_mode(cache=None):
        yield harness.Workspace(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("scratch")
    with harness.debug_mode(cache=folder / "cache"):
        yield folder


@FUZZ
@given(seed=st.sampled_from(RULE_FILES), damage=mutations.strategy())
def test_a_damaged_rule_file_is_diagnosed_not_crashed(
    workspace: harness.Workspace, seed: Path, damage: list[mutations.Mutation]
) -> None:
    text = mutations.apply(seed.read_text(encoding="utf-8"), damage)
    targets.rule_file(workspace, seed.name, text)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 5))
@given(seed=st.sampled_from(RULE_FILES), damage=mutations.strategy())
def test_the_diff_with_a_damaged_rule_base_never_crashes(
    workspace: harness.Workspace, seed: Path, damage: list[mutations.Mutation]
) -> None:
    text = mutations.apply(seed.read_text(encoding="utf-8"), damage)
    targets.rule_diff(workspace, harness.ROOT / "regles", seed.name, text)


@FUZZ
@given(text=situations.strategy(FACTS), day=st.sampled_from(targets.DATES))
def test_a_hostile_situation_is_refused_or_evaluated_never_crashed(
    scratch: Path, text: str, day: str
) -> None:
    targets.situation(scratch, text, day)


@FUZZ
@given(seed=st.sampled_from(GOLDEN_FILES), damage=mutations.strategy())
def test_a_damaged_golden_file_is_reported_not_crashed(
    scratch: Path, seed: Path, damage: list[mutations.Mutation]
) -> None:
    targets.golden(scratch, mutations.apply(seed.read_text(encoding="utf-8"), damage))


@FUZZ
@given(seed=st.integers(0, 2**32))
def test_any_command_line_is_refused_or_run_never_crashed(scratch: Path, seed: int) -> None:
    harness.run(targets.draw_arguments(random.Random(seed), scratch))


def test_the_harness_sees_a_crash(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness is only worth its zero if it catches a crash when there is one."""

    def explode(arguments: object) -> int:
        raise RuntimeError("boum")

    from alinea.cli.commands import check

    monkeypatch.setattr(check, "run", explode)
    with pytest.raises(RuntimeError, match="boum"):
        harness.run(["check"])
