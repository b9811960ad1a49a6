"""Issue 20, items 4, 6 and 9 through the real bot process: an import as Russian Excel writes
it, a broadcast scheduled as people type the time, and the Monday post in the project channel.
The clock starts on Monday 3 October 2022, 09:00:30 Moscow, with a channel configured."""

from __future__ import annotations

import asyncio

import pytest
from emulator import BotAPIEmulator

from services.permissions import Scope
from tests.attack_world import Sessions, World
from tests.journeys.conftest import Journey

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(360)]
CLOCK_START = "2022-10-03T09:00:30+03:00"
ENV = {"CHANNEL_ID": "@project500"}


async def SEED(_sessions: Sessions, _world: World, emu: BotAPIEmulator) -> None:  # noqa: N802
    emu.add_channel("Проект 500+", "project500")


async def test_item_9_the_weeks_post_in_the_channel(journey: Journey) -> None:
    (channel,) = [
        chat for chat in journey.emu.world.chats.values() if chat.username == "project500"
    ]
    await channel.wait_until(lambda: bool(channel.history), timeout=90, what="the weekly post")
    await asyncio.sleep(3)  # a second sweep must not post again
    (post,) = channel.history
    assert post.text.startswith("🗓 Неделя проекта «500+» с 3 октября")
    assert "чт, 6 октября, 10:00 — Еженедельный вебинар по обмену опытом" in post.text


async def test_item_4_an_import_as_russian_excel_writes_it(journey: Journey) -> None:
    regional = journey.world["regional"]
    regional.chat.mark_read()
    await regional.send_text("/import")
    await regional.wait_for_messages(timeout=30)
    csv = "Район;Код ОО;Наименование ОО\nгород Смоленск;edu670933;МБОУ «СШ № 933»\n"
    await regional.send_document(csv.encode("cp1251"), "школы.csv", "text/csv")
    (report,) = await regional.wait_for_messages(timeout=30)
    await regional.wait_until(lambda: "загружен" in report.text, timeout=90)
    assert "новых школ — 1" in report.text


async def test_item_6_a_broadcast_scheduled_as_people_type_it(journey: Journey) -> None:
    emu, author = journey.emu, await journey.person("Планирующая", "regional", Scope("67"))
    await author.send_text("/broadcast")
    await author.wait_for_messages(timeout=30)
    await author.send_text("Совещание переносится")
    (screen,) = await author.wait_for_messages(timeout=30)
    for label in ("🏫 Школам", "Весь регион", "Всем", "🕒 Запланировать"):
        await emu.wait_answered(await author.tap(screen, label), timeout=30)
    await author.send_text("завтра в 10")
    (card,) = await author.wait_for_messages(timeout=30)
    assert card.text.startswith("🕒 Рассылка запланирована на вт, 4 октября, 10:00")
    await author.send_text("/broadcast")
    (prompt,) = await author.wait_for_messages(timeout=30)
    await emu.wait_answered(await author.tap(prompt, button_with(prompt, "🕒 Запланированные")))
    assert "вт, 4 октября, 10:00" in prompt.text and "«Совещание переносится»" in prompt.text
    await emu.wait_answered(await author.tap(prompt, button_with(prompt, "✖ Отменить")))
    assert "отменена" in prompt.text


def button_with(message: object, start: str) -> str:
    labels: list[str] = message.button_texts  # type: ignore[attr-defined]
    return next(label for label in labels if label.startswith(start))
