"""Fixtures of the screening tests: generated pictures written where the checks read them."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from services.screening.ocr import ocr_available
from tests.screening import generate as g


def need_tesseract() -> None:
    """OCR tests skip without Tesseract, except under CI=true where it must be installed."""
    if ocr_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Tesseract with rus+eng is required under CI=true (see .ci/run)")
    pytest.skip("Tesseract with rus+eng is not installed")


@pytest.fixture(autouse=True)
def _fonts() -> None:
    if not g.fonts_available():
        if os.environ.get("CI") == "true":
            pytest.fail("DejaVu fonts are required under CI=true (fonts-dejavu-core)")
        pytest.skip("DejaVu fonts are not installed")


@pytest.fixture
def rng() -> random.Random:
    return random.Random(7)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def put(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return put


@pytest.fixture
def medk(rng: random.Random) -> Image.Image:
    """An ИС МЭДК upload page of school 0 naming school 1 as its partner."""
    return g.medk_page(rng, g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 10, 12), (1366, 768)).image


@pytest.fixture
def other_medk(rng: random.Random) -> Image.Image:
    """The same page of another pair of schools at the same window size: alike, not a copy."""
    return g.medk_page(rng, g.SCHOOLS[2], g.SCHOOLS[3], date(2022, 10, 11), (1366, 768)).image
