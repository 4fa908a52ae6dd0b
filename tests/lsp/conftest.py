"""A copy of the bundled rule base to open, edit and break, and the server reading it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_lsp

from tests.conftest import ROOT

from .session import Client, config, start

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`regles/` copied into a fresh folder (the server may read, never write it)."""
    where = tmp_path_factory.mktemp("base")
    shutil.copytree(ROOT / "regles", where / "regles")
    return where / "regles"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of the module's own, for the server it starts."""
    where = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ALINEA_CACHE_DIR", str(where))
        yield where


@pytest_lsp.fixture(scope="module", config=config())
async def client(lsp_client: Client, base: Path, cache: Path) -> AsyncIterator[Client]:
    await start(lsp_client, base.parent)
    yield lsp_client
    await lsp_client.shutdown_session()
