"""What onboarding, the directory's invites, /profile and the coordinators' queues (/requests,
/questions) share: a keyboard from its buttons, the buttons of schools found by name, a queue
shown one message an item, and a router's handlers for the actions of one kind of button."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from services.school_search import Match
from ui.keyboards import main_menu

Item = TypeVar("Item")
Buttons = Sequence[tuple[str, CallbackData]]


def keyboard(buttons: Buttons, *sizes: int) -> InlineKeyboardMarkup:
    """The buttons in rows of `sizes` (as InlineKeyboardBuilder.adjust; one a row by default)."""
    builder = InlineKeyboardBuilder()
    for text, data in buttons:
        builder.button(text=text, callback_data=data)
    builder.adjust(*(sizes or (1,)))
    return builder.as_markup()


def school_matches(found: Sequence[Match], choose: Callable[[int], CallbackData]) -> Buttons:
    """A button for each school found by name, "name — municipality"."""
    return [
        (f"{m.candidate.name} — {m.candidate.municipality}"[:60], choose(m.candidate.school_id))
        for m in found
    ]


async def answer_queue(
    message: Message,
    t: Texts,
    queue: Sequence[Item] | None,
    empty_key: str,
    card: Callable[[Item], tuple[str, InlineKeyboardMarkup]],
) -> None:
    """A coordinator's queue, one message an item; None (not a coordinator) is refused."""
    if queue is None:
        await message.answer(t("reg-coordinators-only"), reply_markup=main_menu(t))
        return
    if not queue:
        await message.answer(t(empty_key), reply_markup=main_menu(t))
        return
    for item in queue:
        text, markup = card(item)
        await message.answer(text, reply_markup=markup)


def on_actions(
    router: Router, buttons: type[CallbackData], handlers: Mapping[str, Callable[..., Any]]
) -> None:
    """Each handler answers the `buttons` whose action is its key (in the mapping's order)."""
    for action, handler in handlers.items():
        router.callback_query.register(handler, buttons.filter(F.action == action))
