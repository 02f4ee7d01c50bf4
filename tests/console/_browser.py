"""Headless Chromium (Debian's ``chromium`` + ``chromium-driver``) driven by Selenium.

No browser is downloaded: Selenium is pointed at /usr/bin/chromium and /usr/bin/chromedriver.
Where they are missing the browser tests skip with one line naming the packages; under
``CI=true`` they fail instead. ``INFISICAL_KIT_SCREENSHOTS=1`` makes the tests save the
screenshots that illustrate docs/console.md into docs/images/.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = (
    "browser tests need Debian's chromium and chromium-driver "
    "(apt-get install -y chromium chromium-driver)"
)
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
    "--window-size=1280,860",
)
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"


def require_browser() -> None:
    """Skip (fail under CI) when Chromium or its driver is not installed."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(MISSING)
    pytest.skip(MISSING)


@contextmanager
def chromium() -> Iterator[object]:
    """A fresh headless Chromium with its own profile directory."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="ik-chromium-") as profile:
        options = Options()
        options.binary_location = str(CHROMIUM)
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        driver.implicitly_wait(0)
        try:
            yield driver
        finally:
            driver.quit()


def screenshot(driver: object, name: str) -> None:
    """Save ``docs/images/console-<name>.png`` when INFISICAL_KIT_SCREENSHOTS=1."""
    if os.environ.get("INFISICAL_KIT_SCREENSHOTS") != "1":
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"console-{name}.png"))  # type: ignore[attr-defined]
