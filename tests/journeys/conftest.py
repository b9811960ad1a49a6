"""Journeys: the real bot process (`python -m bot`, default mode: one process on SQLite) against
the emulator, with the attack world's people already registered. One bot per test module (its
start-up is the slow part); each test brings its own people where state would carry over. The
bot's clock starts where the module says (`CLOCK_START`, default Monday 3 October 2022, 09:00
Moscow, inside the 2022 season); its outbox and sweeps run by themselves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from emulator import BotAPIEmulator, FakeUser
from emulator.botproc import BotProcess

from services.permissions import Scope
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from tests.attack_world import ADMIN_ID, Sessions, World, build_world
from tests.conftest import BOT_USERNAME, TEST_TOKEN, wait_for_polling
from tests.directory_fixtures import make_coordinator

CLOCK_START = "2022-10-03T09:00:00+03:00"


@dataclass
class Journey:
    emu: BotAPIEmulator
    world: World
    sessions: Sessions
    process: BotProcess
    files_dir: Path

    async def person(self, name: str, role: str, scope: Scope) -> FakeUser:
        """A new person with a role, so that no test inherits another's conversation."""
        user = self.emu.add_user(name)
        async with self.sessions.begin() as session:
            await make_coordinator(session, user.id, name, role, scope)
        return user


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def journey(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Journey]:
    folder = tmp_path_factory.mktemp("journey")
    emu = BotAPIEmulator(TEST_TOKEN, bot_username=BOT_USERNAME)
    await emu.start()
    url = f"sqlite+aiosqlite:///{folder / 'bot.db'}"
    await upgrade_async(url)
    engine = create_engine(url)
    sessions = create_sessionmaker(engine)
    world = await build_world(sessions, emu)
    seed = getattr(request.module, "SEED", None)  # what a module needs before the bot starts
    if seed is not None:
        await seed(sessions, world, emu)
    files = folder / "files"
    env = {
        "BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": url,
        "ADMIN_IDS": str(ADMIN_ID),
        "CLOCK_START": getattr(request.module, "CLOCK_START", CLOCK_START),
        "FILES_DIR": str(files),
        **getattr(request.module, "ENV", {}),  # what a module adds (a channel, say)
    }
    process = BotProcess(env, folder / "bot")
    await process.start()
    try:
        await wait_for_polling(emu)
        yield Journey(emu, world, sessions, process, files)
    finally:
        code = await process.stop()
        await engine.dispose()
        await emu.stop()
    assert code == 0, process.log()[-3000:]
