"""Show a screen: edit the message a button belongs to, or send a new one; a queue as one
message an item; a service's refusal or a stale button in words; the menu a person needs."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from core.i18n import Texts
from handlers.context import Context
from services.permissions import ForbiddenError
from ui.keyboards import back_to_menu, main_menu

log = logging.getLogger(__name__)
T = TypeVar("T")
Item = TypeVar("Item")


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


async def answer_queue(
    message: Message,
    ctx: Context,
    queue: Sequence[Item] | None,
    empty_key: str,
    card: Callable[[Item], tuple[str, InlineKeyboardMarkup]],
) -> None:
    """A coordinator's queue, one message an item; None (not a coordinator) is refused, with
    the menu as the person needs it (the ways to join for someone with no role)."""
    if queue is None:
        await message.answer(ctx.t("reg-coordinators-only"), reply_markup=await menu_for(ctx))
        return
    if not queue:
        await message.answer(ctx.t(empty_key), reply_markup=await menu_for(ctx))
        return
    for item in queue:
        text, markup = card(item)
        await message.answer(text, reply_markup=markup)


async def found_or_told(
    event: Message | CallbackQuery, t: Texts, refusal: str, lookup: Awaitable[T | None]
) -> T | None:
    """What the service call `lookup` finds, or None once the person is told why not: the text
    `refusal` when the service refuses (ForbiddenError), that the button is stale when there is
    nothing (any longer)."""
    try:
        found = await lookup
    except ForbiddenError:
        await show(event, t(refusal), back_to_menu(t))
        return None
    if found is None:
        await show(event, t("error-stale-button"), back_to_menu(t))
    return found


async def stale(event: Message | CallbackQuery, t: Texts) -> None:
    """A button whose moment has passed (the conversation ended, or it was forged): say so and
    offer the menu."""
    await show(event, t("error-stale-button"), main_menu(t))


async def menu_for(ctx: Context, t: Texts | None = None) -> InlineKeyboardMarkup:
    """The menu as this person needs it: with the ways to join while they have no role; in `t`
    when their language has just changed."""
    actor = await ctx.actor()
    return main_menu(t or ctx.t, joined=bool(actor.grants) or actor.is_admin)
