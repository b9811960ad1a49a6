"""Inline keyboards shared by several handlers. Every screen offers a way back."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import LANGUAGES, Texts
from services.delivery import Button, Buttons
from ui.callbacks import CalAction, CalCb, LangCb, MenuCb

LANGUAGE_NAME_KEYS = {"ru": "language-name-ru", "en": "language-name-en"}


def main_menu(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("menu-deadlines"), callback_data=MenuCb(item="deadlines"))
    builder.button(text=t("menu-webinars"), callback_data=MenuCb(item="webinars"))
    builder.button(text=t("menu-progress"), callback_data=MenuCb(item="progress"))
    builder.button(text=t("menu-profile"), callback_data=MenuCb(item="profile"))
    builder.button(text=t("menu-help"), callback_data=MenuCb(item="help"))
    builder.button(text=t("menu-language"), callback_data=MenuCb(item="lang"))
    builder.adjust(2, 1, 2, 1)
    return builder.as_markup()


def back_to_menu(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    return builder.as_markup()


def language_picker(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        builder.button(text=t(LANGUAGE_NAME_KEYS[code]), callback_data=LangCb(code=code))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(len(LANGUAGES), 1)
    return builder.as_markup()


def plain(markup: InlineKeyboardMarkup | None) -> Buttons:
    """An aiogram keyboard as the outbox's plain buttons (services.delivery keeps no Telegram
    types); the sender turns them back into the same keyboard."""
    if markup is None:
        return ()
    rows = []
    for row in markup.inline_keyboard:
        for button in row:
            other = button.model_dump(exclude_none=True, exclude={"text", "callback_data", "url"})
            if other:
                raise ValueError(f"the outbox keeps callback and link buttons only, not {other}")
        rows.append(tuple(Button(b.text, b.callback_data, b.url) for b in row))
    return tuple(rows)


def deadlines_buttons(t: Texts) -> Buttons:
    """Under a notice of changed dates: my deadlines, or the menu."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("cal-my-deadlines"), callback_data=CalCb(action=CalAction.DEADLINES))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2)
    return plain(builder.as_markup())
