"""Long polling that keeps memory flat under a backlog and serves people fairly.

aiogram's polling turns every fetched update into a task at once: after a day down, 20,000
waiting updates become 20,000 parsed updates and tasks in memory, and a person writing now waits
behind all of them. Here updates wait as compact JSON text (a few hundred bytes, against some
kilobytes parsed) in one queue per chat, up to `capacity` in all; fetching pauses when it is
full, so nothing is dropped, it stays with Telegram. A fixed number of workers take chats in
turn, one update of a chat per turn, so a chat's updates keep their order and a chat with
hundreds queued cannot hold up the rest; updates sent in the last minute go before older ones,
so people writing now are answered while the backlog is worked off.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import deque
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.dispatcher.dispatcher import DEFAULT_BACKOFF_CONFIG
from aiogram.methods import TelegramMethod
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig
from pydantic import ValidationError

log = logging.getLogger(__name__)
Raw = dict[str, Any]
FRESH_S = 60.0  # an update sent this recently is someone waiting now
DRAIN_S = 20.0  # on a stop, how long the updates already taken from Telegram may still run


class GetRawUpdates(TelegramMethod[list[Raw]]):
    """getUpdates answered as plain JSON: parsed one at a time, when its turn comes."""

    __returning__ = list[Raw]
    __api_method__ = "getUpdates"

    offset: int | None = None
    limit: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


class FairQueue:
    """Updates per chat; chats served in turn, those with fresh updates first.

    One lock, three conditions, each woken only for what its waiters wait for (one worker per
    chat that becomes ready, the fetcher per freed place): waking every waiter on every change
    cost a few milliseconds per update with 32 workers."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._chats: dict[int, deque[tuple[float | None, bytes]]] = {}  # (sent at, update)
        self._fresh: deque[int] = deque()
        self._backlog: deque[int] = deque()
        self._lined: set[int] = set()  # chats in either line
        self._busy: set[int] = set()
        self._size = 0
        lock = asyncio.Lock()
        self._work = asyncio.Condition(lock)  # a chat is ready
        self._room = asyncio.Condition(lock)  # a place is free
        self._idle = asyncio.Condition(lock)  # nothing queued, nobody busy

    def __len__(self) -> int:
        return self._size

    async def put(self, raw: Raw, now: float) -> None:
        """Waits while the queue is full: the update then stays with Telegram, not in memory."""
        key, sent = chat_of(raw), sent_at(raw)
        packed = json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode()
        async with self._room:
            await self._room.wait_for(lambda: self._size < self._capacity)
            self._chats.setdefault(key, deque()).append((sent, packed))
            self._size += 1
            if key not in self._busy:
                self._schedule(key, sent, now)

    async def take(self) -> tuple[int, bytes]:
        """The next chat's oldest update; the chat is the caller's until `done`."""
        async with self._work:
            await self._work.wait_for(lambda: bool(self._fresh or self._backlog))
            key = (self._fresh or self._backlog).popleft()
            self._lined.discard(key)
            _, packed = self._chats[key].popleft()
            self._size -= 1
            self._busy.add(key)
            self._room.notify(1)
            return key, packed

    async def done(self, key: int) -> None:
        async with self._work:
            self._busy.discard(key)
            waiting = self._chats.get(key)
            if waiting:
                self._schedule(key, waiting[0][0], time.time())
            else:
                self._chats.pop(key, None)
            if self._size == 0 and not self._busy:
                self._idle.notify_all()

    async def drained(self) -> None:
        async with self._idle:
            await self._idle.wait_for(lambda: self._size == 0 and not self._busy)

    def _schedule(self, key: int, sent: float | None, now: float) -> None:
        """A chat waits for its turn once, in the line its update belongs to (lock held)."""
        if key in self._lined:
            return
        line = self._fresh if sent is None or now - sent <= FRESH_S else self._backlog
        line.append(key)
        self._lined.add(key)
        self._work.notify(1)


def chat_of(raw: Raw) -> int:
    """The chat (else the person) an update belongs to, for its place in line."""
    for value in raw.values():
        if not isinstance(value, dict):
            continue
        chat = value.get("chat") or (value.get("message") or {}).get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return int(chat["id"])
        sender = value.get("from") or value.get("user")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return int(sender["id"])
    return 0


def sent_at(raw: Raw) -> float | None:
    for value in raw.values():
        if isinstance(value, dict) and isinstance(value.get("date"), int):
            return float(value["date"])
    return None


class FairDispatcher(Dispatcher):
    """A dispatcher whose long polling goes through a `FairQueue` (see the module's text)."""

    def __init__(self, *, queue_capacity: int, workers: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._queue_capacity = queue_capacity
        self._workers = workers

    async def _polling(
        self,
        bot: Bot,
        polling_timeout: int = 30,
        handle_as_tasks: bool = True,
        backoff_config: BackoffConfig | None = None,
        allowed_updates: list[str] | None = None,
        tasks_concurrency_limit: int | None = None,
        **kwargs: Any,
    ) -> None:
        queue = FairQueue(self._queue_capacity)
        workers = [
            asyncio.create_task(self._work(bot, queue, kwargs)) for _ in range(self._workers)
        ]
        try:
            await self._fetch(bot, queue, polling_timeout, backoff_config, allowed_updates)
        finally:
            await self._finish(queue, workers)

    async def _fetch(
        self,
        bot: Bot,
        queue: FairQueue,
        polling_timeout: int,
        backoff_config: BackoffConfig | None,
        allowed_updates: list[str] | None,
    ) -> None:
        backoff = Backoff(config=backoff_config or DEFAULT_BACKOFF_CONFIG)
        request_timeout = int(bot.session.timeout + polling_timeout)
        offset: int | None = None
        while True:
            method = GetRawUpdates(
                offset=offset, timeout=polling_timeout, allowed_updates=allowed_updates
            )
            try:
                batch = await bot(method, request_timeout=request_timeout)
            except Exception as error:
                log.error("could not fetch updates (%s: %s)", type(error).__name__, error)
                await backoff.asleep()
                continue
            backoff.reset()
            for raw in batch:
                update_id = raw.get("update_id")
                if isinstance(update_id, int):
                    offset = update_id + 1
                await queue.put(raw, time.time())

    async def _work(self, bot: Bot, queue: FairQueue, data: dict[str, Any]) -> None:
        while True:
            key, packed = await queue.take()
            try:
                await self._handle(bot, packed, data)
            finally:
                await queue.done(key)

    async def _handle(self, bot: Bot, packed: bytes, data: dict[str, Any]) -> None:
        try:
            update = Update.model_validate_json(packed, context={"bot": bot})
        except ValidationError as error:
            log.warning("a malformed update was skipped: %s", error)
            return
        try:
            await self._process_update(bot=bot, update=update, **data)
        except Exception:  # _process_update logs and swallows; a worker must survive anything
            log.exception("update %s failed", update.update_id)

    async def _finish(self, queue: FairQueue, workers: list[asyncio.Task[None]]) -> None:
        """Updates already taken from Telegram are not fetched again: let them run, briefly."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(queue.drained(), timeout=DRAIN_S)
        if len(queue):
            log.warning("stopped with %s fetched updates not handled", len(queue))
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
