"""A real browser for the tests: Debian's headless Chromium, driven by selenium through
/usr/bin/chromedriver (nothing downloaded). Screenshots land in tests/artifacts/.

Set ALINEA_SKIP_BROWSER=1 to skip on a machine without Chromium; otherwise a missing
browser fails the test, so CI cannot pass without having run it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--lang=fr-FR",
)


@contextlib.contextmanager
def chromium(size: tuple[int, int] = (1280, 1600)) -> Iterator[Any]:
    """A selenium WebDriver of headless Chromium at a window `size`, quit on exit."""
    if os.environ.get("ALINEA_SKIP_BROWSER") == "1":
        pytest.skip("ALINEA_SKIP_BROWSER=1 : test du navigateur désactivé")
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if shutil.which(p) is None]
    if missing:
        pytest.fail(
            f"navigateur introuvable : {', '.join(missing)} — installez les paquets Debian "
            "chromium et chromium-driver (.ci/run le fait), ou posez ALINEA_SKIP_BROWSER=1"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="alinea-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--window-size={size[0]},{size[1]}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
