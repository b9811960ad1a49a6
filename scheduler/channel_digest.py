"""The week in the project channel: every Monday at 09:00 Moscow time, one post with the week's
federal deadlines, the webinars and the talks of regional and federal marathons. Only when
CHANNEL_ID is set; claimed once per week (restarts, replicas)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from gateway.channel import channel_chat
from scheduler.runner import JobContext
from services import timefmt
from services.calendar_io import calendar_for
from services.delivery import Outgoing, enqueue
from services.marathons import talks_between
from services.webinars import series_catalog, upcoming
from storage.repositories.submissions import SubmissionRepository
from storage.repositories.webinars import WebinarRepository
from ui.webinars import series_name

POST_AT = time(9, 0)
GRACE = timedelta(hours=6)  # a bot that was down at 09:00 still posts it that morning
MAX_LINES = 12


async def post_week(context: JobContext) -> None:
    if not context.settings.channel_id:
        return
    now = context.clock.now()
    local = now.astimezone(timefmt.MOSCOW)
    monday = local.date()
    start = datetime.combine(monday, POST_AT, timefmt.MOSCOW)
    if local.weekday() != 0 or not start <= now < start + GRACE:
        return
    chat = await channel_chat(context.bot, context.settings.channel_id)
    if chat is None:
        return
    async with context.sessionmaker.begin() as session:
        if not await SubmissionRepository(session).claim_reminder(f"channel-week:{monday}"):
            return
        t = context.catalog.bind(None)  # the channel reads the default language
        lines = [t("week-title", monday=timefmt.day(monday, t.language))]
        lines += await _deadlines(context, session, monday)
        lines += await _webinars(context, session, start)
        lines += await _talks(context, session, start)
        if len(lines) == 1:
            lines.append(t("week-nothing"))
        await enqueue(session, f"channel-week:{monday}", [Outgoing(chat, "\n".join(lines))], now)


async def _deadlines(context: JobContext, session: AsyncSession, monday: date) -> list[str]:
    t = context.catalog.bind(None)
    calendar = await calendar_for(session, None)
    found = [
        step
        for step in calendar.steps()
        if not step.regions
        and (due := step.due(None)) is not None
        and monday <= due < monday + timedelta(days=7)
    ]
    if not found:
        return []
    lines = [t("week-deadlines")]
    for step in sorted(found, key=lambda s: s.due(None) or monday)[:MAX_LINES]:
        due = step.due(None)
        assert due is not None  # selected so
        lines.append(
            t(
                "week-deadline",
                due=timefmt.day(due, t.language),
                title=step.text("title", t.language),
            )
        )
    return lines


async def _webinars(context: JobContext, session: AsyncSession, start: datetime) -> list[str]:
    t = context.catalog.bind(None)
    repository = WebinarRepository(session)
    edits = await repository.edits(start, start + timedelta(days=7))
    coming = [
        one
        for one in upcoming(list(series_catalog()), start, edits, horizon=timedelta(days=7))
        if not one.cancelled
    ]
    if not coming:
        return []
    lines = [t("week-webinars")]
    for one in coming[:MAX_LINES]:
        when = timefmt.when(one.starts_at, timefmt.MOSCOW, t.language)
        lines.append(
            t("week-webinar", when=when, series=series_name(t, one), topic=one.topic or "—")
        )
    return lines


async def _talks(context: JobContext, session: AsyncSession, start: datetime) -> list[str]:
    t = context.catalog.bind(None)
    found = await talks_between(session, start, start + timedelta(days=7))
    if not found:
        return []
    lines = [t("week-talks")]
    for marathon, talk in found[:MAX_LINES]:
        when = timefmt.when(talk.starts_at, timefmt.MOSCOW, t.language) if talk.starts_at else "—"
        lines.append(t("week-talk", when=when, marathon=marathon.title, topic=talk.topic))
    return lines
