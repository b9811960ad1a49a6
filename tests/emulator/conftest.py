"""Fixtures: a started emulator and a real aiogram Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiogram import Bot
from emulator import BotAPIEmulator

TOKEN = "123456:TEST-emulator"
BOT_USERNAME = "assistant500_bot"

EmulatorFactory = Callable[..., Awaitable[BotAPIEmulator]]


@pytest.fixture
async def make_emu() -> AsyncIterator[EmulatorFactory]:
    """Starts emulators with custom options; all are stopped after the test."""
    started: list[BotAPIEmulator] = []

    async def factory(**options: Any) -> BotAPIEmulator:
        options.setdefault("bot_username", BOT_USERNAME)
        options.setdefault("webhook_retry_delay", 0.05)
        emulator = BotAPIEmulator(TOKEN, **options)
        await emulator.start()
        started.append(emulator)
        return emulator

    yield factory
    for emulator in started:
        await emulator.stop()


@pytest.fixture
async def emu(make_emu: EmulatorFactory) -> BotAPIEmulator:
    return await make_emu()


@pytest.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    async with emu.make_bot() as client:
        yield client
