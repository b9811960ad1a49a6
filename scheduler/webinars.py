"""Webinar announcements: the day before (subscribers and the channel), shortly before the start
(with the join link as a button), and once the recording is there (with a button to it). Each
person reads it in their own time, with their region's note; a region's own webinar reaches
only that region. Each (occurrence, kind) is claimed once, across sweeps, restarts, replicas."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from gateway.channel import channel_chat
from scheduler.runner import JobContext
from services import timefmt
from services.delivery import Outgoing, enqueue
from services.directory import Directory
from services.webinars import (
    DAY_BEFORE,
    EVERY_REGION,
    HORIZON,
    RECORDING,
    Occurrence,
    due_announcements,
    series_catalog,
    upcoming,
)
from storage.repositories.webinars import WebinarRepository
from ui.keyboards import plain
from ui.webinars import series_name

ANNOUNCE_KEYS = {
    DAY_BEFORE: "webinars-announce-day-before",
    "soon": "webinars-announce-soon",
    RECORDING: "webinars-announce-recording",
}
LOOK_BACK = timedelta(days=14)  # a recording added up to two weeks after is still announced


async def announce_webinars(context: JobContext) -> None:
    now = context.clock.now()
    async with context.sessionmaker.begin() as session:
        repository = WebinarRepository(session)
        edits = await repository.edits(now - LOOK_BACK, now + HORIZON)
        coming = upcoming(
            list(series_catalog()),
            now - LOOK_BACK,
            edits,
            limit=50,
            horizon=LOOK_BACK + timedelta(days=2),
            region=EVERY_REGION,
        )
        for occurrence, kind in due_announcements(coming, now):
            if not await repository.claim_announcement(
                occurrence.series_key, occurrence.starts_at, kind
            ):
                continue  # announced already (by this or another replica, before a restart)
            messages = await _to_people(context, repository, occurrence, kind, now)
            if kind == DAY_BEFORE and occurrence.region is None:
                channel = await channel_chat(context.bot, context.settings.channel_id)
                if channel is not None:  # the channel reads Moscow time, in the default language
                    t = context.catalog.bind(None)
                    text, markup = _announcement(t, kind, occurrence, timefmt.MOSCOW, now)
                    messages.append(Outgoing(channel, text, plain(markup)))
            campaign = f"webinar:{occurrence.series_key}:{occurrence.starts_at:%Y%m%dT%H%M}:{kind}"
            await enqueue(session, campaign, messages, now)


async def _to_people(
    context: JobContext,
    repository: WebinarRepository,
    occurrence: Occurrence,
    kind: str,
    now: datetime,
) -> list[Outgoing]:
    audience = await repository.audience(occurrence.series_key, occurrence.region)
    regions = await repository.regions_of([user.id for user in audience])
    notes: dict[str, str | None] = {}
    directory = Directory(repository.session, ())  # zones only
    messages = []
    for user in audience:
        region = regions.get(user.id)
        if region is not None and region not in notes:
            found = await repository.notes(
                region, occurrence.starts_at, occurrence.starts_at + timedelta(seconds=1)
            )
            notes[region] = found.get((occurrence.series_key, occurrence.starts_at))
        with_note = replace(occurrence, note=notes.get(region or ""))
        t = context.catalog.bind(user.language)
        zone = await directory.zone(user.id)
        text, markup = _announcement(t, kind, with_note, zone, now)
        messages.append(Outgoing(user.id, text, plain(markup)))
    return messages


def _announcement(
    t: Texts, kind: str, occurrence: Occurrence, zone: ZoneInfo, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    shift = timefmt.moscow_shift(zone, now)
    same_day = occurrence.starts_at.astimezone(zone).date() == now.astimezone(zone).date()
    text = t(
        ANNOUNCE_KEYS[kind],
        day=t("webinars-today") if same_day else t("webinars-tomorrow"),
        series=series_name(t, occurrence),
        when=timefmt.when(occurrence.starts_at, zone, t.language),
        zone=t("webinars-msk-shift", shift=shift) if shift else t("webinars-moscow-time"),
        topic=occurrence.topic or "—",
    )
    if occurrence.note:
        text += "\n" + t("webinars-note", note=occurrence.note)
    link, label = (
        (occurrence.recording_url, "webinars-recording-button")
        if kind == RECORDING
        else (occurrence.join_url, "webinars-join-button")
    )
    if not link:
        return text, None
    builder = InlineKeyboardBuilder()
    builder.button(text=t(label), url=link)
    return text, builder.as_markup()
