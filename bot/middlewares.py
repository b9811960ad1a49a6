"""Outer middlewares on every update: drop malformed ones, open the unit of work, know the user."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser
from aiogram.types.update import UpdateTypeLookupError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Catalog
from services.users import UserService
from storage.repositories.users import TelegramProfile

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
log = logging.getLogger(__name__)


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
