"""The one delivery layer for everything that fans out (announcements, reminders, broadcasts).

Messages are first written to the outbox (in the transaction that decided to send them). A worker
claims due rows for a while, sends them paced under Telegram's limits, and records each outcome
right after its send: claim, send, mark. A crash loses nothing (an expired claim is taken again)
and repeats at most the one message that was in flight. Several workers (replicas) never take
the same row: the claim is a conditional UPDATE (and `FOR UPDATE SKIP LOCKED` on PostgreSQL).

API: `enqueue(session, campaign, messages, now)`, `campaign_report(session, campaign)`,
`cancel(session, campaign)`; `DeliveryWorker(...).run(stop_event)` in the bot process.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

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
from redis.asyncio import Redis
from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import Clock
from services.file_store import FileStore
from storage.models import OutboxMessage, User

log = logging.getLogger(__name__)
FINAL = ("delivered", "blocked", "never_started", "failed", "cancelled")


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat_id: int
    text: str  # the caption when there is media
    reply_markup: InlineKeyboardMarkup | None = None
    media_kind: str | None = None  # photo | document
    media_file_id: str | None = None
    pin: bool = False
    media_sha256: str | None = None  # the bot's own copy, for when Telegram forgot the file_id


TEXT_LIMIT = 4096  # characters Telegram takes in one message, counted after HTML is parsed
_TAG = re.compile(r"<[^>]+>")


def visible_length(html_text: str) -> int:
    return len(html.unescape(_TAG.sub("", html_text)))


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Splits a long text at line ends into parts Telegram accepts (our texts never open a tag
    on one line and close it on another), so nothing is refused mid-broadcast."""
    if visible_length(text) <= limit:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        while visible_length(line) > limit:  # one enormous line: cut it, plain text only
            line = html.unescape(_TAG.sub("", line))
            parts.append(html.escape(line[:limit], quote=False))
            line = html.escape(line[limit:], quote=False)
        if current and visible_length("\n".join([*current, line])) > limit:
            parts.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        parts.append("\n".join(current))
    return parts


def _split(message: Outgoing) -> list[Outgoing]:
    if message.media_kind is not None:
        return [message]  # captions are checked where they are written (the composer)
    parts = split_text(message.text)
    if len(parts) == 1:
        return [message]
    # The buttons belong under the last part, where the reader finishes.
    return [
        replace(message, text=part, reply_markup=message.reply_markup if last else None)
        for last, part in ((i == len(parts) - 1, p) for i, p in enumerate(parts))
    ]


async def enqueue(
    session: AsyncSession, campaign: str, messages: Iterable[Outgoing], now: datetime
) -> int:
    messages = [part for message in messages for part in _split(message)]
    rows = [
        OutboxMessage(
            campaign=campaign,
            chat_id=m.chat_id,
            text=m.text,
            reply_markup=m.reply_markup.model_dump_json(exclude_none=True)
            if m.reply_markup
            else None,
            media_kind=m.media_kind,
            media_file_id=m.media_file_id,
            media_sha256=m.media_sha256,
            pin=m.pin,
            status="pending",
            not_before=now,
            attempts=0,
        )
        for m in messages
    ]
    session.add_all(rows)
    await session.flush()
    return len(rows)


async def campaign_report(session: AsyncSession, campaign: str) -> dict[str, int]:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.campaign == campaign)
        .group_by(OutboxMessage.status)
    )
    return {str(status): int(count) for status, count in rows}


async def campaign_failures(session: AsyncSession, campaign: str) -> dict[str, int]:
    """Why messages of the campaign failed: Telegram's (or the network's) words, with counts."""
    rows = await session.execute(
        select(OutboxMessage.error, func.count())
        .where(OutboxMessage.campaign == campaign, OutboxMessage.status == "failed")
        .group_by(OutboxMessage.error)
    )
    return {str(error or "—"): int(count) for error, count in rows}


async def depth(session: AsyncSession) -> int:
    """Messages waiting to be sent (for /metrics)."""
    count = await session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "pending")
    )
    return int(count or 0)


async def cancel(session: AsyncSession, campaign: str) -> int:
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.campaign == campaign, OutboxMessage.status == "pending")
        .values(status="cancelled")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


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
