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
from dataclasses import dataclass

from PIL import Image

log = logging.getLogger(__name__)
LANGUAGES = "rus+eng"
TIMEOUT_S = 30
# Tesseract reads best with letters ~20-30 px tall; screenshots have ~12-16 px ones. Narrow
# pictures are enlarged; big ones (a phone's tall screenshot, a photo) brought to ~1.2 MP, which
# keeps their letters legible and the time Tesseract takes near a second.
MIN_WIDTH = 1000
MAX_PIXELS = 1_200_000
CONFIDENT = 60  # Tesseract's per-word confidence (0-100) for a word that counts as read


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


@dataclass(frozen=True, slots=True)
class Reading:
    text: str  # every word Tesseract saw, line by line
    confident: int  # words of three letters or more read with confidence ≥ CONFIDENT


def read_image(image: Image.Image) -> Reading | None:
    """The text Tesseract reads on the image (single-threaded: the pool gives the parallelism);
    None when it ran out of time, so the file's text counts as not checked instead of the whole
    check failing (and being tried again and again by the sweep)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = image.convert("L")
    factor = 1.0
    if gray.width < MIN_WIDTH:
        factor = min(2.0, MIN_WIDTH / gray.width)
    elif gray.width * gray.height > MAX_PIXELS:
        factor = (MAX_PIXELS / (gray.width * gray.height)) ** 0.5
    if factor != 1.0:
        size = (round(gray.width * factor), round(gray.height * factor))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    try:
        data = pytesseract.image_to_data(
            gray,
            lang=LANGUAGES,
            config="--psm 3",
            timeout=TIMEOUT_S,
            output_type=pytesseract.Output.DICT,
        )
    except RuntimeError as error:  # pytesseract's way of saying the timeout passed
        if "timeout" not in str(error).lower():
            raise
        log.warning("OCR gave up after %s s on a %sx%s image", TIMEOUT_S, *gray.size)
        return None
    lines: dict[tuple[int, int, int], list[str]] = {}
    confident = 0
    for word, conf, block, paragraph, line in zip(
        data["text"],
        data["conf"],
        data["block_num"],
        data["par_num"],
        data["line_num"],
        strict=True,
    ):
        word = str(word).strip()
        if not word:
            continue
        lines.setdefault((int(block), int(paragraph), int(line)), []).append(word)
        letters = sum(ch.isalpha() for ch in word)
        if float(conf) >= CONFIDENT and letters >= 3:
            confident += 1
    return Reading("\n".join(" ".join(words) for words in lines.values()), confident)
