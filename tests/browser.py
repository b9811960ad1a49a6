"""Headless Chromium from the system packages, driven by Selenium through /usr/bin/chromedriver
(no browser is downloaded). Tests that need it skip when it is missing, unless CI=true."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# The machine's network is closed: without these Chromium waits on lookups it will never get.
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
    "--hide-scrollbars",
    "--lang=ru",
)


def require_chromium() -> None:
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return
    reason = f"Chromium or chromedriver not installed ({CHROMIUM}, {CHROMEDRIVER})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run installs them (apt-get install chromium chromium-driver)")
    pytest.skip(reason)


@contextmanager
def chromium(width: int = 1280, height: int = 900, scale: float = 1.0) -> Iterator[object]:
    """A fresh headless Chromium with its own profile, closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="board-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    if scale != 1.0:
        options.add_argument(f"--force-device-scale-factor={scale}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
