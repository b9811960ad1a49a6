"""Question answering, measured through the same service that writes the bot's reply
(services.answers.Answers): the reply text a person reads, with dates rendered in their region and
zone, on the development set (tests/qa_questions.yaml) and on the frozen held-out set
(tests/qa_heldout.yaml, written from the seed documents by someone who never saw this code).

A held-out question is right when the reply contains each expected date (as "14 октября", "14.10",
"14.10.2022", "October 14" or "14 Oct"), one alternative of every `any` group and each expected
time; `unknown: true` wants the plain "the calendar does not have this" reply. A development
question is right when the reply gives the expected item or entry (and passes the same checks when
it has them). The asker is a registered school person of the question's region
(tests/qa_directory.yaml); the clock is Monday 3 October 2022, 09:00 Moscow. Latency is per reply,
after one warm-up pass. Last line: {"questions": …, "top1_accuracy": …, "heldout_questions": …,
"heldout_top1_accuracy": …, "p50_ms": …, "p95_ms": …}.

    uv run python bench/qa.py [--show N]  # N: print the first N wrong held-out replies
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from core.i18n import Catalog
from services.answers import Answers, Asker, Person, Reply, SchoolPeople
from services.calendar import Calendar, shipped_calendar
from services.regions import region_info
from services.timefmt import MOSCOW
from services.webinars import series_catalog, upcoming

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2022, 10, 3, 6, 0, tzinfo=UTC)  # Monday 3 October 2022, 09:00 Moscow
REGION_CODES = {"Краснодарский край": "23", "Смоленская область": "67",
                "Красноярский край": "24", "Хабаровский край": "27"}  # fmt: skip
RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")  # fmt: skip
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip
UNKNOWN_MARKS = (
    "В календаре и справке проекта этого нет",
    "The calendar and the project's notes do not have this",
)


def load(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((ROOT / "tests" / name).read_text("utf-8"))["questions"])


# --- the directory the questions are asked from --------------------------------------------


@dataclass(frozen=True, slots=True)
class YamlPeople:
    """The People of services.answers over tests/qa_directory.yaml: one school person's view."""

    region: dict[str, Any]

    async def my_schools(self) -> list[SchoolPeople]:
        return [s for s in self._schools() if s.school == self.region["asker_school"]]

    async def schools_numbered(self, number: str) -> list[SchoolPeople]:
        return [s for s in self._schools() if number in re.findall(r"\d+", s.school)]

    async def coordinators(self, role: str) -> list[Person]:
        return [_person(p) for p in self.region.get(role, [])]

    def _schools(self) -> list[SchoolPeople]:
        return [
            SchoolPeople(s["name"], tuple(_person(p) for p in s["curators"]))
            for s in self.region["schools"]
        ]


def _person(raw: dict[str, Any]) -> Person:
    return Person(str(raw["name"]), raw.get("username"))


@cache
def directory() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "tests" / "qa_directory.yaml").read_text("utf-8")))


def asker_of(region: str | None) -> tuple[Asker, YamlPeople | None]:
    info = region_info(region) if region else None
    zone = info.zone if info else MOSCOW
    asker = Asker(region, zone, frozenset({"school"}) if region else frozenset())
    place = directory()["regions"].get(region) if region else None
    return asker, YamlPeople(place) if place else None


async def next_webinar() -> datetime | None:
    coming = [o for o in upcoming(list(series_catalog()), NOW, {}) if not o.cancelled]
    return coming[0].starts_at if coming else None


# --- is a reply right ----------------------------------------------------------------------


def date_patterns(day: date) -> list[re.Pattern[str]]:
    d, m = day.day, day.month
    month_ru, month_en = RU_MONTHS[m - 1], EN_MONTHS[m - 1]
    forms = [
        rf"(?<!\d){d}\s+{month_ru}",
        rf"(?<!\d)0?{d}\.{m:02d}(?!\d)",
        rf"(?<!\d)0?{d}\.{m:02d}\.{day.year}",
        rf"{month_en}\s+{d}(?!\d)",
        rf"(?<!\d){d}\s+{month_en[:3]}",
    ]
    return [re.compile(f, re.IGNORECASE) for f in forms]


def problems(reply: Reply, expect: dict[str, Any]) -> list[str]:
    """What the reply lacks; empty when it is right."""
    text = reply.text
    if expect.get("unknown"):
        if reply.outcome == "unknown" and any(mark in text for mark in UNKNOWN_MARKS):
            return []
        return ["not a plain 'the calendar does not have this'"]
    found = []
    if reply.outcome == "unknown":
        found.append("said it does not know")
    for day in expect.get("dates", ()):
        if not any(p.search(text) for p in date_patterns(day)):
            found.append(f"date {day}")
    for group in expect.get("any", ()):
        if not any(str(alt).lower() in text.lower() for alt in group):
            found.append(f"any of {group}")
    for moment in expect.get("times", ()):
        if str(moment) not in text:
            found.append(f"time {moment}")
    return found


# --- the run -------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    item: dict[str, Any]
    reply: Reply
    wrong: list[str]
    ms: float


async def ask(
    answers: Answers, calendars: dict[str | None, Calendar], item: dict[str, Any]
) -> tuple[Reply, float]:
    region = REGION_CODES.get(str(item.get("region")), item.get("region"))
    asker, people = asker_of(region)
    started = time.perf_counter()
    reply = await answers.reply(
        item["q"], asker, NOW, calendars[region], people, next_webinar=next_webinar
    )
    return reply, (time.perf_counter() - started) * 1000


def judge(item: dict[str, Any], reply: Reply) -> list[str]:
    expect = item["expect"]
    if isinstance(expect, dict):
        return problems(reply, expect)
    keys = [expect] if isinstance(expect, str) else list(expect)
    wrong = [] if set(keys) & set(reply.shown) else [f"expected {keys}, gave {reply.shown}"]
    checks: dict[str, Any] = {k: item[k] for k in ("dates", "any", "times", "unknown") if k in item}
    return wrong + (problems(reply, checks) if checks else [])


async def run(items: Sequence[dict[str, Any]], answers: Answers) -> list[Outcome]:
    calendars: dict[str | None, Calendar] = {}
    for item in items:
        region = REGION_CODES.get(str(item.get("region")), item.get("region"))
        calendars.setdefault(region, shipped_calendar())
    for item in items:  # warm-up: lemma caches, as after the first minutes of a bot
        await ask(answers, calendars, item)
    outcomes = []
    for item in items:
        reply, ms = await ask(answers, calendars, item)
        outcomes.append(Outcome(item, reply, judge(item, reply), ms))
    return outcomes


def main(show: int = 0) -> dict[str, float]:
    started = time.perf_counter()
    answers = Answers(Catalog.load())
    print(f"index built in {(time.perf_counter() - started) * 1000:.0f} ms")
    development, held_out = load("qa_questions.yaml"), load("qa_heldout.yaml")
    dev = asyncio.run(run(development, answers))
    held = asyncio.run(run(held_out, answers))
    latencies = [o.ms for o in (*dev, *held)]
    cuts = statistics.quantiles(latencies, n=100)
    for label, outcomes in (("development", dev), ("held-out", held)):
        wrong = [o for o in outcomes if o.wrong]
        print(f"{label}: {len(outcomes) - len(wrong)}/{len(outcomes)} right")
    for outcome in [o for o in held if o.wrong][:show]:
        item = outcome.item
        print(f"\n✗ {item['id']} [{item['region']}] {item['q']!r} — {'; '.join(outcome.wrong)}")
        print("  " + outcome.reply.text.replace("\n", "\n  ")[:900])
    return {
        "questions": len(dev),
        "top1_accuracy": round(sum(not o.wrong for o in dev) / len(dev), 3),
        "heldout_questions": len(held),
        "heldout_top1_accuracy": round(sum(not o.wrong for o in held) / len(held), 3),
        "p50_ms": round(statistics.median(latencies), 3),
        "p95_ms": round(cuts[94], 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many wrong held-out")
    figures = main(parser.parse_args().show)
    print(json.dumps(figures))
