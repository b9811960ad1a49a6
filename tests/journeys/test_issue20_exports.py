"""Issue 20, items 2 and 3, through the real bot process (`python -m bot`) and the emulator: the
missing list reminds exactly its schools through the outbox; the XLSX and the ZIP are read back
as files; a region of 3,000 municipalities gets a chart Telegram accepts."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from emulator import BotAPIEmulator, ChatMessage, FakeUser
from openpyxl import load_workbook
from sqlalchemy import insert, select

from storage.models import Municipality, School
from tests.export_fixtures import EVIL_SHOWN, PHONE, Seeded, seed_exports
from tests.journeys.conftest import Journey

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(360)]
CURATOR_ID = 700_778


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def seeded(journey: Journey) -> AsyncIterator[tuple[Seeded, FakeUser]]:
    olga = journey.emu.add_user("Ольга Куратор", username="olga_curator", user_id=CURATOR_ID)
    found = await seed_exports(
        journey.sessions,
        journey.world.place,
        journey.files_dir,
        journey.world["municipal"].id,
        CURATOR_ID,
    )
    yield found, olga


async def download(emu: BotAPIEmulator, message: ChatMessage) -> bytes:
    assert message.document is not None
    async with emu.make_bot() as bot:
        file = await bot.get_file(message.document["file_id"])
        assert file.file_path is not None
        data = await bot.download_file(file.file_path)
    assert data is not None
    return data.read()


async def progress_screen(user: FakeUser) -> ChatMessage:
    user.chat.mark_read()
    await user.send_text("/progress")
    (screen,) = await user.wait_for_messages(timeout=30)
    return screen


async def test_item_2_the_missing_list_reminds_exactly_those_schools(
    journey: Journey, seeded: tuple[Seeded, FakeUser]
) -> None:
    _, olga = seeded
    emu, city = journey.emu, journey.world["municipal"]
    screen = await progress_screen(city)
    await emu.wait_answered(await city.tap(screen, "Кто не сдал шаг 2"), timeout=30)
    assert screen.text.startswith("Не сдали шаг 2: 4")
    assert "куратор: Ольга Куратор, @olga_curator" in screen.text
    assert f"куратор: Анна Петрова, {PHONE}" in screen.text
    assert "Касплянская" not in screen.text  # the district is not this coordinator's

    await emu.wait_answered(await city.tap(screen, "🔔 Напомнить им (4)"), timeout=30)
    assert "людей — 1, школ — 1" in screen.text
    assert "Школ без зарегистрированных в боте: 3" in screen.text
    (reminder,) = await olga.wait_for_messages(timeout=30)  # the outbox runs by itself
    assert "МБОУ «СШ № 10»: ждём подтверждение шага 2" in reminder.text
    await emu.wait_answered(await olga.tap(reminder, reminder.button_texts[0]), timeout=30)
    assert "Пришлите подтверждающие скриншоты" in reminder.text
    district = journey.world["school_district"]
    assert all("Напоминание координатора" not in m.text for m in district.inbox)


async def test_item_3_the_xlsx_and_the_zip_read_back(
    journey: Journey, seeded: tuple[Seeded, FakeUser]
) -> None:
    found, _ = seeded
    emu, city = journey.emu, journey.world["municipal"]
    screen = await progress_screen(city)
    await emu.wait_answered(await city.tap(screen, "📥 Таблица (XLSX)"), timeout=60)
    (table,) = await city.wait_for_messages(timeout=60)
    book = load_workbook(io.BytesIO(await download(emu, table)))
    step = book["Шаг 2"]
    assert step.freeze_panes == "A2" and step.auto_filter.ref == "A1:J6"
    rows = {row[2]: row for row in step.iter_rows(values_only=True)}
    assert rows["edu670009"][:2] == ("Смоленская область", "город Смоленск")
    assert rows["edu670009"][5:] == (
        "принято",
        rows["edu670009"][6],
        "Муниципальный город",
        None,
        2,
    )
    assert rows["edu670009"][6].strftime("%d.%m.%Y %H:%M") == "02.10.2022 21:05"
    assert rows["edu670077"][3] == EVIL_SHOWN  # the NUL byte is gone, the export is not

    await emu.wait_answered(await city.tap(table, "« Назад"), timeout=30)
    screen = (await city.wait_for_messages(timeout=30))[-1]
    await emu.wait_answered(await city.tap(screen, "🗂 Архив скриншотов (ZIP)"), timeout=60)
    messages = await city.wait_for_messages(2, timeout=60)
    archive = next(m for m in messages if m.document is not None)
    with zipfile.ZipFile(io.BytesIO(await download(emu, archive))) as opened:
        names = sorted(opened.namelist())
        manifest = list(
            csv.reader(io.StringIO(opened.read("manifest.csv").decode("utf-8-sig")), delimiter=";")
        )
    folder = "Шаг 2/edu670009 МБОУ «СШ № 9»/"
    assert names == ["manifest.csv", f"{folder}v2-1.pdf"]
    assert manifest[1][3:] == [
        "2",
        "принято",
        "Муниципальный город",
        "",
        f"{folder}v2-1.pdf",
        "скан.png",
        found.v2_sha,
    ]
    done = next(m for m in messages if m.document is None)
    await emu.wait_answered(await city.tap(done, "🗂 Все версии (ZIP)"), timeout=60)
    messages = await city.wait_for_messages(2, timeout=60)
    archive = next(m for m in messages if m.document is not None)
    with zipfile.ZipFile(io.BytesIO(await download(emu, archive))) as opened:
        assert sorted(opened.namelist()) == [
            "manifest.csv",
            f"{folder}v1-1.jpg",
            f"{folder}v2-1.pdf",
        ]


async def test_item_3_a_region_of_3000_municipalities_gets_its_chart(journey: Journey) -> None:
    """An attacker's 3,000-municipality region gave PHOTO_INVALID_DIMENSIONS."""
    async with journey.sessions.begin() as session:
        first = int(await session.scalar(select(Municipality.id).order_by(-Municipality.id)) or 0)
        await session.execute(
            insert(Municipality),
            [
                {"id": first + n + 1, "region_code": "23", "name": f"Муниципалитет № {n} " * 4}
                for n in range(3000)
            ],
        )
        await session.execute(
            insert(School),
            [
                {"code": f"edu23{n:05d}m", "name": f"Школа {n}", "municipality_id": first + n + 1}
                for n in range(3000)
            ],
        )
    emu, regional = journey.emu, journey.world["regional_other"]
    screen = await progress_screen(regional)
    label = "📈 График по муниципалитетам"
    await emu.wait_answered(await regional.tap(screen, label), timeout=120)
    (chart,) = await regional.wait_for_messages(timeout=120)
    assert chart.photo, chart.text
    biggest = chart.photo[-1]
    width, height = int(biggest["width"]), int(biggest["height"])
    assert width + height <= 10_000 and max(width, height) <= 20 * min(width, height)
    assert chart.text == "Ход отчётности по муниципалитетам (школа × шаг)"
