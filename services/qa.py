"""Finding what a free-text question is about, in Russian or English: a small BM25 ranking over
each calendar item's and explanation's own words (title, what to do, who does it, how it is
reported, the seed's text) reduced to dictionary forms.

Words are lemmatised (pymorphy3 for Russian, a light suffix stripper for English), folded into
synonym groups (data/synonyms.yaml), and a word the index does not know is matched to the nearest
known one (rapidfuzz, for typos). Question words ("когда", "кто", "где", "what time") give the
intent instead of the topic. The answer is confident only when the best entry covers most of
what the question is about: a question about a school canteen that shares only "отчёт" with the
calendar is not answered with the nearest unrelated item.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pymorphy3
import yaml
from rapidfuzz import fuzz, process

from services.calendar import Calendar, Step

WORD_RE = re.compile(r"[а-яёa-z0-9]+")
SYNONYMS_FILE = Path(__file__).resolve().parent.parent / "data" / "synonyms.yaml"
REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.yaml"
_morph = pymorphy3.MorphAnalyzer()


class Intent(StrEnum):
    WHEN = "when"
    TIME = "time"  # at what hour
    WHAT = "what"
    HOW = "how"
    WHO = "who"
    WHERE = "where"
    WHY = "why"  # the purpose of something


class Kind(StrEnum):
    STEP = "step"
    FAQ = "faq"


# Phrases first (they win over their single words), then words; all as lemmas.
INTENT_PHRASES: tuple[tuple[tuple[str, ...], Intent], ...] = (
    (("в", "сколько"), Intent.TIME),
    (("в", "какой", "время"), Intent.TIME),
    (("what", "time"), Intent.TIME),
    (("какой", "число"), Intent.WHEN),
    (("до", "сколько"), Intent.WHEN),
    (("до", "какой"), Intent.WHEN),
    (("до", "когда"), Intent.WHEN),
    (("в", "какой", "срок"), Intent.WHEN),
    (("by", "when"), Intent.WHEN),
    (("что", "такой"), Intent.WHAT),
    (("кто", "такой"), Intent.WHAT),
    (("что", "за"), Intent.WHAT),
    (("что", "значить"), Intent.WHAT),
    (("это", "что"), Intent.WHAT),
    (("what", "is"), Intent.WHAT),
    (("what", "are"), Intent.WHAT),
    (("what", "doe"), Intent.WHAT),
    (("who", "is"), Intent.WHO),
    (("какой", "форма"), Intent.HOW),
)
INTENT_WORDS: dict[str, Intent] = {
    **dict.fromkeys(
        (
            "когда",
            "срок",
            "дата",
            "число",
            "дедлайн",
            "крайний",
            "окно",
            "when",
            "deadline",
            "date",
            "due",
            "window",
        ),
        Intent.WHEN,
    ),
    **dict.fromkeys(("время", "час"), Intent.TIME),
    **dict.fromkeys(("кто", "ответственный", "who", "отвечать", "исполнитель"), Intent.WHO),
    **dict.fromkeys(("где", "куда", "where"), Intent.WHERE),
    **dict.fromkeys(("как", "how", "отчитаться"), Intent.HOW),
    **dict.fromkeys(("зачем", "почему", "why"), Intent.WHY),
}
# "какие документы", "что сделать": a topic follows; the question asks for it, not a definition
WEAK_INTENT = frozenset({"какой", "which", "что", "what"})
CONTENT_POS = frozenset({"NOUN", "ADJF", "ADJS", "COMP"})
WEAK_UNKNOWN = 0.15  # weight of an unknown verb, adverb or pronoun ("найти", "часто")
WEAK_KNOWN = 0.3  # the share of a known verb's or adverb's weight in the coverage
TITLE_BONUS = 1.0  # an entry whose whole title the question names
WEAK_RANK = 0.6  # the same in the ranking: a verb still tells entries apart
COVER_FLOOR = 1.5  # a common word ("куратор") still counts this much in the coverage
# Words that carry no topic: grammar, politeness, the asker.
_STOP_TEXT = """
в на по с и а о об про это этот тот я мы мне нам наш ваш свой у к ли же бы не нужно надо можно
нужный необходимо должный должен мочь быть есть весь все из за от до для при или то так уже ещё
еще вот там тут здесь он она они их его её ее им сам самый который чтобы если подсказать сказать
пожалуйста пжлст плиз уважаемый коллега добрый день здравствуйте привет спасибо год г это такой
же ну да нет сколько ли либо иметь делать плюс чем после перед через между под над около
the a an of to for is are was were be been do does did we our my i in on at with by from us you
your me it its this that these there and or what when who where how which about have has had
should must can could will would shall may might need get please s x into onto find see put go
make want know tell then than also just only any some new one ones
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# The asker's place is known already: place names and "local time" words carry no topic.
_PLACE_TEXT = """
москва московский мск moscow msk местный local смоленск хабаровск красноярск краснодар time
смоленский хабаровский красноярский краснодарский krasnoyarsk khabarovsk smolensk krasnodar
"""
PLACE_WORDS = frozenset(_PLACE_TEXT.split())
FUZZY_MIN = 84.0  # a typo's similarity to a known word
FUZZY_SHORT = 88.0  # the same for words of five or six letters
TIE_RATIO = 0.8  # entries this close to the best are answers too (listed together)
MIN_SCORE = 1.5  # below this the best entry shares too little with the question
MIN_COVERAGE = 0.6  # the share of the question's weight the best entry must cover
UNKNOWN_GENERIC = 0.3  # weight of a word neither the index nor the dictionary knows ("пжлст")
FIELD_WEIGHTS = {
    "title": 3.0,
    "keywords": 2.0,
    "todo": 1.0,
    "who": 1.0,
    "answer": 1.0,
    "report": 0.7,
    "result": 0.5,
    "period": 0.5,
    "source": 0.7,
    "stage": 0.5,
}
K1, B = 1.2, 0.5


@dataclass(frozen=True, slots=True)
class Match:
    key: str
    kind: Kind
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    """What a question is about: the entries that answer it, best first (several when they are
    equally good), the best calendar item and the best explanation apart, the intent, the
    language it is written in and how much of the question the best entry covers."""

    kind: Kind | None  # the kind of the best entry; None: nothing confident
    matches: tuple[Match, ...]
    intent: Intent | None
    language: str = "ru"
    coverage: float = 0.0
    words: tuple[str, ...] = ()  # the question's topic words, as lemmas
    step: Match | None = None
    faq: Match | None = None
    dated: bool = False  # the question names a date or a month

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


@dataclass(slots=True)
class _Doc:
    key: str
    kind: Kind
    regions: frozenset[str]  # empty: everyone
    tf: dict[str, float] = field(default_factory=dict)
    length: float = 0.0
    title: frozenset[str] = frozenset()  # its title's words (either language)
    days: frozenset[tuple[int, int]] = frozenset()  # (month, day) of its dates, any region
    months: frozenset[int] = frozenset()  # months its dates or window touch


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    if re.search(r"[а-яё]", word):
        if not _morph.word_is_known(word):
            return _russian_stem(word)  # its guesses differ between forms of one unknown word
        return str(_morph.parse(word)[0].normal_form).replace("ё", "е")
    return _english_stem(word)


_ENDINGS = """ыми ими ого его ому ему ая яя ое ее ые ие ый ий ой ую юю ых их ым им ам ям ами ями ах
ях ов ев ом ем ия ии ию ей ы и а я у ю е о"""
RU_ENDINGS = sorted(_ENDINGS.split(), key=len, reverse=True)


def _russian_stem(word: str) -> str:
    """A word the dictionary does not know ("антирисковые", "взаимоэкспертизы"): cut the
    ending so that its forms meet."""
    for ending in RU_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _english_stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def tokens(text: str) -> list[str]:
    return WORD_RE.findall(text.lower().replace("ё", "е"))


# Links, e-mail addresses and the Russian names of the systems say nothing of the language.
NOT_WORDS = re.compile(
    r"(?i)[a-z][a-z0-9+.-]*:\S*|www\.\S+|\S+@\S+|\bис\s+мэдк\b|\bмэдк\b|\bфис\s+око\b|\bфиоко\b"
)
ENGLISH_HINTS = frozenset(
    [
        "what",
        "when",
        "where",
        "who",
        "how",
        "why",
        "which",
        "is",
        "are",
        "do",
        "does",
        "can",
        "the",
        "my",
        "our",
        "deadline",
        "deadlines",
        "webinar",
        "help",
        "hello",
        "hi",
        "please",
    ]
)


def lemmas(text: str) -> list[str]:
    return [lemma(w) for w in tokens(text)]


def language_of(text: str, fallback: str = "ru") -> str:
    """The language a question is written in: English when its Latin letters (outside links,
    addresses and the system's Russian names) outnumber the Cyrillic ones and it reads as English
    (a common English word, or three Latin words); Russian when Cyrillic letters prevail; else —
    a link, a code, a keyboard mash — the asker's own language, `fallback`."""
    cleaned = NOT_WORDS.sub(" ", text)
    latin = len(re.findall(r"[a-zA-Z]", cleaned))
    cyrillic = len(re.findall(r"[а-яёА-ЯЁ]", cleaned))
    if cyrillic > latin:
        return "ru"
    words = [w.lower() for w in re.findall(r"[a-zA-Z]{2,}", cleaned)]
    if latin > cyrillic and (len(words) >= 3 or ENGLISH_HINTS.intersection(words)):
        return "en"
    return fallback


@cache
def synonym_groups() -> dict[str, str]:
    """Each word's group head: the words of a group count as one word."""
    raw = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    heads: dict[str, str] = {}
    for group in raw["groups"]:
        forms = [lemma(str(w).lower()) for w in group]
        for form in forms:
            heads.setdefault(form, forms[0])
    return heads


def _intent(words: Sequence[str]) -> Intent | None:
    for phrase, intent in INTENT_PHRASES:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return intent
    found = {INTENT_WORDS[w] for w in words if w in INTENT_WORDS}
    for intent in (Intent.WHEN, Intent.TIME, Intent.WHO, Intent.WHERE, Intent.HOW, Intent.WHY):
        if intent in found:
            return intent
    return None


@lru_cache(maxsize=50_000)
def _unknown_weight(token: str) -> float:
    """How much a word the index does not know says about the topic: a dictionary noun or
    adjective ("оздоровление", "грант") fully, a verb or an adverb ("найти", "часто") little, a
    word no dictionary knows (slang, "пжлст") or a number little; English words fully."""
    if token.isdigit():
        return WEAK_UNKNOWN
    if not re.search(r"[а-яё]", token):
        return 1.0
    if not _morph.word_is_known(token):
        return UNKNOWN_GENERIC
    return _content(token)


@lru_cache(maxsize=50_000)
def _dictionary(word: str) -> bool:
    return bool(re.search(r"[а-яё]", word)) and bool(_morph.word_is_known(word))


@lru_cache(maxsize=50_000)
def _content(token: str) -> float:
    """1 for a noun or an adjective (what a question is about), less for verbs and adverbs
    ("найти", "проходит", "часто"): an entry that lacks them still answers the question."""
    if not re.search(r"[а-яё]", token) or not _morph.word_is_known(token):
        return 1.0  # English, or a term of the field ("РПШ") the dictionary does not know
    return 1.0 if _morph.parse(token)[0].tag.POS in CONTENT_POS else WEAK_KNOWN


class QuestionAnswerer:
    """Ranks the calendar's items and the explanations for a question (one index per calendar
    version and language-independent: both languages' texts are in each entry)."""

    def __init__(self, calendar: Calendar, faq: Sequence[Mapping[str, Any]]) -> None:
        self._synonyms = synonym_groups()
        self._places = place_words()
        self._surface: dict[str, str] = dict(self._synonyms)  # every known form → its head
        stage_titles = {s.key: s.title for s in calendar.stages}
        self._docs = [self._step_doc(s, stage_titles.get(s.stage, {})) for s in calendar.steps()]
        self._docs += [self._faq_doc(f) for f in faq]
        df: Counter[str] = Counter(w for d in self._docs for w in d.tf)
        total = len(self._docs)
        self._idf = {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in df.items()}
        self._max_idf = max(self._idf.values(), default=1.0)
        self._avg = sum(d.length for d in self._docs) / max(total, 1)
        self._vocabulary = [w for w, h in self._surface.items() if len(w) >= 5 and h in self._idf]
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for index, doc in enumerate(self._docs):
            norm = K1 * (1 - B + B * doc.length / self._avg)
            for word, tf in doc.tf.items():
                weight = self._idf[word] * tf * (K1 + 1) / (tf + norm)
                self._postings.setdefault(word, []).append((index, weight))

    # --- the index ---------------------------------------------------------------------------

    def _head(self, word: str) -> str:
        return self._synonyms.get(word, word)

    def _add(self, doc: _Doc, field_name: str, texts: Iterable[str]) -> None:
        weight = FIELD_WEIGHTS[field_name]
        for text in texts:
            for word in lemmas(str(text)):
                if word in STOP_WORDS or word in INTENT_WORDS or word in self._places:
                    continue
                head = self._head(word)
                self._surface[word] = head
                doc.tf[head] = doc.tf.get(head, 0.0) + weight
                doc.length += weight

    def _title(self, text: str) -> frozenset[str]:
        skip = (STOP_WORDS, INTENT_WORDS, WEAK_INTENT, self._places)
        return frozenset(self._head(w) for w in lemmas(text) if not any(w in s for s in skip))

    def _step_doc(self, step: Step, stage_title: Mapping[str, str]) -> _Doc:
        doc = _Doc(step.key, Kind.STEP, frozenset(step.regions))
        self._add(doc, "title", step.title.values())
        doc.title = self._title(step.title.get("ru", ""))
        self._add(doc, "keywords", step.keywords)
        self._add(doc, "stage", stage_title.values())
        for name in ("todo", "who", "report", "result", "period"):
            self._add(doc, name, getattr(step, name).values())
            for fields in step.local.values():
                self._add(doc, name, fields.get(name, {}).values())
        self._add(doc, "source", (s.quote for s in step.sources))
        ends = [d for d in (step.deadline, *step.regional.values()) if d is not None]
        starts = [step.window_start] if step.window_start else []
        doc.days = frozenset((d.month, d.day) for d in (*starts, *ends) if step.precision == "day")
        doc.months = frozenset(_months(starts[0] if starts else None, ends))
        return doc

    def _faq_doc(self, entry: Mapping[str, Any]) -> _Doc:
        doc = _Doc(str(entry["key"]), Kind.FAQ, frozenset(map(str, entry.get("regions", ()))))
        self._add(doc, "title", dict(entry["title"]).values())
        doc.title = self._title(str(dict(entry["title"]).get("ru", "")))
        self._add(doc, "keywords", entry.get("keywords", ()))
        self._add(doc, "answer", dict(entry["answer"]).values())
        for local in dict(entry.get("local") or {}).values():
            self._add(doc, "answer", dict(local).values())
        return doc

    # --- a question --------------------------------------------------------------------------

    def answer(self, text: str, region: str | None = None, fallback: str = "ru") -> Answer:
        """The entries that answer `text` for a person of `region` (others' regional entries are
        not theirs to see); no kind when nothing covers the question well enough. `fallback`:
        the asker's language, for a text that is in none (a link, a code)."""
        days, months, rest = _dates_in(text.lower().replace("ё", "е"))
        raw = tokens(rest)
        words = [lemma(w) for w in raw]
        intent = _intent(words)
        language = language_of(text, fallback)
        weights: dict[str, float] = {}  # each topic word's share in the coverage
        searched: dict[str, float] = {}  # known words and how much each says about the topic
        for token, word in zip(raw, words, strict=True):
            skip = (STOP_WORDS, INTENT_WORDS, WEAK_INTENT, self._places)
            if any(word in s or token in s for s in skip):
                continue
            known = self._known(word) or self._known(token)
            if known is not None:
                content = _content(token)  # a verb weighs the same little, however rare
                share = (
                    max(self._idf[known], COVER_FLOOR) if content == 1.0 else COVER_FLOOR * content
                )
                weights[known] = max(weights.get(known, 0.0), share)
                rank = 1.0 if _content(token) == 1.0 else WEAK_RANK
                searched[known] = max(searched.get(known, 0.0), rank)
            else:
                weights[f"?{word}"] = self._max_idf * _unknown_weight(token)
        scores: dict[int, float] = {}
        for word, content in searched.items():
            for index, weight in self._postings.get(word, ()):
                scores[index] = scores.get(index, 0.0) + weight * content
        for index, doc in enumerate(self._docs):  # the question names the entry's whole title
            if doc.title and doc.title <= searched.keys():
                scores[index] = scores.get(index, 0.0) + self._max_idf * TITLE_BONUS
        if days or months:  # "до 1 марта", "в апреле": the items of those dates
            for index, doc in enumerate(self._docs):
                if days & doc.days:
                    scores[index] = scores.get(index, 0.0) + self._max_idf * DATE_BONUS
                elif months & doc.months:
                    scores[index] = scores.get(index, 0.0) + self._max_idf * MONTH_BONUS
        topic = tuple(w for w in weights if not w.startswith("?"))
        ranked = sorted(
            (
                (score, index)
                for index, score in scores.items()
                if not self._docs[index].regions or region in self._docs[index].regions
            ),
            reverse=True,
        )
        dated = bool(days or months)
        if not ranked or ranked[0][0] < MIN_SCORE:
            return Answer(None, (), intent, language, 0.0, topic, dated=dated)
        best = self._docs[ranked[0][1]]
        total = sum(weights.values()) + (self._max_idf if dated else 0.0)
        covered = sum(w for word, w in weights.items() if word in best.tf)
        if dated and (days & best.days or months & best.months):
            covered += self._max_idf
        coverage = covered / total if total else 0.0
        matches = tuple(
            Match(self._docs[index].key, self._docs[index].kind, round(score, 3))
            for score, index in ranked[:8]
            if score >= ranked[0][0] * TIE_RATIO
        )
        step = next(
            (self._match(i, sc) for sc, i in ranked if self._docs[i].kind is Kind.STEP), None
        )
        faq = next((self._match(i, sc) for sc, i in ranked if self._docs[i].kind is Kind.FAQ), None)
        kind = best.kind if coverage >= MIN_COVERAGE else None
        return Answer(kind, matches, intent, language, coverage, topic, step, faq, dated)

    def _match(self, index: int, score: float) -> Match:
        return Match(self._docs[index].key, self._docs[index].kind, round(score, 3))

    def _known(self, word: str) -> str | None:
        head = self._head(word)
        if head in self._idf:
            return head
        if word in self._surface and self._surface[word] in self._idf:
            return self._surface[word]
        if len(word) < 5 or word in INTENT_WORDS or word.isdigit() or _dictionary(word):
            return None  # only a word no dictionary knows may be a typo of a known one
        cutoff = FUZZY_MIN if len(word) > 6 else FUZZY_SHORT
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self._surface[str(found[0])] if found else None


MONTHS_RU = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
             "ноябр", "декабр")  # fmt: skip
MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"  # noqa: E501
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\b")
DAY_DOT = re.compile(r"\b(\d{1,2})\.(\d{2})(?:\.(?:\d{4}|\d{2}))?\b")
MONTH_ALONE = re.compile(rf"\b(?:в|во|до|с|по)\s+{_MONTH}\b")
DATE_BONUS = 1.5  # an item of the very date the question names
MONTH_BONUS = 0.5  # an item whose dates touch the month the question names


def _month_number(word: str) -> int:
    if word.startswith("ма") and len(word) <= 3:
        return 5
    return next(i + 1 for i, stem in enumerate(MONTHS_RU) if word.startswith(stem) and stem != "ма")


def _dates_in(text: str) -> tuple[frozenset[tuple[int, int]], frozenset[int], str]:
    """(month, day) pairs and months the question names, and the text without them."""
    days: set[tuple[int, int]] = set()
    months: set[int] = set()
    for found in DAY_MONTH.finditer(text):
        days.add((_month_number(found.group(2)), int(found.group(1))))
    for found in DAY_DOT.finditer(text):
        if 1 <= int(found.group(2)) <= 12:
            days.add((int(found.group(2)), int(found.group(1))))
    for found in MONTH_ALONE.finditer(text):
        months.add(_month_number(found.group(1)))
    rest = MONTH_ALONE.sub(" ", DAY_DOT.sub(" ", DAY_MONTH.sub(" ", text)))
    return frozenset(days), frozenset(months), rest


def _months(start: date | None, ends: Sequence[date]) -> set[int]:
    found: set[int] = set()
    for end in ends:
        first = start or end
        month, year = first.month, first.year
        while (year, month) <= (end.year, end.month) and len(found) < 12:
            found.add(month)
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return found


@cache
def place_words() -> frozenset[str]:
    """Lemmas of the regions' names (without "область", "край"…) and of the capitals' words."""
    generic = {"республика", "область", "край", "округ", "автономный", "город", "федеральный",
               "значение", "republic", "region", "krai", "oblast", "autonomous", "okrug", "city",
               "of", "federal", "the"}  # fmt: skip
    raw = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))["regions"]
    found = {lemma(w) for r in raw for n in (r["name"], r["name_en"]) for w in tokens(str(n))}
    return frozenset((found - generic) | {lemma(w) for w in PLACE_WORDS})
