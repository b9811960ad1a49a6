"""Inline keyboards shared by several handlers. Every screen offers a way back."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import LANGUAGES, Texts
from services.delivery import Button, Buttons
from services.school_search import Match
from ui.callbacks import CalAction, CalCb, LangCb, MenuCb, RegCb

LANGUAGE_NAME_KEYS = {"ru": "language-name-ru", "en": "language-name-en"}
Choice = tuple[str, CallbackData]  # a button's text and what pressing it does


def main_menu(t: Texts, joined: bool = True) -> InlineKeyboardMarkup:
    """The menu; for someone with no role yet (`joined=False`) the ways to join come first, as
    /start shows them, and the reporting (nothing to report on before joining) is left out."""
    rows = t.once(("main-menu", joined), lambda texts: _main_menu_rows(texts, joined))
    # Built once per language (most updates end on it); fresh rows, so a caller may extend them.
    return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in rows])


def _main_menu_rows(t: Texts, joined: bool) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
    builder = InlineKeyboardBuilder()
    if not joined:
        builder.button(
            text=t("reg-i-am-school"), callback_data=RegCb(action="role", value="school")
        )
        builder.button(
            text=t("reg-i-am-curator"), callback_data=RegCb(action="role", value="curator")
        )
    builder.button(text=t("menu-deadlines"), callback_data=MenuCb(item="deadlines"))
    builder.button(text=t("menu-webinars"), callback_data=MenuCb(item="webinars"))
    if joined:
        builder.button(text=t("menu-progress"), callback_data=MenuCb(item="progress"))
    builder.button(text=t("menu-profile"), callback_data=MenuCb(item="profile"))
    builder.button(text=t("menu-help"), callback_data=MenuCb(item="help"))
    builder.button(text=t("menu-language"), callback_data=MenuCb(item="lang"))
    builder.adjust(*((2, 1, 2, 1) if joined else (1, 1, 2, 2, 1)))
    return tuple(tuple(row) for row in builder.export())


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


def keyboard(choices: Iterable[Choice], *sizes: int) -> InlineKeyboardMarkup:
    """The buttons in rows of `sizes` (as InlineKeyboardBuilder.adjust); one a row by default."""
    builder = InlineKeyboardBuilder()
    for text, data in choices:
        builder.button(text=text, callback_data=data)
    builder.adjust(*(sizes or (1,)))
    return builder.as_markup()


def column(*choices: Choice) -> InlineKeyboardMarkup:
    """One button a row, in the order given."""
    return keyboard(choices)


def menu_column(t: Texts, choices: Iterable[Choice]) -> InlineKeyboardMarkup:
    """The choices one under another, and the way back to the menu last."""
    return keyboard([*choices, (t("nav-back-to-menu"), MenuCb(item="home"))])


def back_and_menu(t: Texts, back: CallbackData, key: str = "nav-back") -> InlineKeyboardMarkup:
    """One row: back to the screen the person came from (`back`, labelled `key`), and the menu."""
    return keyboard([(t(key), back), (t("nav-back-to-menu"), MenuCb(item="home"))], 2)


def school_matches(found: Sequence[Match], choose: Callable[[int], CallbackData]) -> list[Choice]:
    """A button for each school found by name, "name — municipality"."""
    return [
        (f"{m.candidate.name} — {m.candidate.municipality}"[:60], choose(m.candidate.school_id))
        for m in found
    ]
