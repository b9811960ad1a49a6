"""Show a screen: edit the message a button belongs to, or send a new one."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

log = logging.getLogger(__name__)


async def show(event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup) -> None:
    if isinstance(event, Message):
        await event.answer(text, reply_markup=markup)
        return
    message = event.message
    if isinstance(message, Message) and message.text is not None:
        await message.edit_text(text, reply_markup=markup)  # "not modified" is no error (session)
        return
    if isinstance(message, Message):
        # A chart, a table or any file: its text cannot become a screen. The screen replaces it
        # below; the file stays where it is, it is what the person asked for.
        await message.answer(text, reply_markup=markup)
        await _drop_buttons(message)
    elif message is not None:
        # Too old to edit (inaccessible): answer in the same chat instead.
        await event.bot.send_message(message.chat.id, text, reply_markup=markup)  # type: ignore[union-attr]


async def _drop_buttons(message: Message) -> None:
    """The file's own buttons led here; they would only lead here again."""
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramAPIError as error:
        log.info("could not take the buttons off message %s: %s", message.message_id, error)
