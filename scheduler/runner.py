"""Timed work. APScheduler wakes every job at its interval; the job asks the clock what is due.

Jobs are idempotent sweeps ("send the reminders that are due and not yet sent"), not one-shot
timers: what they record in the database decides whether something already happened, so a restart,
the demo's shifted clock or several replicas never lose or double a firing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.i18n import Catalog
from services.clock import Clock
from services.screening import Screener

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobContext:
    """What a job may use; the same objects the handlers get."""

    bot: Bot
    sessionmaker: async_sessionmaker[AsyncSession]
    catalog: Catalog
    clock: Clock
    settings: Settings
    screener: Screener | None = None  # checks of downloaded files; None: not checked


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[JobContext], Awaitable[None]]


class Scheduler:
    def __init__(self, context: JobContext, jobs: Sequence[Job]) -> None:
        self.context = context
        self.jobs = {job.name: job for job in jobs}
        self._aps: AsyncIOScheduler | None = None

    def start(self) -> None:
        self._aps = AsyncIOScheduler(timezone="UTC")
        first = datetime.now(UTC) + timedelta(seconds=2)  # catch up right after a (re)start
        for job in self.jobs.values():
            # One instance at a time, missed wake-ups merged: the sweep catches up by itself.
            self._aps.add_job(
                self._guarded,
                "interval",
                seconds=job.every.total_seconds(),
                args=[job],
                id=job.name,
                max_instances=1,
                coalesce=True,
                next_run_time=first,
            )
        self._aps.start()

    def shutdown(self) -> None:
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None

    async def run(self, name: str) -> None:
        """Runs one job now (tests and the demo drive the clock and call this)."""
        await self.jobs[name].run(self.context)

    async def _guarded(self, job: Job) -> None:
        try:
            await job.run(self.context)
        except asyncio.CancelledError:
            # Shutting down mid-sweep: the sweep is idempotent and resumes at the next start.
            log.info("scheduled job %s stopped by the shutdown", job.name)
        except Exception:
            # A failing sweep is retried at its next wake-up; it must not stop the others.
            log.exception("scheduled job %s failed", job.name)
