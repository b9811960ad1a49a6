"""What a confirmation of a step should show (data/screening.yaml), looked for in a file's text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

SCREENING_FILE = Path(__file__).resolve().parents[2] / "data" / "screening.yaml"
FUZZY_CUTOFF = 88  # partial ratio for words of 6 letters and more (OCR misreads a letter)
EXACT_UP_TO = 5  # shorter words must appear as written
OLD_AFTER_DAYS = 300  # a date this long before the deadline belongs to another season
KINDS = ("words", "partner", "date")


class ExpectationError(ValueError):
    """data/screening.yaml cannot be used; the message names the place."""


@dataclass(frozen=True, slots=True)
class Expectation:
    id: str
    kind: str  # words | partner | date
    words: tuple[str, ...] = ()
    required: bool = True
    signature: bool = False


@dataclass(frozen=True, slots=True)
class Partner:
    """Another school of the region, as it may be named on a confirmation."""

    name: str
    code: str


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    found: bool
    required: bool
    # For a date: the latest date seen after the deadline ("late") or long before it ("old").
    late: date | None = None
    old: date | None = None


def load_expectations(path: Path = SCREENING_FILE) -> dict[str, tuple[Expectation, ...]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse_expectations(raw)


@cache
def shipped_expectations() -> Mapping[str, tuple[Expectation, ...]]:
    return load_expectations()


@cache
def project_words(path: Path = SCREENING_FILE) -> tuple[str, ...]:
    """The `project:` words and every step's signature words, normalised."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = [str(word) for word in raw.get("project") or []]
    for expectations in parse_expectations(raw).values():
        words += [w for e in expectations if e.signature for w in e.words]
    return tuple(dict.fromkeys(normalize(word) for word in words))


@cache
def overlaps(path: Path = SCREENING_FILE) -> Mapping[str, frozenset[str]]:
    """For a step, the other steps whose material its confirmation naturally shows (`overlaps:`)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        str(step): frozenset(str(other) for other in others)
        for step, others in (raw.get("overlaps") or {}).items()
    }


def about_project(text: str) -> bool:
    """Whether the (normalised) text says anything of the programme."""
    return any(has_word(text, word) for word in project_words())


def parse_expectations(raw: Any) -> dict[str, tuple[Expectation, ...]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("steps"), dict):
        raise ExpectationError("the file has no `steps` mapping")
    steps: dict[str, tuple[Expectation, ...]] = {}
    for key, items in raw["steps"].items():
        if not isinstance(items, list):
            raise ExpectationError(f"step {key}: expected a list of expectations")
        steps[str(key)] = tuple(_expectation(str(key), item) for item in items)
    return steps


def _expectation(step: str, item: Any) -> Expectation:
    if not isinstance(item, dict) or "id" not in item:
        raise ExpectationError(f"step {step}: each expectation needs an `id`")
    kinds = [kind for kind in KINDS if item.get(kind)]
    if len(kinds) != 1:
        raise ExpectationError(f"step {step}, {item['id']}: give one of {', '.join(KINDS)}")
    words = tuple(normalize(str(word)) for word in item.get("words") or ())
    return Expectation(
        id=str(item["id"]),
        kind=kinds[0],
        words=words,
        required=bool(item.get("required", True)),
        signature=bool(item.get("signature", False)),
    )


# --- reading the text -----------------------------------------------------------------------

_LATIN_LOOKALIKES = str.maketrans("aceopxykmtbh", "асеорхукмтвн")
# Tesseract reads "№" as "Ne", "No", "N°" or "Nº" more often than not.
_NUMERO = re.compile(r"(?<![a-zа-я])(?:n[eo°º]|n\.|№)\s*(?=\d)")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
_LETTERS = re.compile(r"[a-zа-я]+")
_WORD = re.compile(r"[0-9a-zа-я@._№-]+")


def normalize(text: str) -> str:
    """Lower case, ё as е, "№" as OCR misreads it restored, Latin look-alikes inside Cyrillic
    words made Cyrillic (OCR mixes them: "MЭДK"), whitespace collapsed."""
    text = _NUMERO.sub("№ ", text.lower().replace("ё", "е"))
    return " ".join(_LETTERS.sub(_cyrillic_if_mixed, word) for word in text.split())


def _cyrillic_if_mixed(run: re.Match[str]) -> str:
    letters = run.group(0)
    if _CYRILLIC.search(letters) and _LATIN.search(letters):
        return letters.translate(_LATIN_LOOKALIKES)
    return letters


def has_word(text: str, word: str) -> bool:
    """`text` and `word` normalised. Short words exactly, longer ones tolerating a misread."""
    if word in text:
        return True
    if len(word) <= EXACT_UP_TO:
        return False
    return fuzz.partial_ratio(word, text, score_cutoff=FUZZY_CUTOFF) > 0


def readable_words(text: str) -> int:
    """How many real words (three letters or more, letters only) the text has."""
    return sum(1 for word in _WORD.findall(normalize(text)) if len(word) >= 3 and word.isalpha())


EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_NUMBER = re.compile(r"№\s*(\d+)")
_ORG = re.compile(r"\b(мбоу|маоу|мкоу|гбоу|гоу|моу|сош|оош|нош|сш)\b|[«»\"']")


def names_partner(text: str, partners: Iterable[Partner]) -> bool:
    if EMAIL.search(text):
        return True
    for partner in partners:
        if partner.code and partner.code.lower() in text:
            return True
        name = normalize(_ORG.sub(" ", partner.name.lower()))
        if len(name) < 6:
            continue
        number = _NUMBER.search(name)
        if number and not re.search(rf"№\s*{number.group(1)}(?!\d)", text):
            continue  # "№ 12" on the page is not school № 14, however alike the rest reads
        if fuzz.partial_ratio(name, text, score_cutoff=90) > 0:
            return True
    return False


_MONTHS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDY = re.compile(r"(?<!\d)(\d{1,2})\s+([а-я]{3,9})\.?,?\s+(\d{4})(?!\d)")


def dates_in(text: str) -> list[date]:
    found: list[date] = []
    for day, month, year in _NUMERIC.findall(text):
        found += _valid(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
    for year, month, day in _ISO.findall(text):
        found += _valid(int(year), int(month), int(day))
    for day, month_word, year in _WORDY.findall(text):
        month = _MONTHS.get(month_word[:3])
        if month is not None:
            found += _valid(int(year), month, int(day))
    return found


def _valid(year: int, month: int, day: int) -> list[date]:
    if not 2000 <= year <= 2100:
        return []
    try:
        return [date(year, month, day)]
    except ValueError:
        return []


# --- judging --------------------------------------------------------------------------------


def evaluate(
    expectations: Sequence[Expectation],
    text: str,
    partners: Sequence[Partner],
    deadline: date | None,
) -> list[Outcome]:
    """Which expectations the (already normalised) text meets. A date expectation without a
    deadline for the region is left out."""
    outcomes: list[Outcome] = []
    for expectation in expectations:
        if expectation.kind == "words":
            found = any(has_word(text, word) for word in expectation.words)
            outcomes.append(Outcome(expectation.id, found, expectation.required))
        elif expectation.kind == "partner":
            found = names_partner(text, partners)
            outcomes.append(Outcome(expectation.id, found, expectation.required))
        elif deadline is not None:
            outcomes.append(_date_outcome(expectation, dates_in(text), deadline))
    return outcomes


def _date_outcome(expectation: Expectation, dates: list[date], deadline: date) -> Outcome:
    earliest_fair = deadline - timedelta(days=OLD_AFTER_DAYS)
    if any(earliest_fair <= day <= deadline for day in dates):
        return Outcome(expectation.id, True, expectation.required)
    late = [day for day in dates if day > deadline]
    old = [day for day in dates if day < earliest_fair]
    return Outcome(
        expectation.id,
        False,
        expectation.required,
        late=max(late) if late else None,
        old=None if late or not old else max(old),
    )


def matching_steps(
    steps: Mapping[str, Sequence[Expectation]],
    text: str,
    partners: Sequence[Partner],
    besides: str,
    overlapping: Mapping[str, frozenset[str]] | None = None,
) -> list[str]:
    """Other steps with distinctive words whose confirmation the text shows in full (every
    required expectation but the date met), leaving out those whose material a confirmation of
    `besides` naturally shows (`overlaps`)."""
    natural = (overlaps() if overlapping is None else overlapping).get(besides, frozenset())
    found = []
    for key, expectations in steps.items():
        if key == besides or key in natural or not any(e.signature for e in expectations):
            continue
        content = [e for e in expectations if e.kind != "date" and e.required]
        if content and all(o.found for o in evaluate(content, text, partners, None)):
            found.append(key)
    return found
