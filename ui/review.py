"""What the school reads when a coordinator decides a confirmation (chat and review board)."""

from __future__ import annotations

from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from services.calendar import Step
from services.delivery import Buttons
from storage.models import Submission
from ui.callbacks import SubCb
from ui.keyboards import plain


def decision_notice(
    t: Texts, submission: Submission, school: str, step: Step | None
) -> tuple[str, Buttons]:
    values: dict[str, str | int] = {
        "number": step.number if step else submission.step_key,
        "title": step.text("title", t.language) if step else "",
        "school": school,
        "version": submission.version or 0,
    }
    if submission.status == "accepted":
        return t("review-told-accepted", **values), ()
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("submit-again-button"),
        callback_data=SubCb(action="step", school=submission.school_id, step=submission.step_key),
    )
    text = t("review-told-returned", comment=submission.review_comment or "", **values)
    return text, plain(builder.as_markup())
