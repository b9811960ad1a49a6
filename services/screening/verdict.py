"""Findings, the verdict they add up to, and the words a review card says about them.

A finding is a small JSON object `{"code": …, …}` stored with the file or the submission. Each
code has a weight: «подозрительно» (suspicious), «стоит посмотреть» (unclear) or none; the verdict
is the heaviest one present, «выглядит верно» (ok) when there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from core.i18n import Arg


class Verdict(StrEnum):
    OK = "ok"
    UNCLEAR = "unclear"
    SUSPICIOUS = "suspicious"


RANK = {Verdict.OK: 0, Verdict.UNCLEAR: 1, Verdict.SUSPICIOUS: 2}


class Code(StrEnum):
    # about one file
    UNREADABLE = "unreadable"  # neither an image nor a PDF that opens
    TYPE_MISMATCH = "type_mismatch"  # declared one type, is another
    UNSUPPORTED = "unsupported"  # a format the checks cannot open (HEIC)
    TINY = "tiny"
    BLANK = "blank"
    COPY = "copy"  # the same picture as an earlier file of another school, step or season
    NO_TEXT = "no_text"  # the text was read and there is almost none
    PICTURE = "picture"  # no text and nothing like text: a picture, not a screenshot
    TEXT_UNCHECKED = "text_unchecked"  # no Tesseract (or a PDF page without a text layer)
    NOTHING_OF_STEP = "nothing_of_step"  # of several files, this one shows nothing expected
    # about the submission
    FOUND = "found"  # which expectations were met (and which not)
    MISSING = "missing"  # some required ones were not
    OFF_TOPIC = "off_topic"  # readable text, none of what the step's confirmation shows
    OTHER_STEP = "other_step"  # shows another step's confirmation instead
    DATE_LATE = "date_late"
    DATE_OLD = "date_old"


FOUND_KEY = "screening-reason-found"  # what was found: listed after the reasons

WEIGHT: dict[Code, Verdict] = {
    Code.UNREADABLE: Verdict.SUSPICIOUS,
    Code.TINY: Verdict.SUSPICIOUS,
    Code.BLANK: Verdict.SUSPICIOUS,
    Code.COPY: Verdict.SUSPICIOUS,
    Code.OFF_TOPIC: Verdict.SUSPICIOUS,
    Code.OTHER_STEP: Verdict.SUSPICIOUS,
    Code.TYPE_MISMATCH: Verdict.UNCLEAR,
    Code.UNSUPPORTED: Verdict.UNCLEAR,
    Code.NO_TEXT: Verdict.UNCLEAR,
    Code.PICTURE: Verdict.SUSPICIOUS,
    Code.TEXT_UNCHECKED: Verdict.UNCLEAR,
    Code.NOTHING_OF_STEP: Verdict.UNCLEAR,
    Code.MISSING: Verdict.UNCLEAR,
    Code.DATE_LATE: Verdict.UNCLEAR,
    Code.DATE_OLD: Verdict.UNCLEAR,
    Code.FOUND: Verdict.OK,
}


def finding(code: Code, **args: Any) -> dict[str, Any]:
    return {"code": code.value, **args}


def verdict_of(findings: Iterable[Mapping[str, Any]]) -> Verdict:
    worst = Verdict.OK
    for item in findings:
        weight = WEIGHT.get(Code(item["code"]), Verdict.OK)
        if RANK[weight] > RANK[worst]:
            worst = weight
    return worst


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return max(verdicts, key=RANK.__getitem__, default=Verdict.OK)


# --- the words on a review card -------------------------------------------------------------

VERDICT_KEYS = {
    Verdict.OK: "screening-verdict-ok",
    Verdict.UNCLEAR: "screening-verdict-unclear",
    Verdict.SUSPICIOUS: "screening-verdict-suspicious",
}
UNCHECKED_KEY = "screening-verdict-unchecked"
UNCHECKED = "unchecked"  # a submission the bot has not checked (yet), as lists filter it
# The verdicts a list can be narrowed to, in the review queue's order.
VERDICT_FILTERS = (Verdict.SUSPICIOUS.value, Verdict.UNCLEAR.value, Verdict.OK.value, UNCHECKED)
REASON_KEYS = {
    Code.UNREADABLE: "screening-reason-unreadable",
    Code.TYPE_MISMATCH: "screening-reason-type-mismatch",
    Code.UNSUPPORTED: "screening-reason-unsupported",
    Code.TINY: "screening-reason-tiny",
    Code.BLANK: "screening-reason-blank",
    Code.COPY: "screening-reason-copy",
    Code.NO_TEXT: "screening-reason-no-text",
    Code.PICTURE: "screening-reason-picture",
    Code.TEXT_UNCHECKED: "screening-reason-text-unchecked",
    Code.NOTHING_OF_STEP: "screening-reason-nothing-of-step",
    Code.FOUND: FOUND_KEY,
    Code.MISSING: "screening-reason-missing",
    Code.OFF_TOPIC: "screening-reason-off-topic",
    Code.OTHER_STEP: "screening-reason-other-step",
    Code.DATE_LATE: "screening-reason-date-late",
    Code.DATE_OLD: "screening-reason-date-old",
}
# Names of expectations (data/screening.yaml ids), listed in "found" and "missing".
EXPECTATION_KEYS = {
    "partner": "screening-expect-partner",
    "correspondence": "screening-expect-correspondence",
    "documents": "screening-expect-documents",
    "forms": "screening-expect-forms",
    "meeting": "screening-expect-meeting",
    "medk": "screening-expect-medk",
    "upload": "screening-expect-upload",
    "selfdiag": "screening-expect-selfdiag",
    "date": "screening-expect-date",
}
AUTO_ACCEPTED_KEY = "screening-auto-accepted"


def verdict_key(verdict: str | None) -> str:
    """The text key of a stored verdict; not checked yet (None, pending, unknown) otherwise."""
    known = {item.value: key for item, key in VERDICT_KEYS.items()}
    return known.get(verdict or "", UNCHECKED_KEY)


def copied_from(findings: Iterable[Mapping[str, Any]]) -> list[tuple[int, str]]:
    """(other submission id, its school's name) of each copy finding, each submission once, in
    the order found."""
    found: dict[int, str] = {}
    for item in findings:
        if item.get("code") == Code.COPY.value and isinstance(item.get("submission_id"), int):
            found.setdefault(int(item["submission_id"]), str(item.get("school", "")))
    return list(found.items())


@dataclass(frozen=True, slots=True)
class Line:
    """One reason on a review card: a text key, its arguments, and for "found"/"missing" the
    keys of the expectations to list (`items`)."""

    key: str
    args: Mapping[str, str | int]
    items: tuple[str, ...] = ()


class Translate(Protocol):
    def __call__(self, key: str, /, **args: Arg) -> str: ...


def lines(
    findings: Iterable[Mapping[str, Any]], step_number: Callable[[str], str] = str
) -> list[Line]:
    """The reasons behind a verdict, heaviest first. `step_number` turns a step key into the
    number people know it by (the calendar's)."""
    ordered = sorted(findings, key=lambda item: -RANK[WEIGHT.get(Code(item["code"]), Verdict.OK)])
    out = []
    for item in ordered:
        code = Code(item["code"])
        args: dict[str, str | int] = {}
        items: tuple[str, ...] = ()
        if code is Code.COPY:
            args = {
                "same": "yes" if item.get("same_school") else "no",
                "school": str(item.get("school", "")),
                "step": step_number(str(item.get("step_key", ""))),
                "season": str(item.get("season", "")),
                "version": int(item.get("version", 0)),
            }
        elif code is Code.OTHER_STEP:
            args = {"step": step_number(str(item.get("step_key", "")))}
        elif code in (Code.DATE_LATE, Code.DATE_OLD):
            args = {"date": _day(item.get("date")), "due": _day(item.get("deadline"))}
        elif code is Code.TINY:
            args = {"width": int(item.get("width", 0)), "height": int(item.get("height", 0))}
        elif code in (Code.TYPE_MISMATCH, Code.UNSUPPORTED):
            args = {
                "declared": str(item.get("declared", "")).upper(),
                "detected": str(item.get("detected", "")).upper(),
            }
        elif code in (Code.FOUND, Code.MISSING):
            ids = item.get("found" if code is Code.FOUND else "missing") or []
            if not ids:
                continue
            items = tuple(EXPECTATION_KEYS.get(i, "screening-expect-other") for i in ids)
        out.append(Line(REASON_KEYS[code], args, items))
    return out


def describe(
    findings: Iterable[Mapping[str, Any]],
    t: Translate,
    step_number: Callable[[str], str] = str,
    file_number: int | None = None,
) -> list[str]:
    """The reasons as text lines in the reader's language (`t` is the bound catalog)."""
    out = []
    # What was found goes after the reasons, so it does not read as one of them.
    ordered = sorted(lines(findings, step_number), key=lambda line: line.key == FOUND_KEY)
    for line in ordered:
        args: dict[str, Any] = dict(line.args)
        if line.items:
            args["items"] = ", ".join(t(key) for key in line.items)
        text = t(line.key, **args)
        # Two texts side by side, not one inside the other (an argument would be escaped again).
        out.append(
            text if file_number is None else f"{t('screening-file', file=file_number)} {text}"
        )
    return out


def _day(value: object) -> str:
    if not isinstance(value, str) or not value:
        return ""
    return date.fromisoformat(value).strftime("%d.%m.%Y")
