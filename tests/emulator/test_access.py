"""Who the bot may write to: blocked users, users who never started it, chats it left."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramUnauthorizedError
from emulator import BotAPIEmulator


async def test_blocked_user_is_forbidden_and_the_bot_is_told(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    anna.block_bot()
    with pytest.raises(TelegramForbiddenError) as refused:
        await bot.send_message(anna.id, "Напоминание")
    assert refused.value.message == "Forbidden: bot was blocked by the user"
    (update,) = await bot.get_updates()
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"
    anna.unblock_bot()
    await bot.send_message(anna.id, "С возвращением")


async def test_user_who_never_started_the_bot_cannot_be_written_to(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    boris = emu.add_user("Борис", started=False)
    with pytest.raises(TelegramForbiddenError) as refused:
        await bot.send_message(boris.id, "Здравствуйте")
    assert refused.value.message == "Forbidden: bot can't initiate conversation with a user"
    await boris.send_text("/start")
    await bot.send_message(boris.id, "Здравствуйте")
    assert [m.text for m in boris.history] == ["/start", "Здравствуйте"]


async def test_unknown_chat_is_not_found(emu: BotAPIEmulator, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match=r"Bad Request: chat not found$"):
        await bot.send_message(42, "x")
    with pytest.raises(TelegramBadRequest, match=r"Bad Request: chat not found$"):
        await bot.send_message("@nosuchchannel", "x")


async def test_groups_and_channels_need_membership(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    group = emu.add_group("Кураторы Смоленск", members=[anna])
    channel = emu.add_channel("Проект 500+", username="project500")
    await bot.send_message(group.id, "Всем привет")
    await bot.send_message("@project500", "Новость")  # the bot is the channel's admin
    assert [m.text for m in channel.inbox] == ["Новость"]
    assert channel.inbox[0].data["sender_chat"]["id"] == channel.id

    group.set_bot_status("left")
    with pytest.raises(TelegramForbiddenError) as refused:
        await bot.send_message(group.id, "Ещё раз")
    assert refused.value.message == "Forbidden: bot is not a member of the supergroup chat"
    channel.set_bot_status("member")
    with pytest.raises(TelegramBadRequest, match="need administrator rights in the channel chat"):
        await bot.send_message(channel.id, "x")
    channel.set_bot_status("left")
    with pytest.raises(TelegramForbiddenError, match="not a member of the channel chat"):
        await bot.send_message(channel.id, "x")


async def test_group_privacy_mode_delivers_commands_mentions_and_replies(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    anna = emu.add_user("Анна")
    group = emu.add_group("Кураторы", members=[anna])
    await group.send_text(anna, "всем добрый день")  # not for the bot
    await group.send_text(anna, "@assistant500_bot когда вебинар?")
    await group.send_text(anna, "/help@assistant500_bot")
    texts = [u.message.text for u in await bot.get_updates() if u.message]
    assert texts == ["@assistant500_bot когда вебинар?", "/help@assistant500_bot"]
    assert len(group.history) == 3


async def test_wrong_token_and_unknown_method(emu: BotAPIEmulator) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
    async with Bot("999:WRONG", session=session) as stranger:
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await stranger.get_me()
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{emu.base_url}/bot{emu.token}/sendTelepathy") as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found",
            }
        async with http.get(f"{emu.base_url}/bot{emu.token}/getme?x=1") as response:
            body = await response.json()  # method names are case-insensitive, GET works
            assert body["ok"] is True
            assert body["result"]["username"] == "assistant500_bot"
