"""The outbox's sender: claims due rows of services.delivery's outbox, sends them paced under
Telegram's limits, and records each outcome right after its send. Several workers (replicas) never
take the same row: the claim is a conditional UPDATE (and `FOR UPDATE SKIP LOCKED` on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import Clock
from services.file_store import FileStore
from storage.models import OutboxMessage, User

if TYPE_CHECKING:
    from redis.asyncio import Redis  # the scale-out mode's; the default mode loads none

log = logging.getLogger(__name__)


class Pacer:
    """At most `rate` sends per second overall, one per second per private chat and 20 a minute
    per group or channel (Telegram's limits); a 429 pauses everything for its retry_after."""

    def __init__(self, rate: float, per_chat: float = 1.0, per_group: float = 3.0) -> None:
        self._interval = 1.0 / rate
        self._per_chat = per_chat
        self._per_group = per_group
        self._next = 0.0
        self._chat_next: dict[int, float] = {}
        self._paused_until = 0.0

    async def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def wait(self, chat_id: int) -> None:
        now = time.monotonic()
        slot = max(now, self._next, self._paused_until, self._chat_next.get(chat_id, 0.0))
        self._next = slot + self._interval
        # Group and channel ids are negative in the Bot API.
        self._chat_next[chat_id] = slot + (self._per_group if chat_id < 0 else self._per_chat)
        if len(self._chat_next) > 50_000:  # forget chats long past their spacing
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        if slot > now:
            await asyncio.sleep(slot - now)


class SharedPacer:
    """The same limits shared by every replica through Redis: each send reserves the next free
    slot overall and for its chat in one atomic script, on Redis's clock, so N replicas together
    stay under Telegram's 30 messages/s instead of each sending 29."""

    # The overall slot and the chat's slot are reserved separately: a chat that must wait
    # does not push everyone else's schedule back.
    SCRIPT = """
    local t = redis.call('TIME')
    local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
    local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'),
                          tonumber(redis.call('GET', KEYS[3]) or '0'))
    local chat = math.max(slot, tonumber(redis.call('GET', KEYS[2]) or '0'))
    redis.call('SET', KEYS[1], tostring(slot + tonumber(ARGV[1])), 'EX', 60)
    redis.call('SET', KEYS[2], tostring(chat + tonumber(ARGV[2])), 'EX', 60)
    return tostring(chat - now)
    """

    def __init__(
        self, redis: Redis, rate: float, per_chat: float = 1.0, per_group: float = 3.0
    ) -> None:
        self._redis = redis
        self._interval = 1.0 / rate
        self._per_chat = per_chat
        self._per_group = per_group
        self._reserve = redis.register_script(self.SCRIPT)
        self._pause = redis.register_script(self.PAUSE)

    PAUSE = """
    local t = redis.call('TIME')
    local until_ = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
    redis.call('SET', KEYS[1], tostring(until_), 'EX', 3600)
    """

    async def pause(self, seconds: float) -> None:
        """A 429 stops every replica until retry_after has passed."""
        await self._pause(keys=["outbox:pace:paused"], args=[seconds])

    async def wait(self, chat_id: int) -> None:
        spacing = self._per_group if chat_id < 0 else self._per_chat
        keys = ["outbox:pace:next", f"outbox:pace:chat:{chat_id}", "outbox:pace:paused"]
        delay = float(await self._reserve(keys=keys, args=[self._interval, spacing]))
        if delay > 0:
            await asyncio.sleep(delay)


class DeliveryWorker:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        bot: Bot,
        clock: Clock,
        *,
        rate: float = 29.0,
        batch: int = 10,
        claim_for: timedelta = timedelta(seconds=15),  # far longer than a batch takes
        max_attempts: int = 5,
        on_outcome: Callable[[str], None] | None = None,
        pacer: Pacer | SharedPacer | None = None,
        files: FileStore | None = None,
    ) -> None:
        self._files = files
        self._on_outcome = on_outcome  # e.g. a metrics counter by outcome
        self._sessions = sessionmaker
        self._bot = bot
        self._clock = clock
        self._pacer = pacer or Pacer(rate)
        self._batch = batch
        self._claim_for = claim_for
        self._max_attempts = max_attempts
        self.worker_id = f"worker-{uuid.uuid4().hex[:12]}"

    async def run(self, stop: asyncio.Event, idle: float = 0.5) -> None:
        while not stop.is_set():
            try:
                sent = await self.run_once()
            except Exception:
                log.exception("delivery round failed; retrying")
                sent = 0
            if not sent:
                try:
                    async with asyncio.timeout(idle):
                        await stop.wait()
                except TimeoutError:
                    pass

    async def run_once(self) -> int:
        rows = await self._claim()
        for row in rows:
            await self._pacer.wait(row.chat_id)
            await self._send(row)
        return len(rows)

    async def _claim(self) -> list[OutboxMessage]:
        now = self._clock.now()
        async with self._sessions.begin() as session:
            due = (
                select(OutboxMessage.id)
                .where(
                    OutboxMessage.status == "pending",
                    OutboxMessage.not_before <= now,
                    (OutboxMessage.claimed_until.is_(None)) | (OutboxMessage.claimed_until < now),
                )
                .order_by(OutboxMessage.id)
                .limit(self._batch)
            )
            if session.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            ids = list(await session.scalars(due))
            if not ids:
                return []
            await session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_(ids),
                    (OutboxMessage.claimed_until.is_(None)) | (OutboxMessage.claimed_until < now),
                )
                .values(claimed_by=self.worker_id, claimed_until=now + self._claim_for)
            )
            rows = await session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == self.worker_id)
                .order_by(OutboxMessage.id)
            )
            return list(rows)

    async def _send(self, row: OutboxMessage) -> None:
        markup = (
            InlineKeyboardMarkup.model_validate_json(row.reply_markup) if row.reply_markup else None
        )
        try:
            sent = await self._deliver(row, markup)
        except TelegramRetryAfter as error:
            await self._pacer.pause(error.retry_after)
            await self._mark(row, claimed_until=None)  # back in the queue, not a failure
        except TelegramForbiddenError as error:
            # 403: blocked or deactivated, or never pressed Start ("can't initiate conversation").
            never = "initiate" in error.message.lower()
            await self._mark(
                row, status="never_started" if never else "blocked", error=error.message
            )
            await self._unreachable(row.chat_id)  # until they write again
        except TelegramBadRequest as error:
            never = "chat not found" in error.message.lower()
            await self._mark(
                row, status="never_started" if never else "failed", error=error.message
            )
        except (TelegramServerError, TelegramNetworkError) as error:
            await self._retry_later(row, str(error))
        except Exception as error:
            # Anything else (a proxy's HTML page that is not JSON, a bug) also counts an attempt
            # and backs off; a row left claimed with no attempt counted would go out again and
            # again each time its claim lapsed.
            log.warning("sending outbox row %s failed: %r", row.id, error)
            await self._retry_later(row, f"{type(error).__name__}: {error}"[:500])
        else:
            await self._mark(
                row, status="delivered", message_id=sent.message_id, sent_at=self._clock.now()
            )

    async def _deliver(self, row: OutboxMessage, markup: InlineKeyboardMarkup | None) -> Message:
        bot, chat = self._bot, row.chat_id
        if row.media_kind in ("photo", "document") and row.media_file_id:
            try:
                sent = await self._send_media(row, row.media_file_id, markup)
            except TelegramBadRequest as error:
                copy = self._copy(row)
                if copy is None:
                    raise
                log.info("file id of outbox row %s unknown (%s): uploading the copy", row.id, error)
                sent = await self._send_media(row, copy, markup)
        else:
            sent = await bot.send_message(chat, row.text, reply_markup=markup)
        if row.pin:
            try:
                await bot.pin_chat_message(chat, sent.message_id, disable_notification=True)
            except TelegramAPIError as error:  # sent is sent; a missing right only loses the pin
                log.warning("could not pin in %s: %s", chat, error)
        return sent

    async def _send_media(
        self,
        row: OutboxMessage,
        media: str | BufferedInputFile,
        markup: InlineKeyboardMarkup | None,
    ) -> Message:
        if row.media_kind == "photo":
            return await self._bot.send_photo(
                row.chat_id, media, caption=row.text, reply_markup=markup
            )
        return await self._bot.send_document(
            row.chat_id, media, caption=row.text, reply_markup=markup
        )

    def _copy(self, row: OutboxMessage) -> BufferedInputFile | None:
        """The bot's own copy of the row's file, when it has one."""
        if self._files is None or not row.media_sha256:
            return None
        path = self._files.path_for(row.media_sha256)
        if not path.exists():
            return None
        name = "photo.jpg" if row.media_kind == "photo" else f"document-{row.media_sha256[:8]}"
        return BufferedInputFile(path.read_bytes(), filename=name)

    async def _retry_later(self, row: OutboxMessage, error: str) -> None:
        attempts = row.attempts + 1
        if attempts >= self._max_attempts:
            await self._mark(row, status="failed", attempts=attempts, error=error)
            return
        backoff = timedelta(seconds=2**attempts)
        await self._mark(
            row,
            attempts=attempts,
            error=error,
            claimed_until=None,
            not_before=self._clock.now() + backoff,
        )

    async def _mark(self, row: OutboxMessage, **values: object) -> None:
        """Records the outcome. The message is already sent, so a database that is briefly away
        (a restart, a failover) is waited for while the claim lasts; only if it stays away
        longer can the message go out once more."""
        if self._on_outcome is not None:
            self._on_outcome(str(values.get("status", "retry")))
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id == row.id, OutboxMessage.claimed_by == self.worker_id)
            .values(**values)
        )
        give_up = time.monotonic() + self._claim_for.total_seconds() * 0.8
        delay = 0.25
        while True:
            try:
                async with self._sessions.begin() as session:
                    await session.execute(statement)
                return
            except (DBAPIError, OSError) as error:
                if time.monotonic() + delay > give_up:
                    raise
                log.warning("outcome of %s not recorded yet (%s); retrying", row.id, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    async def _unreachable(self, chat_id: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(update(User).where(User.id == chat_id).values(is_reachable=False))
