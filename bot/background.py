"""Work the bot does besides answering: the delivery worker and the scheduled sweeps. Started
with the dispatcher, stopped with it (a SIGTERM lets the message in flight finish)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.metrics import Metrics
from core.config import Settings
from core.i18n import Catalog
from gateway.delivery import DeliveryWorker, SharedPacer
from scheduler.jobs import JOBS
from scheduler.runner import JobContext, Scheduler
from services.clock import Clock
from services.file_store import FileStore
from services.screening import Screener

if TYPE_CHECKING:
    from redis.asyncio import Redis


class Background:
    def __init__(
        self,
        bot: Bot,
        delivery_bot: Bot,
        sessionmaker: async_sessionmaker[AsyncSession],
        catalog: Catalog,
        clock: Clock,
        settings: Settings,
        metrics: Metrics,
    ) -> None:
        # Replicas sharing Redis share one pace, so together they stay under Telegram's limit.
        self._redis = _redis(settings.redis_url) if settings.redis_url else None
        self.delivery_bot = delivery_bot
        self.delivery = DeliveryWorker(
            sessionmaker,
            delivery_bot,
            clock,
            rate=settings.delivery_rate,
            on_outcome=lambda outcome: metrics.sends.labels(outcome).inc(),
            pacer=SharedPacer(self._redis, settings.delivery_rate) if self._redis else None,
            files=FileStore(settings.files_dir),
        )
        # Checks of downloaded screenshots, in a small pool of worker processes.
        self.screener = Screener(workers=settings.screening_workers, kind=settings.screening_pool)
        self.scheduler = Scheduler(
            JobContext(bot, sessionmaker, catalog, clock, settings, self.screener), JOBS
        )
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self, **_: Any) -> None:
        self.screener.announce()
        self._stop.clear()
        self._task = asyncio.create_task(self.delivery.run(self._stop))
        self.scheduler.start()

    async def stop(self, **_: Any) -> None:
        self.scheduler.shutdown()
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.close_connections()
        await asyncio.to_thread(self.screener.close)

    async def close_connections(self) -> None:
        """Idempotent, so an app that never started its background closes cleanly too."""
        if self._redis is not None:
            await self._redis.aclose(close_connection_pool=True)
        await self.delivery_bot.session.close()


def _redis(url: str) -> Redis:
    """Imported here: the default single process has no Redis and need not load its client."""
    from redis.asyncio import Redis

    return Redis.from_url(url)
