"""End to end: the real bot process (`python -m bot`, long polling) against the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from emulator import BotAPIEmulator
from emulator.botproc import BotProcess

from tests.conftest import TEST_TOKEN, wait_for_polling

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
async def bot_process(emu: BotAPIEmulator, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(
        {
            "BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_API_URL": emu.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        },
        workdir=tmp_path,
    )
    await process.start()
    try:
        await wait_for_polling(emu)
        yield process
    finally:
        code = await process.stop()
    assert code == 0, process.log()


async def test_start_help_lang_and_unknown(emu: BotAPIEmulator, bot_process: BotProcess) -> None:
    olga = emu.add_user("Ольга", "Петрова", username="olga")
    await olga.send_text("/start")
    (greeting,) = await olga.wait_for_messages(timeout=60)
    assert greeting.text.startswith("Здравствуйте, Ольга!")
    assert "«500+»" in greeting.text
    assert greeting.button_texts == [
        "🏫 Я представляю школу",
        "🧑‍🏫 Я куратор школы",
        "📅 Мои сроки",
        "📺 Вебинары",
        "👤 Профиль",
        "❓ Помощь",
        "🌐 Язык / Language",
    ]

    await olga.send_text("/help")
    (help_message,) = await olga.wait_for_messages()
    for command in ("/start", "/help", "/lang"):
        assert f"{command} — " in help_message.text

    await olga.send_text("/lang")
    (picker,) = await olga.wait_for_messages()
    await emu.wait_answered(await olga.tap(picker, "English"))
    await olga.send_text("/start")
    (greeting,) = await olga.wait_for_messages()
    assert greeting.text.startswith("Hello, Ольга!")

    await olga.send_text("/nonsense")
    (answer,) = await olga.wait_for_messages()
    assert "I don't know the command /nonsense" in answer.text
    assert "/lang — change the language" in answer.text


async def test_survives_a_malformed_update(emu: BotAPIEmulator, bot_process: BotProcess) -> None:
    olga = emu.add_user("Ольга")
    emu.enqueue_raw_update({"message": {"message_id": "not a number", "chat": "nowhere"}})
    emu.enqueue_raw_update({"poll_from_the_future": {"id": "1"}})
    await olga.send_text("/start")
    (greeting,) = await olga.wait_for_messages(timeout=60)
    assert greeting.text.startswith("Здравствуйте")
    assert emu.pending_updates == []
    assert "malformed update" in bot_process.log()


async def test_survives_server_errors(emu: BotAPIEmulator, bot_process: BotProcess) -> None:
    olga = emu.add_user("Ольга")
    emu.fail_next("sendMessage", 500)
    await olga.send_text("/help")
    # The reply failed; the error handler's apology went through instead.
    (apology,) = await olga.wait_for_messages(timeout=60)
    assert "Что-то пошло не так" in apology.text
    emu.fail_next("getUpdates", 502, times=2)
    await olga.send_text("/start")
    (greeting,) = await olga.wait_for_messages(timeout=30)
    assert greeting.text.startswith("Здравствуйте")
