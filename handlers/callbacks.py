"""Every callback-data type in one place, so prefixes cannot collide (a test checks)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    """A main-menu item: `home`, `help`, `lang`."""

    item: str


class LangCb(CallbackData, prefix="lang"):
    code: str


class WebinarCb(CallbackData, prefix="web"):
    """`subscribe` / `unsubscribe` a series by its key."""

    action: str
    series: str
