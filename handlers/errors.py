"""One place for unhandled errors: log with context, tell the user plainly, keep polling."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from core.i18n import Catalog, Texts

log = logging.getLogger(__name__)


async def on_error(event: ErrorEvent, catalog: Catalog, t: Texts | None = None) -> bool:
    update = event.update
    log.error("update %s failed: %r", update.update_id, event.exception, exc_info=event.exception)
    chat_id = _chat_id(event)
    if chat_id is None or update.bot is None:
        return True
    texts = t or catalog.bind(None)
    try:
        await update.bot.send_message(chat_id, texts("error-generic"))
    except TelegramAPIError as exc:  # the API itself may be what failed; nothing more to do
        log.warning("could not tell chat %s about the error: %s", chat_id, exc)
    return True


def _chat_id(event: ErrorEvent) -> int | None:
    update = event.update
    if update.message is not None and update.message.chat.type == "private":
        return update.message.chat.id
    if update.callback_query is not None:
        return update.callback_query.from_user.id
    return None


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router
