"""The bot's scheduled sweeps. Each is idempotent: what it records decides what was done."""

from __future__ import annotations

from datetime import timedelta

from scheduler.albums import answer_stranded_albums
from scheduler.broadcasts import follow_broadcasts
from scheduler.channel_digest import post_week
from scheduler.marathons import remind_talks
from scheduler.reporting import download_files, notify_reviewers, remind
from scheduler.runner import Job, JobContext
from scheduler.webinars import announce_webinars


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
    Job("channel-week", timedelta(minutes=5), post_week),
]
