"""Flood limits: 30 messages/s in all, 1/s per private chat, 20/min per group (when enabled)."""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import BufferedInputFile, InputMediaPhoto
from emulator import Limits, make_png


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_limits_are_off_by_default(emu, bot) -> None:
    anna = emu.add_user("Анна")
    for i in range(40):
        await bot.send_message(anna.id, f"#{i}")
    assert emu.stats.rate_limited == 0
    assert emu.stats.per_chat[anna.id] == 40


async def test_31st_message_within_a_second_gets_retry_after(make_emu) -> None:
    emu = await make_emu(limits=Limits(enabled=True))
    emu.clock = FakeTime()  # frozen time: every send falls in the same second
    users = [emu.add_user(f"User {i}") for i in range(31)]
    async with emu.make_bot() as bot:
        for user in users[:30]:
            await bot.send_message(user.id, "Напоминание")
        with pytest.raises(TelegramRetryAfter) as refused:
            await bot.send_message(users[30].id, "Напоминание")
    assert refused.value.retry_after >= 1
    # aiogram rewords 429s; the wire description is kept at the end
    assert f"Too Many Requests: retry after {refused.value.retry_after}" in refused.value.message
    assert emu.stats.rate_limited == 1
    assert emu.stats.rate_limited_by["global"] == 1
    assert emu.stats.messages_sent == 30


async def test_one_message_per_second_per_private_chat(make_emu) -> None:
    emu = await make_emu(limits=Limits(enabled=True))
    clock = emu.clock = FakeTime()
    anna, boris = emu.add_user("Анна"), emu.add_user("Борис")
    async with emu.make_bot() as bot:
        await bot.send_message(anna.id, "1")
        with pytest.raises(TelegramRetryAfter) as refused:
            await bot.send_message(anna.id, "2")
        assert refused.value.retry_after == 1
        await bot.send_message(boris.id, "other chats are unaffected")
        clock.now += 1.0
        await bot.send_message(anna.id, "2")
    assert [m.text for m in anna.inbox] == ["1", "2"]
    assert emu.stats.rate_limited_by["chat"] == 1


async def test_twenty_messages_per_minute_per_group(make_emu) -> None:
    emu = await make_emu(limits=Limits(enabled=True))
    clock = emu.clock = FakeTime()
    group = emu.add_group("Кураторы")
    async with emu.make_bot() as bot:
        for i in range(20):
            clock.now += 0.5
            await bot.send_message(group.id, f"#{i}")
        with pytest.raises(TelegramRetryAfter) as refused:
            await bot.send_message(group.id, "#20")
        assert 1 <= refused.value.retry_after <= 60
        clock.now += refused.value.retry_after
        await bot.send_message(group.id, "#20")
    assert len(group.inbox) == 21
    assert emu.stats.rate_limited_by["group"] == 1


async def test_an_album_counts_each_item(make_emu) -> None:
    emu = await make_emu(limits=Limits(enabled=True, per_chat_per_s=1000, global_per_s=5))
    emu.clock = FakeTime()
    anna = emu.add_user("Анна")
    photos = [InputMediaPhoto(media=BufferedInputFile(make_png(), f"{i}.png")) for i in range(4)]
    async with emu.make_bot() as bot:
        await bot.send_media_group(anna.id, photos)
        await bot.send_message(anna.id, "5th")
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(anna.id, "6th")
    assert emu.stats.messages_sent == 5
