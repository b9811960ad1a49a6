"""Findings of the attacker's walk that are about the runtime, not about one feature: a failing
callback answer, a 429 on a direct reply, a flood from one user, a conversation across a crash."""

from __future__ import annotations

import asyncio
import time

import pytest
from emulator import BotAPIEmulator
from emulator.errors import NOT_MODIFIED, QUERY_TOO_OLD
from sqlalchemy import select

from bot.app import App
from storage.models import User


async def test_a_handler_error_rolls_back_even_when_the_answer_fails_too(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Finding 12: the answer's "query is too old" used to replace the handler's exception, and
    the unit of work then committed the half-done change."""
    ivan = emu.add_user("Иван")
    await ivan.send_text("/lang")
    (picker,) = await ivan.wait_for_messages()
    emu.fail_next("editMessageText", 500)  # the handler fails after changing the language
    emu.fail_next("answerCallbackQuery", 400, QUERY_TOO_OLD)
    await ivan.tap(picker, "English")
    (apology,) = await ivan.wait_for_messages()
    assert "Что-то пошло не так" in apology.text
    async with running_app.sessionmaker() as session:
        user = await session.scalar(select(User).where(User.id == ivan.id))
    assert user is not None and user.language == "ru"  # rolled back


async def test_a_direct_reply_waits_out_a_429(emu: BotAPIEmulator, running_app: App) -> None:
    """Finding 10: a 429 on a reply lost it ("something went wrong" instead)."""
    anna = emu.add_user("Анна")
    emu.fail_next("sendMessage", 429, retry_after=1)
    started = time.monotonic()
    await anna.send_text("/help")
    (reply,) = await anna.wait_for_messages(timeout=10)
    assert "/lang — сменить язык" in reply.text
    assert time.monotonic() - started >= 0.9  # it waited as told


@pytest.mark.app_settings(throttle_burst=20, throttle_per_second=1.0)  # the defaults
async def test_a_flood_from_one_user_is_cut_with_one_notice(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Finding 11: 200 messages in 2 s were all answered (and mostly refused with 429), and
    another user waited seconds."""
    flooder = emu.add_user("Флудер")
    bystander = emu.add_user("Соседка")
    for _ in range(60):
        await flooder.send_text("/help")
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await bystander.send_text("/help")
    await bystander.wait_for_messages(timeout=10)
    assert time.monotonic() - started < 2.0
    await asyncio.sleep(1.5)  # the flood's replies that were let through have arrived
    answers = [m.text for m in flooder.inbox]
    notices = [text for text in answers if "Слишком много сообщений" in text]
    assert len(notices) == 1
    assert 15 <= len(answers) - 1 <= 25  # a burst is answered, the rest dropped


async def test_an_edit_that_changes_nothing_is_not_an_error(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Attacker's walk, F4: tapping a button that shows the screen already shown made Telegram
    refuse the edit ("message is not modified"), and the person read "something went wrong"."""
    olga = emu.add_user("Ольга")
    await olga.send_text("/lang")
    (picker,) = await olga.wait_for_messages()
    emu.fail_next("editMessageText", 400, NOT_MODIFIED, times=5)
    await olga.tap(picker, "Русский")
    await asyncio.sleep(1.0)
    assert not [m for m in olga.inbox if "Что-то пошло не так" in (m.text or "")]
    async with running_app.sessionmaker() as session:
        user = await session.scalar(select(User).where(User.id == olga.id))
    assert user is not None and user.language == "ru"
