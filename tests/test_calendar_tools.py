"""The region's calendar as a spreadsheet (issue 20, item 5): downloaded as XLSX or YAML, either
uploaded through the same checks and preview; a file from an older version is warned about; an
earlier version is restored with the same preview; on apply everyone whom a changed date concerns
is told once. Hostile files (50,000 levels of YAML, not-a-zip, a zip bomb, too big) are refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from emulator import BotAPIEmulator, ChatMessage, FakeUser
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.app import App
from services.calendar import shipped_calendar
from services.calendar_io import (
    XLSX_FIRST_ROW,
    check,
    export_region,
    export_region_xlsx,
    read_upload,
)
from services.permissions import Scope
from storage.models import CalendarVersion
from tests.directory_fixtures import make_coordinator, seed_smolensk
from tests.test_webinar_announcements import deliver

DEEP = ("[" * 50_000 + "]" * 50_000).encode()


def set_dates(data: bytes, dates: dict[str, date | str | None]) -> bytes:
    """What an official does in Excel: types dates into column D of the steps' rows."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    assert sheet is not None
    for row in range(XLSX_FIRST_ROW, sheet.max_row + 1):
        key = sheet[f"A{row}"].value
        if key in dates:
            sheet[f"D{row}"].value = dates[key]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_spreadsheet_round_trips_through_the_same_checks() -> None:
    calendar = shipped_calendar()
    data = export_region_xlsx(calendar, "67", "Смоленская область", 3)
    same = check(read_upload(data), calendar, "67", {"67"})
    assert same.errors == [] and same.based_on == 3
    assert all(value is None for value in same.overrides.values())  # Smolensk has no own dates

    edited = set_dates(
        data, {"expertise-4": date(2022, 10, 18), "expertise-5": "30.10.2022", "expertise-3": "x"}
    )
    checked = check(read_upload(edited), calendar, "67", {"67"})
    assert [(e.reason, e.value) for e in checked.errors] == [("calupload-reason-bad-date", "x")]
    row = next(
        n
        for n, r in enumerate(load_workbook(io.BytesIO(edited)).active.iter_rows(), start=1)  # type: ignore[union-attr]
        if r[0].value == "expertise-3"
    )
    assert checked.errors[0].line == row  # the spreadsheet's row, as Excel numbers it
    fixed = check(read_upload(set_dates(edited, {"expertise-3": None})), calendar, "67", {"67"})
    assert fixed.errors == []
    assert fixed.overrides["expertise-4"] == date(2022, 10, 18)
    assert fixed.overrides["expertise-5"] == date(2022, 10, 30)

    yaml_text = export_region(calendar, "67", "Смоленская область", 3)
    assert "version: 3" in yaml_text
    assert check(read_upload(yaml_text.encode()), calendar, "67", {"67"}).based_on == 3


def test_hostile_files_are_refused_with_a_reason() -> None:
    calendar = shipped_calendar()

    def reasons(data: bytes) -> list[str]:
        return [e.reason for e in check(read_upload(data), calendar, "67", {"67"}).errors]

    assert reasons(DEEP) == ["calupload-reason-too-deep"]
    assert reasons(b"PK\x03\x04 not really a zip") == ["calupload-reason-xlsx-broken"]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\0" * (50 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200_000
    assert reasons(bomb.getvalue()) == ["calupload-reason-xlsx-bomb"]
    assert reasons(b"\xff\xfe\x00garbage") == ["calupload-reason-not-text"]


async def send(person: FakeUser, data: bytes, name: str) -> ChatMessage:
    await person.send_document(data, name, "application/octet-stream")
    (reply,) = await person.wait_for_messages(timeout=10)
    return reply


async def fetch(emu: BotAPIEmulator, message: ChatMessage) -> bytes:
    assert message.document is not None
    async with emu.make_bot() as bot:
        file = await bot.get_file(message.document["file_id"])
        assert file.file_path is not None
        data = await bot.download_file(file.file_path)
    assert data is not None
    return data.read()


async def test_xlsx_upload_preview_apply_tell_stale_and_restore(
    emu: BotAPIEmulator, running_app: App
) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    minobr, school, curator, city = (
        emu.add_user(name) for name in ("Минобр", "СШ 9", "Куратор", "Город")
    )
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, minobr.id, "Минобр", "regional", Scope("67"))
        await make_coordinator(session, school.id, "СШ 9", "school", place.school("edu670009"))
        await make_coordinator(session, curator.id, "Куратор", "curator", place.school("edu670010"))
        await make_coordinator(session, city.id, "Город", "municipal", Scope("67", place.city_id))

    await minobr.send_text("/region_calendar")
    (screen,) = await minobr.wait_for_messages()
    assert "действует версия 0" in screen.text
    assert screen.button_texts == [
        "📥 Таблица (XLSX)",
        "📥 Файл YAML",
        "🕘 Прежние версии",
        "« В меню",
    ]
    await emu.wait_answered(await minobr.tap(screen, "📥 Таблица (XLSX)"))
    (sheet,) = await minobr.wait_for_messages()
    assert sheet.document is not None and sheet.document["file_name"].endswith("-v0.xlsx")
    original = await fetch(emu, sheet)

    edited = set_dates(
        original,
        {
            "expertise-4": date(2022, 10, 18),  # the school's
            "expertise-5": date(2022, 10, 28),  # the school's too: still one message
            "medk-confirm-2": date(2022, 10, 31),  # the school's and its curator's
        },
    )
    preview = await send(minobr, edited, "calendar.xlsx")
    assert preview.text.startswith("Проверьте изменения (3):"), preview.text
    assert "Встреча со школой-партнёром: федеральный срок → 18 октября" in preview.text
    await emu.wait_answered(await minobr.tap(preview, "✅ Применить"))
    assert preview.text.startswith("✅ Календарь региона обновлён (версия 1)")
    assert "Сообщение об изменении получат: 2" in preview.text
    await deliver(running_app)
    (told,) = school.inbox  # three changes, one message
    assert told.text.startswith("📅 Изменились сроки в календаре региона «Смоленская область»")
    assert all(day in told.text for day in ("18 октября", "28 октября", "31 октября"))
    assert told.button_texts == ["📅 Мои сроки", "« В меню"]
    (told_curator,) = curator.inbox
    assert "31 октября" in told_curator.text and "18 октября" not in told_curator.text
    assert city.inbox == []  # no date of theirs changed

    # The same spreadsheet downloaded at version 0, edited again, after version 1: warned.
    later = set_dates(original, {"expertise-4": date(2022, 10, 17)})
    await emu.wait_answered(await minobr.tap(preview, "« Назад"))
    assert preview.text.startswith("📅 Календарь региона — действует версия 1.")
    stale = await send(minobr, later, "calendar.xlsx")
    assert stale.text.startswith("⚠️ Файл выгружен с версии 0, а сейчас действует версия 1")
    assert "Встреча со школой-партнёром: 18 октября → 17 октября" in stale.text
    assert "28 октября → федеральный срок" in stale.text
    await emu.wait_answered(await minobr.tap(stale, "✅ Применить"))
    assert stale.text.startswith("✅ Календарь региона обновлён (версия 2)")

    # Back to version 1 from the list, with the same preview and confirmation.
    screen = stale
    await emu.wait_answered(await minobr.tap(screen, "« Назад"))
    await emu.wait_answered(await minobr.tap(screen, "🕘 Прежние версии"))
    assert screen.text.startswith("🕘 Прежние версии календаря (сейчас действует версия 2)")
    assert [b.split(" · ")[0] for b in screen.button_texts] == ["Версия 1", "« Назад"]
    await emu.wait_answered(await minobr.tap(screen, screen.button_texts[0]))
    assert "Встреча со школой-партнёром: 17 октября → 18 октября" in screen.text
    await emu.wait_answered(await minobr.tap(screen, "✅ Применить"))
    assert screen.text.startswith("✅ Календарь региона обновлён (версия 3)")
    async with running_app.sessionmaker() as session:
        versions = await session.scalar(
            select(func.count())
            .select_from(CalendarVersion)
            .where(CalendarVersion.region_code == "67")
        )
    assert versions == 3
