"""/webinars through the real dispatcher: coming webinars in local time, reminders on/off."""

from __future__ import annotations

from emulator import BotAPIEmulator
from sqlalchemy import select

from bot.app import App
from services.clock import ManualClock
from storage.models import WebinarSubscription


async def test_coming_webinars_and_subscription_toggle(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/webinars")
    (screen,) = await anna.wait_for_messages()
    # The test clock is Monday 3 October 2022: the next is Thursday 6 October, 10:00 Moscow.
    assert "Время московское." in screen.text
    assert "чт, 6 октября, 10:00 — Еженедельный вебинар по обмену опытом" in screen.text
    assert "чт, 3 ноября, 10:00" in screen.text  # five are listed
    assert screen.button_texts == ["🔕 Не напоминать о вебинарах", "« В меню"]

    await emu.wait_answered(await anna.tap(screen, "🔕 Не напоминать о вебинарах"))
    assert screen.button_texts == ["🔔 Напоминать о вебинарах", "« В меню"]
    async with running_app.sessionmaker() as session:
        choice = await session.scalar(select(WebinarSubscription.subscribed))
    assert choice is False


async def test_between_seasons_there_is_nothing_to_show(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    clock.advance(days=100)  # mid-January 2023: the seed calendar covers 2022 only
    anna = emu.add_user("Анна")
    await anna.send_text("/webinars")
    (screen,) = await anna.wait_for_messages()
    assert "вебинаров нет" in screen.text


async def test_forged_series_is_refused(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/webinars")
    (screen,) = await anna.wait_for_messages()
    query = await anna.tap(screen, forged_data="web:subscribe:nonexistent")
    tapped = await emu.wait_answered(query)
    assert tapped.answer is not None
    assert "устарела" in tapped.answer.get("text", "")
    assert tapped.answer.get("show_alert") is True
