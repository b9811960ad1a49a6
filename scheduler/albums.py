"""The album-replies sweep: an album whose first part was claimed by a process that died before
answering (handlers.submissions answers albums as their parts settle) is answered here, once."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.i18n import Catalog
from storage.models import utcnow
from storage.repositories.submissions import SubmissionRepository
from storage.repositories.users import UserRepository
from ui.submissions import confirm_keyboard

log = logging.getLogger(__name__)
ALBUM_STRANDED_AFTER = 15  # seconds: far past the settling wait of a living process


async def answer_stranded_albums(
    bot: Bot, catalog: Catalog, sessionmaker: async_sessionmaker[AsyncSession]
) -> int:
    """Albums whose first part was claimed by a process that died before answering."""
    answered = 0
    async with sessionmaker() as session:
        stranded = await SubmissionRepository(session).stranded_album_replies(
            utcnow() - timedelta(seconds=ALBUM_STRANDED_AFTER)
        )
    for album in stranded:
        assert album.chat_id is not None  # selected so
        assert album.submission_id is not None
        async with sessionmaker.begin() as session:
            repository = SubmissionRepository(session)
            if not await repository.take_album_reply(album.media_group_id):
                continue
            count = await repository.file_count(album.submission_id)
            person = await UserRepository(session).get(album.chat_id)
        t = catalog.bind(person.language if person else None)
        try:
            await bot.send_message(
                album.chat_id, t("submit-received", count=count), reply_markup=confirm_keyboard(t)
            )  # the draft's school is not known here: send or cancel, both of the draft
        except TelegramAPIError as error:
            log.warning("album %s not answered: %s", album.media_group_id, error)
        answered += 1
    return answered
