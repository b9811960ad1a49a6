"""What the school reads when a coordinator decides a confirmation (chat and review board)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from services.calendar import Step
from storage.models import Submission
from ui.callbacks import SubCb


def decision_notice(
    t: Texts, submission: Submission, school: str, step: Step | None
) -> tuple[str, InlineKeyboardMarkup | None]:
    values: dict[str, str | int] = {
        "number": step.number if step else submission.step_key,
        "title": step.text("title", t.language) if step else "",
        "school": school,
        "version": submission.version or 0,
    }
    if submission.status == "accepted":
        return t("review-told-accepted", **values), None
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("submit-again-button"),
        callback_data=SubCb(action="step", school=submission.school_id, step=submission.step_key),
    )
    text = t("review-told-returned", comment=submission.review_comment or "", **values)
    return text, builder.as_markup()
