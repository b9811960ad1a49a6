"""An hour before each scheduled talk of a published marathon, its audience hears of it, in their
own time; the claim makes it once per talk across sweeps, restarts and replicas."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from scheduler.runner import JobContext
from services import timefmt
from services.delivery import Outgoing, enqueue
from services.directory import Directory
from services.marathons import audience, talks_to_remind
from storage.models import Marathon
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import SubmissionRepository
from storage.repositories.users import UserRepository
from ui.keyboards import plain


async def remind_talks(context: JobContext) -> None:
    now = context.clock.now()
    async with context.sessionmaker.begin() as session:
        claims = SubmissionRepository(session)
        directory = Directory(session, context.settings.admin_ids)
        users = UserRepository(session)
        for talk in await talks_to_remind(session, now):
            if talk.starts_at is None:
                continue
            key = f"talk:{talk.id}:{talk.starts_at:%Y%m%dT%H%M}"  # a moved talk is reminded anew
            if not await claims.claim_reminder(key):
                continue
            marathon = await session.get(Marathon, talk.marathon_id)
            school = await DirectoryRepository(session).school(talk.school_id or 0)
            if marathon is None:
                continue
            messages = []
            for person in await audience(session, marathon):
                reader = await users.get(person)
                t = context.catalog.bind(reader.language if reader else None)
                when = timefmt.when(talk.starts_at, await directory.zone(person), t.language)
                text = t(
                    "mar-reminder",
                    title=marathon.title,
                    topic=talk.topic,
                    speaker=talk.speaker,
                    school=school.name if school else "—",
                    when=when,
                )
                messages.append(Outgoing(person, text, plain(_join_button(t, talk.join_url))))
            await enqueue(session, key, messages, now)


def _join_button(t: Texts, url: str | None) -> InlineKeyboardMarkup | None:
    """The talk's join link as a button, when the coordinator gave one (checked https)."""
    if not url:
        return None
    builder = InlineKeyboardBuilder()
    builder.button(text=t("mar-join"), url=url)
    return builder.as_markup()
