"""Middlewares: drop malformed updates, open the unit of work, know the user, answer buttons."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, TelegramObject, Update
from aiogram.types import User as TgUser
from aiogram.types.update import UpdateTypeLookupError
from aiogram.utils.callback_answer import CallbackAnswer, CallbackAnswerMiddleware
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversations import DatabaseStorage
from core.config import Settings
from core.i18n import Catalog, Texts
from handlers.context import Context
from services.directory import actor_of
from services.users import UserService
from storage.person_reader import SqlitePersonReader
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
    """One database session per update, committed when the handlers succeed, else rolled back.
    Conversation state kept in the database is written in the same transaction."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        conversations: DatabaseStorage | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._conversations = conversations

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if self._conversations is None:
            async with self._sessionmaker() as session:
                data["session"] = session
                result = await handler(event, data)
                await _commit_if_begun(session)
                return result
        conversations = self._conversations
        with conversations.update_scope() as pending:
            try:
                async with self._sessionmaker() as session:
                    data["session"] = session
                    result = await handler(event, data)
                    await conversations.write_into(session, pending)
                    await _commit_if_begun(session)
            except BaseException:
                conversations.undo(pending)
                raise
            return result


async def _commit_if_begun(session: AsyncSession) -> None:
    """An update that never used its session (on SQLite a known person's /start, /help) has
    nothing to commit; committing would begin a transaction only to end it (~5% of a /start)."""
    if session.in_transaction():
        await session.commit()


class KnowTheUser(BaseMiddleware):
    """Loads (or creates) the sender and binds texts to their language as `t`."""

    def __init__(
        self, catalog: Catalog, default_language: str, reader: SqlitePersonReader | None = None
    ) -> None:
        self._catalog = catalog
        self._default_language = default_language
        self._reader = reader

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        users = UserService(data["session"], self._default_language, self._reader)
        data["users"] = users
        data["catalog"] = self._catalog
        sender: TgUser | None = data.get("event_from_user")
        if sender is None or sender.is_bot:
            data["t"] = self._catalog.bind(self._default_language)
            return await handler(event, data)
        contact = await users.on_contact(_profile(sender))
        data["user"] = user = contact.user
        data["t"] = texts = self._catalog.bind(user.language)
        settings: Settings = data["settings"]
        data["ctx"] = ctx = Context(
            texts, user, data["session"], settings, data["clock"], self._catalog, data["bot"]
        )
        actor = actor_of(user.id, contact.grants, settings.admin_ids)
        ctx.know_actor(actor, requests_waiting=contact.requests_waiting)
        return await handler(event, data)


def _profile(sender: TgUser) -> TelegramProfile:
    return TelegramProfile(
        id=sender.id,
        first_name=sender.first_name[:128],
        last_name=sender.last_name[:128] if sender.last_name else None,
        username=sender.username,
    )


class CommandsEndConversations(BaseMiddleware):
    """A command is a new request: a conversation waiting for typed text (a return comment, a
    decline reason, an announcement, a draft's comment) ends, so the next question is not taken
    as that text. What it collected that lives in the database (a draft's files) stays."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        message = event.message if isinstance(event, Update) else None
        text = message.text if message is not None else None
        if text and text.startswith("/") and data.get("raw_state") is not None:
            await data["state"].clear()
            data["raw_state"] = None
        return await handler(event, data)


class KnowTheActor(BaseMiddleware):
    """The acting person's roles and places (an Actor), resolved once per update and only for
    a handler that takes `actor`: an inner middleware, so the matched handler is known."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        matched = data.get("handler")
        ctx: Context | None = data.get("ctx")
        if ctx is not None and matched is not None and "actor" in matched.params:
            data["actor"] = await ctx.actor()
        return await handler(event, data)


class AnswerCallbacks(CallbackAnswerMiddleware):
    """Answers every button press once the update's work is committed, so the spinner stops when
    the change is durable (an outer middleware around the unit of work). A failing answer is only
    logged: a query Telegram has already expired ("query is too old": the bot answered late,
    under a burst) just means the spinner stopped by itself, and an answer failing must never
    replace the handler's own exception, or half-done work would look finished."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        query = event.callback_query if isinstance(event, Update) else None
        if query is None:
            return await handler(event, data)
        answer = data["callback_answer"] = self.construct_callback_answer(properties=None)
        try:
            return await handler(event, data)
        finally:
            if not answer.disabled and not answer.answered:
                await self._answer_quietly(query, answer)

    async def _answer_quietly(self, event: CallbackQuery, answer: CallbackAnswer) -> None:
        try:
            await self.answer(event, answer)
        except TelegramAPIError as error:
            level = logging.INFO if STALE_QUERY in str(error) else logging.WARNING
            log.log(level, "callback query %s not answered: %s", event.id, error)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float
    noticed_at: float | None = None
    album: str | None = None


class Throttle(BaseMiddleware):
    """Per-person flood control before any work is done: a token bucket of `burst` updates that
    refills at `per_second`. Past it, updates are dropped and the person is told so, at most once
    in `notice_every` seconds; everyone else is served as usual. An album counts once.

    The buckets live in this process: behind N webhook replicas a person gets N times the rate,
    still far from what a flood needs."""

    def __init__(
        self,
        catalog: Catalog,
        burst: int = 20,
        per_second: float = 1.0,
        now: Callable[[], float] = time.monotonic,
        notice_every: float = 30.0,
    ) -> None:
        self._catalog = catalog
        self._notice_every = notice_every
        self._burst = float(burst)
        self._rate = per_second
        self._now = now
        self._buckets: dict[int, _Bucket] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        sender: TgUser | None = data.get("event_from_user")
        if sender is None or sender.is_bot or self._admit(sender.id, _album_of(event)):
            return await handler(event, data)
        bucket = self._buckets[sender.id]
        now = self._now()
        if bucket.noticed_at is None or now - bucket.noticed_at >= self._notice_every:
            bucket.noticed_at = now
            await self._notice(event, self._catalog.bind(_language(sender)))
        return UNHANDLED

    def _admit(self, user_id: int, album: str | None) -> bool:
        now = self._now()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) > 100_000:  # forget people whose buckets are full again
                full = now - self._burst / self._rate
                self._buckets = {k: b for k, b in self._buckets.items() if b.stamp > full}
            bucket = self._buckets[user_id] = _Bucket(self._burst, now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.stamp) * self._rate)
        bucket.stamp = now
        if album is not None and album == bucket.album:
            return True  # the rest of an album already let in
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        bucket.album = album
        return True

    async def _notice(self, event: TelegramObject, t: Texts) -> None:
        update = event if isinstance(event, Update) else None
        try:
            if update is not None and update.callback_query is not None:
                await update.callback_query.answer(t("throttle-notice"))
            elif update is not None and update.message is not None:
                await update.message.answer(t("throttle-notice"))
        except TelegramAPIError as error:
            log.info("could not tell a flooder to slow down: %s", error)


def _album_of(event: TelegramObject) -> str | None:
    if isinstance(event, Update) and event.message is not None:
        return event.message.media_group_id
    return None


def _language(sender: TgUser) -> str | None:
    return "en" if (sender.language_code or "").startswith("en") else None
