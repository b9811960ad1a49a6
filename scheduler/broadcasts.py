"""Follows running broadcasts: starts scheduled ones' cards at their time, updates each author's
progress card, and when nothing is left to send, turns the card into the delivery report and
tells the author. The status change is conditional, so one replica reports, once."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramBadRequest
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from scheduler.runner import JobContext
from services.broadcasts import Report, campaign, report
from services.delivery import campaign_failures
from storage.models import Broadcast
from storage.repositories.broadcasts import BroadcastRepository
from storage.repositories.users import UserRepository
from ui.broadcasts import report_text, stop_keyboard

log = logging.getLogger(__name__)
# What each card shows now, so an unchanged card is not edited again (Telegram refuses that).
_shown: dict[int, str] = {}


async def follow_broadcasts(context: JobContext) -> None:
    now = context.clock.now()
    async with context.sessionmaker.begin() as session:
        repository = BroadcastRepository(session)
        for broadcast in await repository.active():
            if broadcast.status == "scheduled" and broadcast.send_at <= now:
                await repository.move(broadcast.id, ("scheduled",), "sending", now)
                broadcast.status = "sending"
            if broadcast.status == "scheduled":
                continue  # its card keeps saying when it will go
            current = await report(session, broadcast)
            finished = broadcast.status == "sending" and current.pending == 0
            if finished and await repository.move(broadcast.id, ("sending",), "done", now):
                broadcast.status = "done"
            else:
                finished = False
            await _update_card(context, session, broadcast, current, finished)


async def _update_card(
    context: JobContext,
    session: AsyncSession,
    broadcast: Broadcast,
    current: Report,
    finished: bool,
) -> None:
    author = await UserRepository(session).get(broadcast.author_id)
    t = context.catalog.bind(author.language if author else None)
    text = report_text(t, broadcast, current)
    markup = None if finished else stop_keyboard(t, broadcast.id, broadcast.status)
    if finished:  # the card points down to the report, which comes as a message of its own
        report_message = text + await _reasons(t, session, broadcast)
        text = t("bc-report-below", number=broadcast.id)
    if broadcast.card_chat_id and broadcast.card_message_id and _shown.get(broadcast.id) != text:
        try:
            await context.bot.edit_message_text(
                text,
                chat_id=broadcast.card_chat_id,
                message_id=broadcast.card_message_id,
                reply_markup=markup,
            )
        except TelegramBadRequest as error:  # unchanged, or deleted by the author
            log.debug("card of broadcast %s not edited: %s", broadcast.id, error)
        _shown[broadcast.id] = text
    if finished:
        _shown.pop(broadcast.id, None)
        await context.bot.send_message(broadcast.author_id, report_message)  # an edit is silent


async def _reasons(t: Texts, session: AsyncSession, broadcast: Broadcast) -> str:
    """Why messages failed, in Telegram's words, so the author can act on it."""
    failures: dict[str, int] = {}
    for name in (campaign(broadcast.id), f"{campaign(broadcast.id)}:channel"):
        for reason, count in (await campaign_failures(session, name)).items():
            failures[reason] = failures.get(reason, 0) + count
    if not failures:
        return ""
    lines = [t("bc-report-reasons")]
    lines += [t("bc-report-reason", reason=reason[:200], count=n) for reason, n in failures.items()]
    return "\n\n" + "\n".join(lines)
