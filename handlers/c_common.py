"""Keyboards the screens of progress, review, submissions, broadcasts and calendar editing
share, and the registration of a feature's buttons by their action."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping

from aiogram import F, Router
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from ui.callbacks import MenuCb

Choice = tuple[str, CallbackData]  # a button's text and what it does
Handler = Callable[..., Awaitable[None]]


def on_buttons(
    router: Router,
    buttons: type[CallbackData],
    handlers: Mapping[str, Handler],
    *when: Filter,
) -> None:
    """Registers each handler for the `buttons` whose action is its key (and that pass `when`,
    checked first)."""
    for action, handler in handlers.items():
        router.callback_query.register(handler, *when, buttons.filter(F.action == action))


def menu_column(t: Texts, choices: Iterable[Choice]) -> InlineKeyboardMarkup:
    """The choices one under another, and the way back to the menu last."""
    builder = InlineKeyboardBuilder()
    for text, action in choices:
        builder.button(text=text, callback_data=action)
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return builder.as_markup()


def back_and_menu(t: Texts, back: CallbackData, key: str = "nav-back") -> InlineKeyboardMarkup:
    """One row: back to the screen the person came from (`back`, labelled `key`), and the menu."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t(key), callback_data=back)
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2)
    return builder.as_markup()
