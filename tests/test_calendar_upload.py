"""A regional coordinator edits the region's calendar: checked by line, previewed, applied on
confirmation as a new version; a bad file leaves the calendar in force untouched."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from emulator import BotAPIEmulator, ChatMessage, FakeUser
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from scheduler import reporting
from services.calendar import Calendar, shipped_calendar
from services.calendar_io import parse_upload
from services.clock import ManualClock
from services.permissions import Scope
from tests.directory_fixtures import make_coordinator
from tests.test_calendar_flow import school_in


async def download(emu: BotAPIEmulator, message: ChatMessage) -> str:
    assert message.document is not None
    async with emu.make_bot() as bot:
        file = await bot.get_file(message.document["file_id"])
        assert file.file_path is not None
        data = await bot.download_file(file.file_path)
    assert data is not None
    return data.read().decode("utf-8")


async def upload(person: FakeUser, text: str) -> ChatMessage:
    await person.send_document(text.encode("utf-8"), "calendar.yaml", "application/x-yaml")
    (reply,) = await person.wait_for_messages(timeout=10)
    return reply


def test_bad_files_are_refused_with_line_and_reason() -> None:
    calendar = shipped_calendar()
    text = (
        'region: "99"\n'
        "steps:\n"
        "  - key: expertise-4\n"
        "    regional: 2022-10-32\n"
        "  - key: no-such-step\n"
        "    regional: 2022-10-01\n"
        "  - key: medk-confirm-2\n"
        "    regional_window: [2022-11-01, 2022-09-15]\n"
    )
    _, errors = parse_upload(text, calendar, "23", {"23", "67"})
    assert [(e.line, e.reason) for e in errors] == [
        (1, "calupload-reason-unknown-region"),
        (4, "calupload-reason-bad-date"),
        (5, "calupload-reason-unknown-step"),
        (8, "calupload-reason-end-before-start"),
    ]


async def test_edit_preview_apply_and_the_deadlines_follow(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "23", "edu230019", "СОШ № 19")
    minobr = emu.add_user("Министерство", "Краснодарского края")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, minobr.id, "Министерство", "regional", Scope("23"))

    await minobr.send_text("/region_calendar")
    (screen,) = await minobr.wait_for_messages()
    await emu.wait_answered(await minobr.tap(screen, "📥 Файл YAML"))
    (sent,) = await minobr.wait_for_messages()
    # Newcomer's walk: the caption showed «поля `regional`», backticks and all.
    assert "Впишите свои сроки в поля regional (дата ГГГГ-ММ-ДД)" in sent.text
    assert "`" not in sent.text
    original = await download(emu, sent)
    assert "key: expertise-4" in original
    assert "regional: '2022-10-19'" in original

    broken = original.replace("regional: '2022-10-19'", "regional: '2022-10-40'")
    refused = await upload(minobr, broken)
    assert refused.text.startswith("❌ В файле 1 ошибка. Календарь не изменён")
    assert "неверная дата (нужно ГГГГ-ММ-ДД) 2022-10-40" in refused.text

    edited = original.replace("regional: '2022-10-19'", "regional: '2022-10-18'")
    preview = await upload(minobr, edited)
    assert preview.text.startswith("Проверьте изменения (1):")
    assert "Встреча со школой-партнёром: 19 октября → 18 октября" in preview.text
    await emu.wait_answered(await minobr.tap(preview, "✅ Применить"))
    assert preview.text.startswith("✅ Календарь региона обновлён (версия 1)")

    await school.send_text("до какого числа встреча со школой-партнером?")
    (answer,) = await school.wait_for_messages()
    assert (
        "📅 до 18 октября — срок вашего региона (федеральный срок — до 21 октября)" in answer.text
    )


async def test_admins_set_a_new_season_and_a_broken_one_is_refused(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    admin = emu.add_user("Администратор")
    # Admins are named by ADMIN_IDS; the test app's settings get this user's id.
    object.__setattr__(running_app.settings, "admin_ids", (admin.id,))
    await admin.send_text("/season")
    (sent,) = await admin.wait_for_messages()
    assert "Поменяйте season на новый год" in sent.text and "`" not in sent.text
    shipped = await download(emu, sent)
    assert shipped.startswith("# The 2022 project calendar")

    broken = shipped.replace("deadline: 2022-10-21", "deadline: 2023-02-30")
    refused = await upload(admin, broken)
    assert refused.text.startswith("❌ Календарь не принят: step expertise-4:")

    season_2023 = (
        "season: 2023\nversion: 1\nstages:\n"
        "  - key: expertise\n    title: {ru: Взаимоэкспертиза 2023, en: Mutual expertise 2023}\n"
        "    steps:\n"
        "      - key: meeting-2023\n        number: '1'\n"
        "        title: {ru: Встреча с партнёром 2023, en: Partner meeting 2023}\n"
        "        deadline: 2023-10-20\n        form: screenshot\n        responsible: [school]\n"
        "        screenshot: true\n        keywords: [встреча, партнер]\n"
    )
    preview = await upload(admin, season_2023)
    assert "Календарь сезона 2023: этапов — 1, шагов — 1. Сейчас действует сезон 2022" in (
        preview.text
    )
    await emu.wait_answered(await admin.tap(preview, "✅ Применить"))
    assert preview.text.startswith("✅ Действует календарь сезона 2023 (версия 1).")

    clock.set(datetime(2023, 10, 2, 6, 0, tzinfo=UTC))
    school = emu.add_user("Школа")
    await school.send_text("когда встреча с партнером?")
    (answer,) = await school.wait_for_messages()
    assert "Встреча с партнёром 2023" in answer.text
    assert "📅 до 20 октября — ⏳ осталось 18 дней" in answer.text


def test_dates_outside_the_season_are_refused() -> None:
    """Finding 5: 9999-12-31 and 0001-01-01 were accepted, and /deadlines, /calendar and the
    reminder sweep then failed for the whole region."""
    calendar = shipped_calendar()
    text = (
        'region: "23"\n'
        "steps:\n"
        "  - key: expertise-4\n"
        "    regional: 9999-12-31\n"
        "  - key: medk-confirm-2\n"
        "    regional_window: [0001-01-01, 2022-10-20]\n"
        "  - key: expertise-3\n"
        "    regional: 2023-12-31\n"
    )
    overrides, errors = parse_upload(text, calendar, "23", {"23"})
    assert [(e.line, e.reason, e.value) for e in errors] == [
        (4, "calupload-reason-out-of-season", "9999-12-31"),
        (6, "calupload-reason-out-of-season", "0001-01-01"),
    ]
    assert overrides["expertise-3"] == date(2023, 12, 31)  # the next year is still plausible


async def test_one_regions_failure_does_not_stop_the_others_reminders(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    smolensk = await school_in(running_app, emu, "67", "edu670009", "СШ № 9")
    krasnodar = await school_in(running_app, emu, "23", "edu230001", "СОШ № 1")
    real = reporting.calendar_for

    async def broken_for_krasnodar(session: AsyncSession, region: str | None) -> Calendar:
        if region == "23":
            raise OverflowError("date value out of range")
        return await real(session, region)

    monkeypatch.setattr(reporting, "calendar_for", broken_for_krasnodar)
    clock.set(datetime(2022, 10, 4, 7, 0, tzinfo=UTC))  # 3 days before step 3, 10:00 Moscow
    await running_app.background.scheduler.run("reporting-reminders")
    while await running_app.background.delivery.run_once():
        pass
    assert smolensk.inbox != []
    assert krasnodar.inbox == []
