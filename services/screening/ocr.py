"""Text on a file: Tesseract OCR (rus+eng) through pytesseract, or a PDF's own text layer.

Tesseract is a system program (`apt-get install tesseract-ocr tesseract-ocr-rus`); without it the
other checks still run and the text check reports that it did not run.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess

from PIL import Image

log = logging.getLogger(__name__)
LANGUAGES = "rus+eng"
TIMEOUT_S = 30
# Tesseract reads best with letters ~20-30 px tall; screenshots have ~12-16 px ones.
MIN_WIDTH, MAX_WIDTH = 1000, 1600


@functools.cache
def tesseract_languages() -> frozenset[str]:
    """The languages the installed Tesseract knows; empty when it is missing."""
    binary = shutil.which("tesseract")
    if binary is None:
        return frozenset()
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = listed.stdout.splitlines()[1:]  # the first line names the folder
    return frozenset(line.strip() for line in lines if line.strip())


def ocr_available() -> bool:
    return {"rus", "eng"} <= tesseract_languages()


def read_image(image: Image.Image) -> str:
    """The text Tesseract reads on the image (single-threaded: the pool gives the parallelism)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = image.convert("L")
    if gray.width < MIN_WIDTH:
        factor = min(2.0, MIN_WIDTH / gray.width)
        gray = gray.resize(
            (round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS
        )
    elif gray.width > MAX_WIDTH:
        factor = MAX_WIDTH / gray.width
        gray = gray.resize((MAX_WIDTH, round(gray.height * factor)), Image.Resampling.LANCZOS)
    text = pytesseract.image_to_string(gray, lang=LANGUAGES, config="--psm 3", timeout=TIMEOUT_S)
    return str(text)
