"""Files people send for the bot to read (directory imports, calendars)."""

from __future__ import annotations

import io

from aiogram import Bot
from aiogram.types import Message

from core.i18n import Texts
from ui.keyboards import back_to_menu


async def fetch_document(
    message: Message, bot: Bot, t: Texts, limit: int, too_big_key: str
) -> bytes | None:
    """The message's document as bytes; None (after telling the sender why) when it is missing or
    over `limit`, so the flow stays where it was."""
    document = message.document
    if document is None:
        return None
    if (document.file_size or 0) > limit:
        await message.answer(t(too_big_key), reply_markup=back_to_menu(t))
        return None
    buffer = io.BytesIO()
    await bot.download(document.file_id, destination=buffer)
    return buffer.getvalue()
