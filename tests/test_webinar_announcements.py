"""Webinar announcements go through the outbox to every subscriber in their own local time: the
day before and shortly before, once each, even when the sweep runs again or the bot restarts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from emulator import BotAPIEmulator, FakeUser

from bot.app import App, build_app
from core.i18n import Catalog
from services.clock import ManualClock
from services.regions import sync_regions
from services.webinars import Occurrence, regional_key
from storage.models import Marathon, MarathonTalk
from storage.repositories.webinars import WebinarRepository
from tests.conftest import make_settings
from tests.test_calendar_flow import school_in


async def deliver(app: App) -> None:
    while await app.background.delivery.run_once():
        pass


async def delivered(app: App, user: FakeUser, count: int = 1, within: float = 5.0) -> list[Any]:
    """Runs the outbox until `user` has `count` new messages: what a handler queued becomes
    visible at its commit, a moment after the handler's own reply."""
    deadline = asyncio.get_running_loop().time() + within
    while len(user.unread) < count and asyncio.get_running_loop().time() < deadline:
        if not await app.background.delivery.run_once():
            await asyncio.sleep(0.02)
    return await user.wait_for_messages(count, timeout=0.1)


async def test_reminders_in_moscow_krasnoyarsk_and_khabarovsk_time(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    moscow = await school_in(running_app, emu, "67", "edu670009", "МБОУ «СШ № 9»")
    krasnoyarsk = await school_in(running_app, emu, "24", "edu240101", "БСШ1")
    khabarovsk = await school_in(running_app, emu, "27", "edu270001", "СОШ № 1")
    quiet = await school_in(running_app, emu, "67", "edu670010", "МБОУ «СШ № 10»")
    async with running_app.sessionmaker.begin() as session:
        await WebinarRepository(session).set_subscribed(quiet.id, "weekly-exchange", False)

    clock.set(datetime(2022, 10, 5, 7, 0, tzinfo=UTC))  # Wednesday, 24 hours before
    await running_app.background.scheduler.run("webinar-announcements")
    await running_app.background.scheduler.run("webinar-announcements")  # a second sweep
    await deliver(running_app)

    def only(user: FakeUser) -> str:
        (message,) = user.inbox
        return message.text

    assert "чт, 6 октября, 10:00 (по московскому времени)" in only(moscow)
    assert "чт, 6 октября, 14:00 (МСК+4)" in only(krasnoyarsk)
    assert "чт, 6 октября, 17:00 (МСК+7)" in only(khabarovsk)
    assert only(moscow).startswith("📺 Завтра вебинар: Еженедельный вебинар по обмену опытом")
    assert quiet.inbox == []  # unsubscribed

    clock.set(datetime(2022, 10, 6, 6, 35, tzinfo=UTC))  # 25 minutes before
    running_app.background.scheduler.shutdown()  # a restart: a fresh sweep, same database
    await running_app.background.scheduler.run("webinar-announcements")
    await running_app.background.scheduler.run("webinar-announcements")
    await deliver(running_app)
    assert [m.text.split("\n")[0] for m in khabarovsk.inbox] == [
        "📺 Завтра вебинар: Еженедельный вебинар по обмену опытом",
        "⏰ Скоро начало: Еженедельный вебинар по обмену опытом",
    ]
    assert len(moscow.inbox) == 2


async def test_the_day_before_the_channel_gets_the_announcement_in_moscow_time(
    emu: BotAPIEmulator, migrated_database: str, tmp_path: Path, catalog: Catalog
) -> None:
    channel = emu.add_channel("Проект 500+", "project500")
    settings = make_settings(migrated_database, emu.base_url, tmp_path, channel_id="@project500")
    clock = ManualClock(datetime(2022, 10, 5, 7, 0, tzinfo=UTC))
    app = build_app(settings, catalog, clock)
    try:
        await app.background.scheduler.run("webinar-announcements")
        await deliver(app)
        clock.set(datetime(2022, 10, 6, 6, 40, tzinfo=UTC))  # "soon" goes to subscribers only
        await app.background.scheduler.run("webinar-announcements")
        await deliver(app)
    finally:
        await app.close()
    (post,) = channel.history
    assert post.text.startswith("📺 Завтра вебинар: Еженедельный вебинар по обмену опытом")
    assert "чт, 6 октября, 10:00 (по московскому времени)" in post.text


async def test_soon_carries_the_join_link_a_recording_follows_and_a_regions_own_stays_home(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    """Issue 14, defect 9: the "starting soon" notice had no join link."""
    smolensk = await school_in(running_app, emu, "67", "edu670009", "МБОУ «СШ № 9»")
    khabarovsk = await school_in(running_app, emu, "27", "edu270001", "СОШ № 1")
    thursday = datetime(2022, 10, 6, 7, 0, tzinfo=UTC)
    regional = datetime(2022, 10, 6, 12, 0, tzinfo=UTC)
    async with running_app.sessionmaker.begin() as session:
        repository = WebinarRepository(session)
        await repository.save_edit(
            Occurrence("weekly-exchange", thursday, join_url="https://example.org/live"), 0
        )
        await repository.save_edit(
            Occurrence(regional_key("67"), regional, topic="Смоленский семинар"), 0
        )
        await repository.save_note("weekly-exchange", thursday, "67", "Собираемся в ИРО", 0)

    clock.set(datetime(2022, 10, 6, 6, 35, tzinfo=UTC))  # 25 minutes before
    await running_app.background.scheduler.run("webinar-announcements")
    await deliver(running_app)
    (soon,) = khabarovsk.inbox
    assert soon.text.startswith("⏰ Скоро начало")
    assert soon.buttons[0][0] == {"text": "▶️ Подключиться", "url": "https://example.org/live"}
    assert "ИРО" not in soon.text
    (home,) = [m for m in smolensk.inbox if m.text.startswith("⏰ Скоро начало")]
    assert "📍 Для вашего региона: Собираемся в ИРО" in home.text
    (today,) = [m for m in smolensk.inbox if m.text.startswith("📺 Сегодня вебинар")]
    assert "Региональный вебинар" in today.text and "Смоленский семинар" in today.text

    clock.set(datetime(2022, 10, 6, 11, 35, tzinfo=UTC))  # the regional one: Smolensk only
    await running_app.background.scheduler.run("webinar-announcements")
    await deliver(running_app)
    assert smolensk.inbox[-1].text.startswith("⏰ Скоро начало: Региональный вебинар")
    assert len(khabarovsk.inbox) == 1

    async with running_app.sessionmaker.begin() as session:
        await WebinarRepository(session).save_edit(
            Occurrence(
                "weekly-exchange",
                thursday,
                join_url="https://example.org/live",
                recording_url="https://example.org/rec",
            ),
            0,
        )
    clock.set(datetime(2022, 10, 7, 7, 0, tzinfo=UTC))
    await running_app.background.scheduler.run("webinar-announcements")
    await running_app.background.scheduler.run("webinar-announcements")
    await deliver(running_app)
    recording = khabarovsk.inbox[-1]
    assert recording.text.startswith("🎞 Запись вебинара")
    assert recording.buttons[0][0] == {
        "text": "🎞 Смотреть запись",
        "url": "https://example.org/rec",
    }
    assert len(khabarovsk.inbox) == 2


@pytest.mark.app_settings(channel_id="@project500")
async def test_a_weekly_post_in_the_channel_on_monday_at_nine_moscow(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    """Issue 20, item 9: the week's federal deadlines, webinars and marathon talks, once."""
    channel = emu.add_channel("Проект 500+", "project500")
    async with running_app.sessionmaker.begin() as session:
        await sync_regions(session)
        marathon = Marathon(
            title="Марафон региона",
            kind="marathon",
            level="regional",
            region_code="67",
            created_by=0,
            status="published",
        )
        session.add(marathon)
        await session.flush()
        session.add(
            MarathonTalk(
                marathon_id=marathon.id,
                proposed_by=0,
                topic="Как мы провели взаимоэкспертизу",
                description="",
                speaker="Докладчик",
                status="accepted",
                starts_at=datetime(2022, 10, 12, 8, 0, tzinfo=UTC),
            )
        )
    clock.set(datetime(2022, 10, 10, 5, 59, tzinfo=UTC))  # Monday 08:59 Moscow: not yet
    await running_app.background.scheduler.run("channel-week")
    await deliver(running_app)
    assert channel.history == []
    clock.set(datetime(2022, 10, 10, 6, 5, tzinfo=UTC))
    await running_app.background.scheduler.run("channel-week")
    await running_app.background.scheduler.run("channel-week")  # once a week
    await deliver(running_app)
    (post,) = channel.history
    assert post.text.startswith("🗓 Неделя проекта «500+» с 10 октября")
    assert "чт, 13 октября, 10:00 — Еженедельный вебинар по обмену опытом" in post.text
    assert (
        "ср, 12 октября, 11:00 — «Как мы провели взаимоэкспертизу» (Марафон региона)" in post.text
    )
