"""The webinar schedule's use cases: a person's coming webinars and their reminder subscriptions,
and the editor, where federal admins keep the federal series and a regional coordinator keeps
their region's own webinars and writes notes on the federal ones (services.webinars has the
rules; this module reads and writes them through the repository)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.directory import zone_of
from services.permissions import Action, Actor, ForbiddenError
from services.regions import region_info
from services.webinars import (
    EVERY_REGION,
    HORIZON,
    Occurrence,
    Series,
    may_edit,
    note_region,
    occurrences,
    region_of,
    series_catalog,
    upcoming,
)
from storage.repositories.webinars import WebinarRepository

PAST = timedelta(days=21)  # recent ones stay editable, for the recording link
LISTED = 8
FIELDS = ("topic", "speakers", "join_url", "recording_url")
NOTE = "note"  # the region's note on a federal webinar


@dataclass(frozen=True, slots=True)
class WebinarsScreen:
    """What /webinars shows one person."""

    coming: list[Occurrence]
    zone: ZoneInfo
    series: list[tuple[Series, bool]]  # each series, and whether they are subscribed
    keeps_schedule: bool  # offer the editor


def keeps_schedule(actor: Actor) -> bool:
    """Who opens the editor: admins and regional coordinators."""
    return actor.is_admin or note_region(actor) is not None


async def webinars_screen(
    session: AsyncSession, actor: Actor, now: datetime, limit: int
) -> WebinarsScreen:
    """The coming webinars in the person's time: the federal series, their region's own
    webinars and their region's notes on the federal ones."""
    repository = WebinarRepository(session)
    series = list(series_catalog())
    zone = zone_of(actor)
    edits = await repository.edits(now, now + HORIZON)
    region = next((g.scope.region for g in actor.grants), None)
    notes = await repository.notes(region, now, now + HORIZON) if region else {}
    coming = upcoming(series, now, edits, limit=limit, region=region, notes=notes)
    chosen = await repository.subscriptions(actor.user_id)
    subscribed = [(one, chosen.get(one.key, True)) for one in series]
    return WebinarsScreen(coming, zone, subscribed, keeps_schedule(actor))


async def set_subscription(
    session: AsyncSession, actor: Actor, series_key: str, subscribed: bool
) -> bool:
    """(Un)subscribes the person from a series' reminders, committed before the caller says
    "done"; False for a series the catalogue does not have (nothing changes)."""
    if series_key not in {series.key for series in series_catalog()}:
        return False
    await WebinarRepository(session).set_subscribed(actor.user_id, series_key, subscribed)
    await session.commit()
    return True


# --- the editor ------------------------------------------------------------------------------


async def editor_list(session: AsyncSession, actor: Actor, now: datetime) -> list[Occurrence]:
    """The occurrences the editor lists: recent and coming, every region's own for an admin,
    the coordinator's region's own for them."""
    if not keeps_schedule(actor):
        raise ForbiddenError(Action.EDIT_WEBINARS)
    since = now - PAST
    until = since + PAST + timedelta(days=120)
    edits = await WebinarRepository(session).edits(since, until)
    region = EVERY_REGION if actor.is_admin else note_region(actor)
    return upcoming(list(series_catalog()), since, edits, LISTED, region=region)


async def find_occurrence(
    session: AsyncSession, series: str, at: int, region: str | None = None
) -> Occurrence | None:
    """The occurrence a button names (with `region`'s note on it), if it exists."""
    starts = datetime.fromtimestamp(at, UTC)
    repository = WebinarRepository(session)
    edits = await repository.edits(starts, starts + timedelta(seconds=1))
    known = {one.key: one for one in series_catalog()}
    found = edits.get((series, starts))
    if found is None and series in known:
        found = next(iter(occurrences(known[series], starts, starts + timedelta(seconds=1))), None)
    if found is None or region is None:
        return found
    notes = await repository.notes(region, starts, starts + timedelta(seconds=1))
    return replace(found, note=notes.get((series, starts)))


def may_open(actor: Actor, occurrence: Occurrence) -> bool:
    """Its editors, and a regional coordinator on a federal webinar (for the note)."""
    federal = occurrence.region is None
    return may_edit(actor, occurrence.series_key) or (federal and note_region(actor) is not None)


async def open_occurrence(
    session: AsyncSession, actor: Actor, series: str, at: int
) -> Occurrence | None:
    """The occurrence with the person's region's note; None when it does not exist. Raises
    ForbiddenError for someone who may neither edit it nor write a note on it."""
    occurrence = await find_occurrence(session, series, at, note_region(actor))
    if occurrence is not None and not may_open(actor, occurrence):
        raise ForbiddenError(Action.EDIT_WEBINARS)
    return occurrence


def may_change(actor: Actor, series: str, field: str) -> bool:
    """A field of an occurrence: the note is a regional coordinator's on a federal webinar, the
    others the series' editors'."""
    if field == NOTE:
        return note_region(actor) is not None and region_of(series) is None
    return field in FIELDS and may_edit(actor, series)


async def save_field(
    session: AsyncSession, actor: Actor, series: str, at: int, field: str, value: str | None
) -> Occurrence | None:
    """Sets one field (None clears it), committed before the caller says "saved"; the
    occurrence as changed, None when it no longer exists. Raises ForbiddenError when the
    person may not change that field."""
    region = note_region(actor)
    occurrence = await find_occurrence(session, series, at, region)
    if occurrence is None:
        return None
    repository = WebinarRepository(session)
    if field == NOTE and region is not None and occurrence.region is None:
        await repository.save_note(
            occurrence.series_key, occurrence.starts_at, region, value, actor.user_id
        )
        await session.commit()
        return replace(occurrence, note=value)
    if field in FIELDS and may_edit(actor, occurrence.series_key):
        changes: dict[str, Any] = {field: value}
        edited = replace(occurrence, **changes)
        await repository.save_edit(edited, actor.user_id)
        await session.commit()
        return edited
    raise ForbiddenError(Action.EDIT_WEBINARS)


async def toggle_cancelled(
    session: AsyncSession, actor: Actor, series: str, at: int
) -> Occurrence | None:
    """Cancels the occurrence, or restores a cancelled one (committed before the caller
    says so); None when it does not exist."""
    if not may_edit(actor, series):
        raise ForbiddenError(Action.EDIT_WEBINARS)
    occurrence = await find_occurrence(session, series, at)
    if occurrence is None:
        return None
    edited = replace(occurrence, cancelled=not occurrence.cancelled)
    await WebinarRepository(session).save_edit(edited, actor.user_id)
    await session.commit()
    return edited


def known_series(series: str) -> bool:
    """A shipped series, or a region's own ("regional-67")."""
    region = region_of(series)
    return series in {one.key for one in series_catalog()} or (
        region is not None and region_info(region) is not None
    )


def may_add(actor: Actor, series: str) -> bool:
    return may_edit(actor, series) and known_series(series)


async def add_occurrence(
    session: AsyncSession, actor: Actor, series: str, starts: datetime, now: datetime
) -> Occurrence | None:
    """A one-off occurrence at `starts`, committed before the caller shows it; None for a time
    past or a series nobody has (the caller asks again). Raises ForbiddenError when the person
    may not edit the series."""
    if starts <= now or not known_series(series):
        return None
    if not may_edit(actor, series):
        raise ForbiddenError(Action.EDIT_WEBINARS)
    occurrence = Occurrence(series, starts)
    await WebinarRepository(session).save_edit(occurrence, actor.user_id)
    await session.commit()
    return occurrence


def rest_of_season(series_key: str, now: datetime) -> list[Occurrence]:
    for series in series_catalog():
        if series.key != series_key:
            continue
        for start, end in series.seasons:
            if start <= now.date() <= end or now.date() < start:
                until = datetime.combine(end + timedelta(days=1), datetime.min.time(), UTC)
                return list(occurrences(series, now, until))
    return []


def season_to_cancel(actor: Actor, series: str, now: datetime) -> int:
    """How many occurrences cancelling the rest of the season would cancel (admins only)."""
    if not actor.is_admin:
        raise ForbiddenError(Action.EDIT_WEBINARS)
    return len(rest_of_season(series, now))


async def cancel_season(session: AsyncSession, actor: Actor, series: str, now: datetime) -> int:
    """Cancels every remaining occurrence of the current season, committed before the caller
    says so; returns how many."""
    remaining = rest_of_season(series, now)
    if not actor.is_admin:
        raise ForbiddenError(Action.EDIT_WEBINARS)
    repository = WebinarRepository(session)
    edits = await repository.edits(now, now + timedelta(days=400))
    for occurrence in remaining:
        current = edits.get((occurrence.series_key, occurrence.starts_at), occurrence)
        await repository.save_edit(replace(current, cancelled=True), actor.user_id)
    await session.commit()
    return len(remaining)
