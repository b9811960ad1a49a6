"""Telling a few named people something (a coordinator about a request or a question), each in
their own language. Not for fan-out: broadcasts and reminders go through services.delivery."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from core.i18n import Texts
from handlers.context import Context
from services.users import language_of

log = logging.getLogger(__name__)
Render = Callable[[Texts], tuple[str, InlineKeyboardMarkup | None]]


async def tell_each(ctx: Context, user_ids: Sequence[int], render: Render) -> int:
    """Sends each person their rendering; returns how many got it. One unreachable person does
    not stop the rest."""
    told = 0
    for user_id in user_ids:
        text, markup = render(ctx.texts(await language_of(ctx.session, user_id)))
        try:
            await ctx.bot.send_message(user_id, text, reply_markup=markup)
        except TelegramAPIError as error:
            log.warning("could not tell %s: %s", user_id, error)
            continue
        told += 1
    return told
