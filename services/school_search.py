"""Finding a school by its code or by a piece of its name, forgiving typos and word order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from services import limits

CODE_RE = re.compile(r"^edu\d{4,}$", re.IGNORECASE)
NUMBER_RE = re.compile(r"\d+")
MIN_SCORE = 60.0
MIN_LETTERS = 3  # of a name, beyond the words every school name has: fewer find any school


@dataclass(frozen=True, slots=True)
class Candidate:
    school_id: int
    code: str
    name: str
    municipality: str


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Candidate
    score: float


# Words every school name has in some form: they tell schools apart no more than "the".
GENERIC = frozenset(
    (
        *("мбоу", "мкоу", "маоу", "мобу", "моу", "гбоу", "гкоу", "оу"),
        *("сш", "сош", "оош", "нош", "школа", "школы", "номер", "им", "имени"),
        *("средняя", "основная", "начальная", "общеобразовательная"),
    )
)


def normalise(text: str) -> str:
    """Lower case, quotes dropped, a number apart from the letters before it ("сш21" and
    "СШ № 21" alike), the words every school name has left out."""
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[«»\"'“”„№]", " ", text)
    text = re.sub(r"(?<=\D)(?=\d)|(?<=\d)(?=\D)", " ", text)
    words = utils.default_process(text).split()
    return " ".join(word for word in words if word not in GENERIC)


def too_short(query: str) -> bool:
    """Whether the query is too short to look for (said when it finds nothing): no code, no
    number and fewer than MIN_LETTERS letters once the words every school name has are dropped
    («СШ», «МБОУ»)."""
    query = query.strip()[: limits.SEARCH]
    if CODE_RE.match(query):
        return False
    wanted = normalise(query)
    if NUMBER_RE.search(wanted):
        return False
    return len(wanted.replace(" ", "")) < MIN_LETTERS


def search(query: str, candidates: Sequence[Candidate], limit: int = 5) -> list[Match]:
    query = query.strip()[: limits.SEARCH]  # a name is short; fuzzy matching costs per letter
    if not query:
        return []
    if CODE_RE.match(query):
        exact = [c for c in candidates if c.code.lower() == query.lower()]
        return [Match(c, 100.0) for c in exact]
    wanted = normalise(query)
    numbers = set(NUMBER_RE.findall(wanted))
    if wanted and not NUMBER_RE.sub("", wanted).strip():  # only a number: "СШ 21", "21"
        exact = [c for c in candidates if numbers <= set(NUMBER_RE.findall(c.name))]
        return [Match(c, 100.0) for c in exact][:limit]
    choices = {index: normalise(f"{c.name} {c.municipality}") for index, c in enumerate(candidates)}
    found = process.extract(
        wanted, choices, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=MIN_SCORE
    )
    ranked = [
        Match(candidates[index], float(score) + _number_bonus(numbers, choice))
        for choice, score, index in found
    ]
    ranked.sort(key=lambda match: -match.score)
    return [match for match in ranked if match.score >= MIN_SCORE][:limit]


def _number_bonus(numbers: set[str], choice: str) -> float:
    """School numbers decide between "СШ № 1" and "СШ № 2", which fuzzy scores barely tell."""
    if not numbers:
        return 0.0
    return 15.0 if numbers <= set(NUMBER_RE.findall(choice)) else -30.0
