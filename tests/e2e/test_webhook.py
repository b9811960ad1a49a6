"""Webhook mode end to end: the real bot process serves the webhook the emulator delivers to."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from emulator import BotAPIEmulator, make_png
from emulator.botproc import BotProcess

from bot.webhook import metrics_allowed
from tests.conftest import TEST_TOKEN

pytestmark = pytest.mark.timeout(300)
SECRET = "test-secret-0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def webhook_bot(
    emu: BotAPIEmulator, tmp_path: Path, database_url: str, redis_url: str | None
) -> AsyncIterator[str]:
    """The bot in webhook mode; yields its base URL once Telegram (the emulator) knows the hook."""
    port = free_port()
    env = {
        "BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    process = BotProcess(env, workdir=tmp_path)
    await process.start()
    try:
        await emu.wait_for_call("setWebhook", timeout=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        code = await process.stop()
    assert code == 0, process.log()


def start_update(update_id: int, user_id: int) -> dict[str, object]:
    sender = {"id": user_id, "is_bot": False, "first_name": "Ольга"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Ольга"},
            "from": sender,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_webhook_secret_duplicates_health_and_metrics(
    emu: BotAPIEmulator, webhook_bot: str
) -> None:
    olga = emu.add_user("Ольга")
    await olga.send_text("/start")  # delivered by the emulator's webhook sender
    (greeting,) = await olga.wait_for_messages(timeout=60)
    assert greeting.text.startswith("Здравствуйте, Ольга!")

    hook = f"{webhook_bot}/telegram/hook"
    update = start_update(9_000_001, olga.id)
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret-0000000"}):
            async with http.post(hook, json=update, headers=headers) as refused:
                assert refused.status == 401
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        for _ in range(2):  # Telegram retried: the same update_id twice
            async with http.post(hook, json=update, headers=good) as accepted:
                assert accepted.status == 200
        async with http.get(f"{webhook_bot}/healthz") as health:
            assert health.status == 200
            assert (await health.json()) == {"ok": True}
        async with http.get(f"{webhook_bot}/metrics") as metrics:  # from loopback
            exposition = await metrics.text()
    (second,) = await olga.wait_for_messages(timeout=10)  # exactly one more greeting
    assert second.text.startswith("Здравствуйте")
    await asyncio.sleep(0.5)
    assert olga.unread == []
    assert 'bot_updates_total{outcome="duplicate"} 1.0' in exposition
    assert 'bot_updates_total{outcome="ok"} 2.0' in exposition
    assert "bot_update_seconds_bucket" in exposition
    assert "bot_outbox_depth 0.0" in exposition


def test_metrics_need_loopback_or_the_token() -> None:
    """Finding 17: /metrics listened on 0.0.0.0 for anyone."""
    assert metrics_allowed("127.0.0.1", "", None)
    assert metrics_allowed("::1", "", None)
    assert not metrics_allowed("203.0.113.7", "", None)
    assert not metrics_allowed(None, "", None)
    assert not metrics_allowed("127.0.0.1", "", "s3cret")  # a token, once set, is always needed
    assert not metrics_allowed("203.0.113.7", "Bearer wrong", "s3cret")
    assert metrics_allowed("203.0.113.7", "Bearer s3cret", "s3cret")


async def test_an_album_over_the_webhook_becomes_one_submission_with_one_reply(
    emu: BotAPIEmulator, webhook_bot: str, database_url: str
) -> None:
    from sqlalchemy import select

    from storage.db import create_engine, create_sessionmaker
    from storage.models import Submission, SubmissionFile
    from tests.directory_fixtures import make_coordinator, seed_smolensk
    from tests.test_submissions_flow import STEP_2, button_starting

    engine = create_engine(database_url)
    sessions = create_sessionmaker(engine)
    try:
        place = await seed_smolensk(sessions)
        olga = emu.add_user("Ольга")
        async with sessions.begin() as session:
            await make_coordinator(session, olga.id, "Ольга", "curator", place.school("edu670009"))
        await olga.send_text("/submit")
        (screen,) = await olga.wait_for_messages(timeout=60)
        await emu.wait_answered(await olga.tap(screen, button_starting(screen, STEP_2)))
        await olga.send_album([make_png(rgb=(n, 0, 0)) for n in (10, 20, 30)])
        (received,) = await olga.wait_for_messages(timeout=60)
        assert received.text.startswith("📥 Получено файлов: 3.")
        await asyncio.sleep(2)  # no second reply for the other parts
        assert olga.unread == []
        await emu.wait_answered(await olga.tap(received, "✅ Отправить на проверку"))
        assert "версия 1, файлов: 3" in received.text
        async with sessions() as session:
            (submission,) = (await session.scalars(select(Submission))).all()
            files = (await session.scalars(select(SubmissionFile))).all()
        assert submission.status == "submitted" and len(files) == 3
    finally:
        await engine.dispose()
