"""The bot's scheduled sweeps. Each is idempotent: what it records decides what was done."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Texts
from handlers.submissions import answer_stranded_albums
from scheduler.broadcasts import follow_broadcasts
from scheduler.marathons import remind_talks
from scheduler.reporting import download_files, notify_reviewers, remind
from scheduler.runner import Job, JobContext
from services import timefmt
from services.channel import channel_chat
from services.delivery import Outgoing, enqueue
from services.directory import Directory
from services.webinars import HORIZON, Occurrence, due_announcements, series_catalog, upcoming
from storage.repositories.webinars import WebinarRepository

ANNOUNCE_KEYS = {"day_before": "webinars-announce-day-before", "soon": "webinars-announce-soon"}


async def announce_webinars(context: JobContext) -> None:
    """The day before and shortly before each webinar: every subscriber, in their own time."""
    now = context.clock.now()
    series = {one.key: one for one in series_catalog()}
    async with context.sessionmaker.begin() as session:
        repository = WebinarRepository(session)
        edits = await repository.edits(now, now + HORIZON)
        coming = upcoming(list(series.values()), now, edits, limit=10, horizon=timedelta(days=2))
        for occurrence, kind in due_announcements(coming, now):
            if not await repository.claim_announcement(
                occurrence.series_key, occurrence.starts_at, kind
            ):
                continue  # announced already (by this or another replica, before a restart)
            directory = Directory(session, context.settings.admin_ids)
            title = series[occurrence.series_key].title_in
            messages = []
            for user in await repository.audience(occurrence.series_key):
                t = context.catalog.bind(user.language)
                text = _announcement(
                    t, kind, title(t.language), occurrence, await directory.zone(user.id), now
                )
                messages.append(Outgoing(user.id, text))
            channel = (
                await channel_chat(context.bot, context.settings.channel_id)
                if kind == "day_before"
                else None
            )
            if channel is not None:  # the channel reads Moscow time, in the default language
                t = context.catalog.bind(None)
                text = _announcement(t, kind, title(t.language), occurrence, timefmt.MOSCOW, now)
                messages.append(Outgoing(channel, text))
            campaign = f"webinar:{occurrence.series_key}:{occurrence.starts_at:%Y%m%dT%H%M}:{kind}"
            await enqueue(session, campaign, messages, now)


def _announcement(
    t: Texts, kind: str, title: str, occurrence: Occurrence, zone: ZoneInfo, now: datetime
) -> str:
    shift = timefmt.moscow_shift(zone, now)
    return t(
        ANNOUNCE_KEYS[kind],
        series=title,
        when=timefmt.when(occurrence.starts_at, zone, t.language),
        zone=t("webinars-msk-shift", shift=shift) if shift else t("webinars-moscow-time"),
        topic=occurrence.topic or "—",
    )


async def answer_albums(context: JobContext) -> None:
    await answer_stranded_albums(context.bot, context.catalog, context.sessionmaker)


JOBS = [
    Job("webinar-announcements", timedelta(minutes=1), announce_webinars),
    Job("reviewer-notices", timedelta(minutes=1), notify_reviewers),
    Job("file-downloads", timedelta(minutes=1), download_files),
    Job("reporting-reminders", timedelta(minutes=5), remind),
    Job("broadcast-progress", timedelta(seconds=5), follow_broadcasts),
    Job("marathon-reminders", timedelta(minutes=1), remind_talks),
    Job("album-replies", timedelta(seconds=10), answer_albums),
]
