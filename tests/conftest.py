"""Shared fixtures: a migrated database per test and the app built by production's factories."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from emulator import BotAPIEmulator

from bot.app import App, build_app
from core.config import Settings, load_settings
from core.i18n import Catalog
from services.clock import ManualClock
from storage.migrate import upgrade_async
from tests.backends import (
    BACKENDS,
    create_postgres_database,
    drop_postgres_database,
    fresh_redis,
)

TEST_TOKEN = "123456:TEST-token"
BOT_USERNAME = "assistant500_bot"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Every test that touches the database runs on SQLite and on PostgreSQL + Redis."""
    return str(request.param)


@pytest.fixture
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    url = await create_postgres_database()
    try:
        yield url
    finally:
        await drop_postgres_database(url)


@pytest.fixture
async def redis_url(backend: str) -> str | None:
    """FSM state and locks live in Redis in the scale-out mode."""
    return await fresh_redis() if backend == "postgres" else None


@pytest.fixture
async def migrated_database(database_url: str) -> str:
    await upgrade_async(database_url)
    return database_url


def make_settings(database_url: str, api_url: str, tmp_path: Path, **extra: object) -> Settings:
    """Test users tap at machine speed: flood control is opened wide unless a test sets it."""
    return load_settings(
        **{
            "_env_file": None,
            "bot_token": TEST_TOKEN,
            "telegram_api_url": api_url,
            "database_url": database_url,
            "files_dir": tmp_path / "files",
            "throttle_burst": 10_000,
            "screening_pool": "thread",
            **extra,
        }
    )


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    emulator = BotAPIEmulator(TEST_TOKEN, bot_username=BOT_USERNAME)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture
def clock() -> ManualClock:
    """The app's clock in tests: Monday 3 October 2022, 09:00 Moscow, inside the seed season."""
    return ManualClock(datetime(2022, 10, 3, 6, 0, tzinfo=UTC))


@pytest.fixture
async def running_app(
    emu: BotAPIEmulator,
    migrated_database: str,
    tmp_path: Path,
    catalog: Catalog,
    clock: ManualClock,
    redis_url: str | None,
    request: pytest.FixtureRequest,
) -> AsyncIterator[App]:
    """The production app, polling the emulator inside the test's event loop; a test may add
    settings with `@pytest.mark.app_settings(channel_id=...)`. Its sweeps and outbox run only
    when the test says (`app.background.scheduler.run`, `app.background.delivery.run_once`)."""
    marker = request.node.get_closest_marker("app_settings")
    extra = dict(marker.kwargs) if marker else {}
    settings = make_settings(
        migrated_database, emu.base_url, tmp_path, redis_url=redis_url, **extra
    )
    app = build_app(settings, catalog, clock, autostart_background=False)
    polling = asyncio.create_task(
        app.dispatcher.start_polling(app.bot, handle_signals=False, close_bot_session=False)
    )
    try:
        await wait_for_polling(emu)
        yield app
    finally:
        # Even after a failed test, so no connection is left for a later test's garbage
        # collection to report (warnings are errors there).
        with contextlib.suppress(RuntimeError):  # polling that already ended cannot be stopped
            await app.dispatcher.stop_polling()
        try:
            await polling
        finally:
            await app.background.stop()  # closes its Redis client
            await app.close()


async def wait_for_polling(emu: BotAPIEmulator, within: float = 120.0) -> None:
    """Until the bot has finished its start-up calls (it polls next; updates wait in the queue)."""
    await emu.wait_for_call("setMyCommands", count=2, timeout=within)
    await emu.wait_for_call("getMe", timeout=within)
