"""Show a screen: edit the message a button belongs to, or send a new one."""

from __future__ import annotations

from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message


async def show(event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup) -> None:
    if isinstance(event, Message):
        await event.answer(text, reply_markup=markup)
        return
    if isinstance(event.message, Message):
        await event.message.edit_text(text, reply_markup=markup)
    elif event.message is not None:
        # Too old to edit (inaccessible): answer in the same chat instead.
        await event.bot.send_message(event.message.chat.id, text, reply_markup=markup)  # type: ignore[union-attr]
