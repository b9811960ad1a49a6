"""The keyboards of sending a confirmation: a draft's (the submit flow and the album-replies sweep)
and the Submit button under a coordinator's reminder (services.nudges)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from services.delivery import Buttons
from ui.callbacks import SubCb
from ui.keyboards import plain


def confirm_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("submit-send-button"), callback_data=SubCb(action="send"))
    builder.button(text=t("submit-cancel-button"), callback_data=SubCb(action="cancel"))
    builder.adjust(1)
    return builder.as_markup()


def draft_keyboard(t: Texts, school_id: int, files: int) -> InlineKeyboardMarkup:
    """Send (once there is a file), back to the steps (the draft stays), cancel the draft."""
    builder = InlineKeyboardBuilder()
    if files:
        builder.button(text=t("submit-send-button"), callback_data=SubCb(action="send"))
    builder.button(text=t("nav-back"), callback_data=SubCb(action="school", school=school_id))
    builder.button(text=t("submit-cancel-button"), callback_data=SubCb(action="cancel"))
    builder.adjust(1, 2)
    return builder.as_markup()


def submit_step(t: Texts, school_id: int, step_key: str) -> Buttons:
    """Submit, under a reminder of a step not sent: opens that school's step."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("board-nudge-submit"),
        callback_data=SubCb(action="step", school=school_id, step=step_key),
    )
    return plain(builder.as_markup())
