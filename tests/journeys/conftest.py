"""Journeys: the real bot process (`python -m bot`, default mode: one process on SQLite) against
the emulator, with the attack world's people already registered; its own clock starts on
Monday 3 October 2022, 09:00 Moscow, inside the 2022 season, and its outbox and sweeps run."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from emulator import BotAPIEmulator
from emulator.botproc import BotProcess
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from tests.attack_world import ADMIN_ID, Sessions, World, build_world
from tests.conftest import TEST_TOKEN, wait_for_polling

CLOCK_START = "2022-10-03T09:00:00+03:00"


@dataclass
class Journey:
    emu: BotAPIEmulator
    world: World
    sessions: Sessions
    process: BotProcess
    files_dir: Path


@pytest.fixture
async def journey(emu: BotAPIEmulator, tmp_path: Path) -> AsyncIterator[Journey]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await upgrade_async(url)
    engine = create_engine(url)
    sessions = create_sessionmaker(engine)
    world = await build_world(sessions, emu)
    files = tmp_path / "files"
    env = {
        "BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": url,
        "ADMIN_IDS": str(ADMIN_ID),
        "CLOCK_START": CLOCK_START,
        "FILES_DIR": str(files),
    }
    process = BotProcess(env, tmp_path / "bot")
    await process.start()
    try:
        await wait_for_polling(emu, within=60)
        yield Journey(emu, world, sessions, process, files)
    finally:
        code = await process.stop()
        await engine.dispose()
    assert code == 0, process.log()[-3000:]
