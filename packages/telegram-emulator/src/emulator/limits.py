"""Telegram's flood limits for outgoing messages, as sliding windows (off unless enabled)."""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator.errors import too_many_requests


@dataclass(frozen=True)
class Limits:
    """Defaults are Telegram's published ones: 30 messages/s in all, 1/s in one private chat,
    20/min in one group or channel."""

    enabled: bool = False
    global_per_s: int = 30
    per_chat_per_s: int = 1
    per_group_per_min: int = 20


@dataclass
class Stats:
    """Counters a bench or a test reads after a run."""

    messages_sent: int = 0
    per_chat: Counter[int] = field(default_factory=Counter)
    rate_limited: int = 0
    rate_limited_by: Counter[str] = field(default_factory=Counter)  # "global", "chat", "group"
    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)  # by description
    updates_created: int = 0
    webhook_deliveries: int = 0
    webhook_failures: int = 0


class _Window:
    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds = limit, seconds
        self.stamps: deque[float] = deque()

    def retry_after(self, now: float) -> int | None:
        """None when one more message fits; else whole seconds until one does."""
        while self.stamps and self.stamps[0] <= now - self.seconds:
            self.stamps.popleft()
        if len(self.stamps) < self.limit:
            return None
        frees_at = self.stamps[len(self.stamps) - self.limit] + self.seconds
        return max(1, math.ceil(frees_at - now))

    def add(self, now: float, count: int) -> None:
        self.stamps.extend([now] * count)


class RateLimiter:
    """A call is admitted while each of its windows has room for one more message; an album
    then records all its items, so the next call waits for them, as on Telegram."""

    def __init__(self, limits: Limits, clock: Callable[[], float], stats: Stats) -> None:
        self.limits = limits
        self.clock = clock
        self.stats = stats
        self._global = _Window(limits.global_per_s, 1.0)
        self._chats: dict[int, _Window] = {}

    def _chat_window(self, chat_id: int, private: bool) -> _Window:
        if chat_id not in self._chats:
            limits = self.limits
            self._chats[chat_id] = (
                _Window(limits.per_chat_per_s, 1.0)
                if private
                else _Window(limits.per_group_per_min, 60.0)
            )
        return self._chats[chat_id]

    def check(self, chat_id: int, private: bool) -> None:
        """Raises the 429 Telegram would answer with."""
        if not self.limits.enabled:
            return
        now = self.clock()
        windows = (
            ("global", self._global),
            ("chat" if private else "group", self._chat_window(chat_id, private)),
        )
        for scope, window in windows:
            retry = window.retry_after(now)
            if retry is not None:
                self.stats.rate_limited += 1
                self.stats.rate_limited_by[scope] += 1
                raise too_many_requests(retry)

    def record(self, chat_id: int, private: bool, count: int = 1) -> None:
        self.stats.messages_sent += count
        self.stats.per_chat[chat_id] += count
        if self.limits.enabled:
            now = self.clock()
            self._global.add(now, count)
            self._chat_window(chat_id, private).add(now, count)
