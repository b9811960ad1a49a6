"""The scheduler wakes sweeps at their interval, survives a failing one, runs one by hand."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import App
from scheduler.runner import Job, JobContext, Scheduler


def context_of(app: App) -> JobContext:
    return JobContext(app.bot, app.sessionmaker, app.catalog, app.clock, app.settings)


async def test_jobs_wake_at_their_interval_and_a_failure_does_not_stop_them(
    running_app: App,
) -> None:
    seen: list[str] = []
    three_ticks = asyncio.Event()

    async def tick(context: JobContext) -> None:
        seen.append(context.clock.now().isoformat())
        if len(seen) >= 3:
            three_ticks.set()

    async def broken(context: JobContext) -> None:
        raise RuntimeError("a sweep failed")

    scheduler = Scheduler(
        context_of(running_app),
        [
            Job("tick", timedelta(seconds=0.05), tick),
            Job("broken", timedelta(seconds=0.05), broken),
        ],
    )
    scheduler.start()
    try:
        async with asyncio.timeout(5):
            await three_ticks.wait()
    finally:
        scheduler.shutdown()
    assert len(set(seen)) == 1  # the test clock stands still; each wake-up reads it


async def test_run_by_name_uses_the_apps_clock(running_app: App) -> None:
    got: list[object] = []

    async def sweep(context: JobContext) -> None:
        got.append(context.clock.now())

    scheduler = Scheduler(context_of(running_app), [Job("sweep", timedelta(hours=1), sweep)])
    await scheduler.run("sweep")
    assert got == [running_app.clock.now()]
