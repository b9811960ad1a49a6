"""What the bot says about a step for a given person: their region's deadline, in their zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from services.calendar import Calendar, Step, shipped_calendar
from services.qa import QuestionAnswerer

FAQ_FILE = Path(__file__).resolve().parent.parent / "data" / "faq.yaml"


@dataclass(frozen=True, slots=True)
class Asker:
    """Where a question comes from: the region decides deadlines, the zone how times read."""

    region: str | None
    zone: ZoneInfo
    roles: frozenset[str]


@cache
def faq_entries() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(FAQ_FILE.read_text(encoding="utf-8"))["faq"])


_answerers: dict[tuple[int, int], QuestionAnswerer] = {}


def answerer(season_calendar: Calendar | None = None) -> QuestionAnswerer:
    """One answerer per calendar version (a new season brings its own steps and keywords)."""
    season = season_calendar or shipped_calendar()
    key = (season.season, season.version)
    if key not in _answerers:
        _answerers[key] = QuestionAnswerer(season, faq_entries())
    return _answerers[key]


def faq_entry(key: str) -> dict[str, Any] | None:
    return next((f for f in faq_entries() if f["key"] == key), None)


def days_left(step: Step, asker: Asker, now: datetime) -> int | None:
    day = step.due(asker.region)
    if day is None:
        return None
    return (day - now.astimezone(asker.zone).date()).days
