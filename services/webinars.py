"""Recurring webinars: when the occurrences of a series fall, and how each user sees them.

A series is a weekly rule (weekday + local time in the organiser's zone) inside seasons. The
occurrences are computed, not stored; coordinators' edits of single occurrences (topic, speakers,
links, cancellation) are stored separately and laid over the computed ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy.ext.asyncio import AsyncSession

from services.permissions import Action, Actor, Role, Scope, can

# An occurrence is the record the repository reads and writes; the domain names it from here.
from storage.repositories.webinars import REGIONAL as REGIONAL
from storage.repositories.webinars import Occurrence as Occurrence
from storage.repositories.webinars import WebinarRepository
from storage.repositories.webinars import region_of as region_of
from storage.repositories.webinars import regional_key as regional_key

WEBINARS_FILE = Path(__file__).resolve().parent.parent / "data" / "webinars.yaml"
HORIZON = timedelta(days=120)  # how far ahead "coming webinars" look
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    title: Mapping[str, str]
    organiser: str
    weekday: int  # 0 = Monday
    local_time: time
    zone: ZoneInfo
    duration: timedelta
    seasons: tuple[tuple[date, date], ...]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["ru"]


def may_edit(actor: Actor, series_key: str) -> bool:
    """The federal series is the federal admins'; a region's own webinars are its regional
    coordinators' (and the admins')."""
    region = region_of(series_key)
    if actor.is_admin:
        return True
    return region is not None and can(actor, Action.EDIT_WEBINARS, Scope(region))


def note_region(actor: Actor) -> str | None:
    """The region whose note on a federal webinar this person writes (a regional coordinator)."""
    return next((g.scope.region for g in actor.grants if g.role is Role.REGIONAL), None)


def load_series(path: Path = WEBINARS_FILE) -> list[Series]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_series(item) for item in raw["series"]]


def _series(item: dict[str, Any]) -> Series:
    hours, minutes = (int(part) for part in str(item["time"]).split(":"))
    seasons = tuple((_as_date(start), _as_date(end)) for start, end in item["seasons"])
    for start, end in seasons:
        if end < start:
            raise ValueError(f"series {item['key']}: season ends {end} before it starts {start}")
    return Series(
        key=str(item["key"]),
        title=dict(item["title"]),
        organiser=str(item.get("organiser", "")),
        weekday=WEEKDAYS.index(str(item["weekday"]).lower()),
        local_time=time(hours, minutes),
        zone=ZoneInfo(str(item["timezone"])),
        duration=timedelta(minutes=int(item.get("duration_minutes", 60))),
        seasons=seasons,
    )


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def occurrences(series: Series, after: datetime, before: datetime) -> Iterator[Occurrence]:
    """The series' occurrences starting in [after, before), in time order."""
    for season_start, season_end in series.seasons:
        day = season_start + timedelta(days=(series.weekday - season_start.weekday()) % 7)
        while day <= season_end:
            starts = datetime.combine(day, series.local_time, series.zone).astimezone(UTC)
            if after <= starts < before:
                yield Occurrence(series.key, starts)
            day += timedelta(days=7)


EVERY_REGION = "*"  # for the editor and the announcements: every region's own webinars too


def upcoming(
    series: list[Series],
    now: datetime,
    overrides: Mapping[tuple[str, datetime], Occurrence],
    limit: int = 5,
    horizon: timedelta = HORIZON,
    region: str | None = None,
    notes: Mapping[tuple[str, datetime], str] | None = None,
) -> list[Occurrence]:
    """The next occurrences of all series, with coordinators' edits applied, cancelled ones kept
    (so people see the cancellation). Extra one-off occurrences come from `overrides` too; a
    region's own ones only for that `region` (or EVERY_REGION), with its `notes` attached."""
    found: dict[tuple[str, datetime], Occurrence] = {}
    for one in series:
        for occurrence in occurrences(one, now, now + horizon):
            found[(occurrence.series_key, occurrence.starts_at)] = occurrence
    for key, edited in overrides.items():
        own = edited.region
        if own is not None and region not in (own, EVERY_REGION):
            continue  # another region's webinar
        if now <= edited.starts_at < now + horizon:
            found[key] = replace(found.get(key, edited), **_edits(edited))
    for key, note in (notes or {}).items():
        if key in found:
            found[key] = replace(found[key], note=note)
    return sorted(found.values(), key=lambda o: o.starts_at)[:limit]


def _edits(edited: Occurrence) -> dict[str, Any]:
    return {
        "topic": edited.topic,
        "speakers": edited.speakers,
        "join_url": edited.join_url,
        "recording_url": edited.recording_url,
        "cancelled": edited.cancelled,
    }


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


@cache
def series_catalog() -> tuple[Series, ...]:
    """The shipped series, read once per process."""
    return tuple(load_series())


# Announcements: the day before (to the channel and subscribers), shortly before the start, and
# once the recording link is added after it.
DAY_BEFORE = "day_before"
SOON = "soon"
RECORDING = "recording"
LEADS = {DAY_BEFORE: timedelta(hours=24), SOON: timedelta(minutes=30)}


def due_announcements(coming: list[Occurrence], now: datetime) -> list[tuple[Occurrence, str]]:
    """What is due now. A bot that was down catches up, but never sends the day-before notice
    when the start is already close: then only the "soon" reminder goes out."""
    due: list[tuple[Occurrence, str]] = []
    for occurrence in coming:
        if occurrence.recording_url and occurrence.starts_at <= now:
            due.append((occurrence, RECORDING))
            continue
        if occurrence.cancelled or not now < occurrence.starts_at:
            continue
        left = occurrence.starts_at - now
        if left <= LEADS[SOON]:
            due.append((occurrence, SOON))
        elif left <= LEADS[DAY_BEFORE]:
            due.append((occurrence, DAY_BEFORE))
    return due


async def coming(session: AsyncSession, now: datetime, limit: int = 5) -> list[Occurrence]:
    """`upcoming` of every series with the stored edits of the next HORIZON laid over."""
    edits = await WebinarRepository(session).edits(now, now + HORIZON)
    return upcoming(list(series_catalog()), now, edits, limit=limit)
