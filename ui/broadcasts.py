"""A broadcast's card as its author sees it: the delivery report and the stop button. Shown by
the composer (handlers.broadcasts) and kept up to date by the scheduler (scheduler.broadcasts)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from services.broadcasts import Report
from storage.models import Broadcast
from ui.callbacks import BcCb


def stop_keyboard(t: Texts, broadcast_id: int, status: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    key = "bc-cancel-scheduled" if status == "scheduled" else "bc-stop"
    builder.button(text=t(key), callback_data=BcCb(action="stop", value=str(broadcast_id)))
    return builder.as_markup()


def report_text(t: Texts, broadcast: Broadcast, current: Report) -> str:
    key = {
        "done": "bc-report-done",
        "stopped": "bc-report-stopped",
        "cancelled": "bc-report-cancelled",
    }.get(broadcast.status, "bc-report-progress")
    return t(
        key,
        number=broadcast.id,
        total=current.total,
        delivered=current.delivered,
        blocked=current.blocked,
        never_started=current.never_started,
        failed=current.failed,
        cancelled=current.cancelled,
        pending=current.pending,
    )
