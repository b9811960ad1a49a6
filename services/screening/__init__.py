"""Checks of confirmation files on arrival: readable, on topic, not a copy.

Each stored file is inspected in a bounded worker pool (services/screening/pool.py): its real
type, size and blankness, perceptual hashes, and its text (Tesseract OCR or a PDF's text layer).
Copies of earlier files are found through the hash index and confirmed pixel by pixel
(hashes.py, copies.py); the text is held against what a confirmation of the step should show
(data/screening.yaml, expectations.py); the findings add up to a verdict (verdict.py).
No aiogram here: the sweep and the review screens call service.py.
"""

from services.screening.pool import Screener
from services.screening.service import (
    FileResult,
    ScreeningResult,
    UnknownStepError,
    auto_accept_steps,
    review_lines,
    screen_one,
    screen_pending,
    screen_submission,
    set_auto_accept,
)
from services.screening.verdict import Code, Line, Verdict, describe, lines

__all__ = [
    "Code",
    "FileResult",
    "Line",
    "Screener",
    "ScreeningResult",
    "UnknownStepError",
    "Verdict",
    "auto_accept_steps",
    "describe",
    "lines",
    "review_lines",
    "screen_one",
    "screen_pending",
    "screen_submission",
    "set_auto_accept",
]
