"""A regional coordinator keeps the webinar schedule from the bot: topic, link, cancellation, an
extra webinar, the rest of the season; schools see it, and a cancelled one is not announced."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.app import App
from emulator import BotAPIEmulator
from services.clock import ManualClock
from services.permissions import Scope
from storage.models import OutboxMessage
from tests.directory_fixtures import make_coordinator, seed_smolensk
from tests.test_calendar_flow import school_in


async def test_a_coordinator_sets_a_topic_and_a_link_then_cancels_one(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    await seed_smolensk(running_app.sessionmaker)
    natalia = emu.add_user("Наталья")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, natalia.id, "Наталья", "regional", Scope("67"))
    school = await school_in(running_app, emu, "27", "edu270001", "СОШ № 1")

    await natalia.send_text("/webinars")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "✏️ Изменить расписание"))
    assert screen.text.startswith("✏️ Расписание вебинаров")
    assert "чт, 22 сентября, 10:00" in screen.button_texts  # a recent one, for its recording
    await emu.wait_answered(await natalia.tap(screen, "чт, 6 октября, 10:00"))
    await emu.wait_answered(await natalia.tap(screen, "Тема"))
    await natalia.send_text("Антирисковые программы: опыт Смоленска")
    (card,) = await natalia.wait_for_messages()
    assert card.text.startswith("✅ Сохранено.")
    assert "Тема: Антирисковые программы: опыт Смоленска" in card.text
    await emu.wait_answered(await natalia.tap(card, "Ссылка на подключение"))
    await natalia.send_text("zoom сегодня")
    (bad,) = await natalia.wait_for_messages()
    assert bad.text == "Ссылка должна начинаться с https:// или http://"
    await natalia.send_text("https://example.org/webinar-6")
    (card,) = await natalia.wait_for_messages()
    assert "Подключиться: https://example.org/webinar-6" in card.text

    await school.send_text("/webinars")
    (seen,) = await school.wait_for_messages()
    assert "Тема: Антирисковые программы: опыт Смоленска" in seen.text
    assert "✏️ Изменить расписание" not in seen.button_texts  # schools only read it

    await emu.wait_answered(await natalia.tap(card, "❌ Отменить этот вебинар"))
    assert "❌ Отменён" in card.text
    clock.set(datetime(2022, 10, 5, 7, 0, tzinfo=UTC))  # the day before: no announcement
    await running_app.background.scheduler.run("webinar-announcements")
    async with running_app.sessionmaker() as session:
        assert await session.scalar(select(func.count(OutboxMessage.id))) == 0


async def test_an_extra_webinar_and_cancelling_the_rest_of_the_season(
    emu: BotAPIEmulator, running_app: App
) -> None:
    natalia = emu.add_user("Наталья")
    async with running_app.sessionmaker.begin() as session:
        await seed_smolensk(running_app.sessionmaker)
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, natalia.id, "Наталья", "regional", Scope("67"))
    await natalia.send_text("/webinars")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "✏️ Изменить расписание"))
    await emu.wait_answered(await natalia.tap(screen, "➕ Добавить вебинар"))
    await natalia.send_text("01.10.2022 10:00")  # already past on 3 October
    (bad,) = await natalia.wait_for_messages()
    assert bad.text.startswith("Не понял дату")
    await natalia.send_text("11.10.2022 15:00")
    (added,) = await natalia.wait_for_messages()
    assert added.text.startswith("✅ Вебинар добавлен в расписание.")
    assert "вт, 11 октября, 15:00" in added.text

    await emu.wait_answered(await natalia.tap(added, "« Назад"))
    await emu.wait_answered(await natalia.tap(added, "🚫 Отменить оставшиеся в сезоне"))
    # From 3 October to 22 December: 6 October … 22 December, every Thursday.
    assert "Отменить все оставшиеся вебинары сезона (12)?" in added.text
    await emu.wait_answered(await natalia.tap(added, "🚫 Да, отменить"))
    assert added.text.startswith("Отменено вебинаров: 12.")
    await natalia.send_text("/webinars")
    (after,) = await natalia.wait_for_messages()
    assert after.text.count("❌ Отменён") == 4  # the five shown: the extra one stands
    assert "вт, 11 октября, 10:00" not in after.text
