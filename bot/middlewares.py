"""Middlewares: drop malformed updates, open the unit of work, know the user, answer buttons."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser
from aiogram.types.update import UpdateTypeLookupError
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Catalog
from services.users import UserService
from storage.repositories.users import TelegramProfile

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
log = logging.getLogger(__name__)
STALE_QUERY = "query is too old"  # Telegram's words for an expired callback query


class SkipEmptyUpdates(BaseMiddleware):
    """Updates we could not parse arrive as bare `Update(update_id)`; acknowledge and drop them."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Update):
            try:
                _ = event.event_type
            except UpdateTypeLookupError:
                log.warning("update %s has no known content; skipped", event.update_id)
                return UNHANDLED
        return await handler(event, data)


class UnitOfWork(BaseMiddleware):
    """One database session per update, committed when the handlers succeed, else rolled back."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self._sessionmaker() as session:
            data["session"] = session
            result = await handler(event, data)
            await session.commit()
            return result


class KnowTheUser(BaseMiddleware):
    """Loads (or creates) the sender and binds texts to their language as `t`."""

    def __init__(self, catalog: Catalog, default_language: str) -> None:
        self._catalog = catalog
        self._default_language = default_language

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        users = UserService(data["session"], self._default_language)
        data["users"] = users
        data["catalog"] = self._catalog
        sender: TgUser | None = data.get("event_from_user")
        if sender is None or sender.is_bot:
            data["t"] = self._catalog.bind(self._default_language)
            return await handler(event, data)
        user = await users.on_contact(_profile(sender))
        data["user"] = user
        data["t"] = self._catalog.bind(user.language)
        return await handler(event, data)


def _profile(sender: TgUser) -> TelegramProfile:
    return TelegramProfile(
        id=sender.id,
        first_name=sender.first_name[:128],
        last_name=sender.last_name[:128] if sender.last_name else None,
        username=sender.username,
    )


class AnswerCallbacks(CallbackAnswerMiddleware):
    """aiogram's automatic callback answer, except that a query Telegram has already expired
    (the bot answered it too late, under a burst) is not an error: the work is done and shown,
    only the button's spinner stopped by itself. Telling the user "something went wrong" then
    would be false."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await super().__call__(handler, event, data)
        except TelegramBadRequest as error:
            if STALE_QUERY not in error.message:
                raise
            log.info("callback query answered too late: %s", error.message)
            return None
