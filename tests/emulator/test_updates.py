"""getUpdates long polling, webhooks, conflicts and injected faults."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError, TelegramServerError
from aiohttp import web
from emulator import BotAPIEmulator

WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


async def test_long_poll_returns_as_soon_as_a_user_writes(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    assert not poll.done()  # held open while nothing is pending
    await anna.send_text("/start")
    (update,) = await asyncio.wait_for(poll, 2)
    assert update.message is not None and update.message.text == "/start"
    assert update.message.entities is not None
    assert update.message.entities[0].type == "bot_command"

    # Not confirmed yet: the next poll without offset gets it again.
    assert [u.update_id for u in await bot.get_updates()] == [update.update_id]
    await anna.send_text("второе")
    later = await bot.get_updates(offset=update.update_id + 1)
    assert [u.message.text for u in later if u.message] == ["второе"]
    assert await bot.get_updates(offset=later[-1].update_id + 1, timeout=0) == []


async def test_limit_and_allowed_updates(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    for i in range(3):
        await anna.send_text(f"#{i}")
    assert len(await bot.get_updates(limit=2)) == 2
    confirmed = await bot.get_updates(offset=-1)  # forget all but the newest
    assert [u.message.text for u in confirmed if u.message] == ["#2"]
    await bot.get_updates(offset=confirmed[0].update_id + 1, allowed_updates=["callback_query"])
    await anna.send_text("ignored: messages are not subscribed")
    assert await bot.get_updates() == []


async def test_second_poll_terminates_the_first(emu: BotAPIEmulator, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError) as refused:
        await asyncio.wait_for(first, 2)
    assert refused.value.message == (
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )
    assert await second == []


async def test_fail_next_then_success(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    emu.fail_next("sendMessage", status=500, times=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Internal Server Error"):
            await bot.send_message(anna.id, "x")
    await bot.send_message(anna.id, "x")
    statuses = [call.status for call in emu.calls_to("sendMessage")]
    assert statuses == [500, 500, 200]
    assert [m.text for m in anna.inbox] == ["x"]

    emu.fail_next("getUpdates", status=502, description="Bad Gateway")
    await anna.send_text("kept")
    with pytest.raises(TelegramServerError, match="Bad Gateway"):
        await bot.get_updates(offset=10**6)  # a failed poll confirms nothing
    assert len(await bot.get_updates()) == 1


async def test_delay_is_applied(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.set_delay(0.2, method="getMe")
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.get_me()
    assert loop.time() - started >= 0.2
    emu.clear_faults()


@dataclass
class WebhookReceiver:
    """A local aiohttp server standing in for the bot's webhook endpoint."""

    statuses: list[int] = field(default_factory=list)  # answers to give, then 200
    reply: dict[str, Any] | None = None
    received: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)
    url: str = ""
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if self.statuses:
            return web.Response(status=self.statuses.pop(0))
        self.received.append((await request.json(), secret))
        self.arrived.set()
        return web.json_response(self.reply or {})


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    hook = WebhookReceiver()
    app = web.Application()
    app.router.add_post("/hook", hook.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    hook.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield hook
    await runner.cleanup()


async def test_webhook_delivery_with_secret_and_retries(
    emu: BotAPIEmulator, bot: Bot, receiver: WebhookReceiver
) -> None:
    anna = emu.add_user("Анна")
    receiver.statuses = [500]  # the first attempt fails and is retried
    assert await bot.set_webhook(receiver.url, secret_token="s3cr3t-token")
    with pytest.raises(TelegramConflictError) as refused:
        await bot.get_updates()
    assert refused.value.message == WEBHOOK_ACTIVE

    await anna.send_text("/start")
    await asyncio.wait_for(receiver.arrived.wait(), 3)
    ((update, secret),) = receiver.received
    assert update["message"]["text"] == "/start"
    assert secret == "s3cr3t-token"
    info = await bot.get_webhook_info()
    assert info.url == receiver.url and info.pending_update_count == 0
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert emu.stats.webhook_failures == 1 and emu.stats.webhook_deliveries == 1

    assert await bot.delete_webhook()
    await anna.send_text("polling again")
    assert len(await bot.get_updates()) == 1


async def test_webhook_reply_can_call_a_method(
    emu: BotAPIEmulator, bot: Bot, receiver: WebhookReceiver
) -> None:
    anna = emu.add_user("Анна")
    receiver.reply = {"method": "sendMessage", "chat_id": anna.id, "text": "pong"}
    await bot.set_webhook(receiver.url)
    await anna.send_text("ping")
    (reply,) = await anna.wait_for_messages(timeout=3)
    assert reply.text == "pong"
    assert emu.calls_to("sendMessage")[0].source == "webhook"


async def test_raw_updates_are_queued_as_is(emu: BotAPIEmulator) -> None:
    update_id = emu.enqueue_raw_update({"message": {"garbage": True}})
    assert emu.pending_updates == [{"update_id": update_id, "message": {"garbage": True}}]
    body = json.dumps(emu.pending_updates)
    assert "garbage" in body


async def test_webhook_delivers_chats_in_parallel_but_each_chat_in_order(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    arrived: list[tuple[int, str]] = []
    all_six = asyncio.Event()
    active = 0
    most = 0

    async def slow_hook(request: web.Request) -> web.Response:
        nonlocal active, most
        active += 1
        most = max(most, active)
        update = await request.json()
        await asyncio.sleep(0.1)
        arrived.append((update["message"]["chat"]["id"], update["message"]["text"]))
        active -= 1
        if len(arrived) == 6:
            all_six.set()
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/hook", slow_hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        await bot.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
        anna, ivan = emu.add_user("Анна"), emu.add_user("Иван")
        for n in range(3):
            await anna.send_text(f"a{n}")
            await ivan.send_text(f"i{n}")
        async with asyncio.timeout(5):
            await all_six.wait()
    finally:
        await bot.delete_webhook()
        await runner.cleanup()
    assert most == 2  # two chats at once, never two requests of one chat
    assert [text for chat, text in arrived if chat == anna.id] == ["a0", "a1", "a2"]
    assert [text for chat, text in arrived if chat == ivan.id] == ["i0", "i1", "i2"]
