"""Answering free-text questions about the calendar and the FAQ, in Russian and English.

Words are reduced to their dictionary form (pymorphy3), unknown words are matched to the nearest
known one (rapidfuzz, for typos), and each calendar step or FAQ entry is scored by the rarity of
the words it shares with the question (IDF), so "встреча" counts more than "школа". Question words
("когда", "что", "кто", "где", "как") give the intent instead of the topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import pymorphy3
from rapidfuzz import fuzz, process

from services.calendar import Calendar

WORD_RE = re.compile(r"[а-яёa-z0-9]+")
_morph = pymorphy3.MorphAnalyzer()


class Intent(StrEnum):
    WHEN = "when"
    WHAT = "what"
    HOW = "how"
    WHO = "who"
    WHERE = "where"


INTENT_WORDS: dict[str, Intent] = {
    **dict.fromkeys(
        (
            "когда",
            "срок",
            "дата",
            "число",
            "дедлайн",
            "до",
            "долго",
            "день",
            "when",
            "deadline",
            "date",
            "due",
            "until",
            "by",
        ),
        Intent.WHEN,
    ),
    **dict.fromkeys(("что", "какой", "what", "which"), Intent.WHAT),
    **dict.fromkeys(("как", "каким", "how", "форма", "отчитаться", "отчет"), Intent.HOW),
    **dict.fromkeys(("кто", "ответственный", "who"), Intent.WHO),
    **dict.fromkeys(("где", "куда", "where"), Intent.WHERE),
}
STOP_WORDS = frozenset(
    {"в", "на", "по", "с", "и", "а", "о", "об", "про", "это", "я", "мы", "мне", "нам", "наш",
     "ваш", "у", "к", "ли", "же", "бы", "не", "нужно", "надо", "можно", "нужный", "the", "a",
     "an", "of", "to", "for", "is", "are", "do", "does", "we", "our", "my", "i", "in", "on",
     "at", "be", "with"}
)  # fmt: skip
FUZZY_MIN = 82.0
AMBIGUOUS_RATIO = 0.8  # a runner-up this close to the best makes the answer ambiguous
TIE_RATIO = 0.95  # closer than this is a tie the intent may break
MIN_SCORE = 1.2
# "When" asks for a step's deadline; "what", "how", "where", "who" more often for an explanation.
PREFERRED_KIND = {
    Intent.WHEN: "step",
    Intent.WHAT: "faq",
    Intent.HOW: "faq",
    Intent.WHERE: "faq",
    Intent.WHO: "faq",
}


class Kind(StrEnum):
    STEP = "step"
    FAQ = "faq"
    AMBIGUOUS = "ambiguous"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Match:
    key: str
    kind: Kind  # STEP or FAQ
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    kind: Kind
    matches: tuple[Match, ...]  # best first; up to three when ambiguous
    intent: Intent | None

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


def _by_intent(close: list[Match], intent: Intent | None) -> Match | None:
    """Breaks a tie when exactly one of the tied entries is of the kind the intent asks for."""
    if intent is None:
        return None
    wanted = [m for m in close if m.kind.value == PREFERRED_KIND[intent]]
    return wanted[0] if len(wanted) == 1 else None


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    if not re.search(r"[а-яё]", word):
        return word[:-1] if len(word) > 3 and word.endswith("s") else word  # plural in English
    return str(_morph.parse(word)[0].normal_form).replace("ё", "е")


def lemmas(text: str) -> list[str]:
    return [lemma(w) for w in WORD_RE.findall(text.lower().replace("ё", "е"))]


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    kind: Kind
    words: frozenset[str]


class QuestionAnswerer:
    def __init__(self, calendar: Calendar, faq: Sequence[Mapping[str, Any]]) -> None:
        self._entries = [
            _Entry(s.key, Kind.STEP, self._words([*s.keywords, *s.title.values()]))
            for s in calendar.steps()
        ] + [
            _Entry(
                str(f["key"]),
                Kind.FAQ,
                self._words([*f.get("keywords", ()), *dict(f["title"]).values()]),
            )
            for f in faq
        ]
        counts: Counter[str] = Counter(w for e in self._entries for w in e.words)
        total = len(self._entries)
        self._idf = {w: math.log(1 + total / n) for w, n in counts.items()}
        self._vocabulary = list(self._idf)

    @staticmethod
    def _words(texts: Iterable[str]) -> frozenset[str]:
        found: set[str] = set()
        for text in texts:
            found.update(w for w in lemmas(str(text)) if w not in STOP_WORDS)
        return frozenset(w for w in found if w not in INTENT_WORDS or w in {"форма", "отчет"})

    def answer(self, text: str) -> Answer:
        raw = WORD_RE.findall(text.lower().replace("ё", "е"))
        words = [lemma(w) for w in raw]
        intent = next((INTENT_WORDS[w] for w in words if w in INTENT_WORDS), None)
        topic = {
            self._known(w) or self._known(r)
            for r, w in zip(raw, words, strict=True)
            if w not in STOP_WORDS
        }
        topic.discard(None)
        scored = sorted(
            (
                Match(entry.key, entry.kind, sum(self._idf[w] for w in entry.words & topic))
                for entry in self._entries
            ),
            key=lambda m: -m.score,
        )
        best = [m for m in scored if m.score >= MIN_SCORE]
        if not best:
            return Answer(Kind.NONE, (), intent)
        close = [m for m in best[:3] if m.score >= best[0].score * AMBIGUOUS_RATIO]
        if len(close) > 1 and close[1].score >= best[0].score * TIE_RATIO:
            chosen = _by_intent(close, intent)
            if chosen is None:
                return Answer(Kind.AMBIGUOUS, tuple(close), intent)
            return Answer(chosen.kind, (chosen,), intent)
        return Answer(best[0].kind, (best[0],), intent)

    def _known(self, word: str) -> str | None:
        if word in self._idf:
            return word
        if len(word) < 4 or word in INTENT_WORDS:
            return None
        found = process.extractOne(
            word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN
        )
        return str(found[0]) if found else None
