"""What the marathon, webinar and webinar-schedule screens share: their keyboards are mostly a
column of buttons, the way back last, and a service that refuses or finds nothing is answered
the same way."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from handlers.screens import show
from services.permissions import ForbiddenError
from ui.keyboards import back_to_menu

Button = tuple[str, CallbackData]
T = TypeVar("T")


def column(*buttons: Button) -> InlineKeyboardMarkup:
    """One button a row, in the order given."""
    builder = InlineKeyboardBuilder()
    for text, data in buttons:
        builder.button(text=text, callback_data=data)
    builder.adjust(1)
    return builder.as_markup()


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
