"""Issue 20, items 2 and 3, through the real dispatcher: the missing list names curators and
reminds exactly its schools through the outbox; the XLSX, the ZIP and its manifest hold what a
ministry files (checked by opening the files), and a region of thousands of municipalities still
gets a chart Telegram accepts."""

from __future__ import annotations

import csv
import io
import zipfile

from emulator import BotAPIEmulator, FakeUser
from emulator.chats import ChatMessage
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import func, select

from bot.app import App
from services.reports import MAX_BARS, ChartBar, cap_bars, progress_chart
from storage.models import OutboxMessage, School
from tests.attack_world import World, build_world
from tests.export_fixtures import EVIL_SHOWN, PHONE, STEP, STEP_TITLE, Seeded, seed_exports
from tests.test_submissions_flow import download
from tests.test_webinar_announcements import deliver
from ui.callbacks import ProgCb

CURATOR_ID = 700_777


async def world_with_exports(app: App, emu: BotAPIEmulator) -> tuple[World, Seeded, FakeUser]:
    world = await build_world(app, emu)
    olga = emu.add_user("Ольга Куратор", user_id=CURATOR_ID, username="olga_curator")
    seeded = await seed_exports(
        app.sessionmaker,
        world.place,
        app.settings.files_dir,
        world["municipal"].id,
        CURATOR_ID,
    )
    return world, seeded, olga


async def open_progress(user: FakeUser) -> ChatMessage:
    user.chat.mark_read()
    await user.send_text("/progress")
    (screen,) = await user.wait_for_messages()
    return screen


async def queued(app: App) -> int:
    async with app.sessionmaker() as session:
        return int(await session.scalar(select(func.count(OutboxMessage.id))) or 0)


async def test_the_missing_list_names_curators_and_reminds_exactly_those_schools(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world, _, olga = await world_with_exports(running_app, emu)
    city = world["municipal"]
    screen = await open_progress(city)
    await emu.wait_answered(await city.tap(screen, "Кто не сдал шаг 2"))
    text = screen.text
    # The city's 5 schools but СШ № 9 (accepted): 4, none of the district's.
    assert text.startswith("Не сдали шаг 2: 4")
    assert "Касплянская" not in text
    assert "куратор: Ольга Куратор, @olga_curator" in text
    assert f"куратор: Анна Петрова, {PHONE}" in text and EVIL_SHOWN in text
    assert "куратор не указан" in text  # СШ № 21 and № 36
    assert "СШ № 9»" not in text

    await emu.wait_answered(await city.tap(screen, "🔔 Напомнить им (4)"))
    # СШ № 10: its curator Ольга; the others have nobody registered.
    assert "людей — 1, школ — 1" in screen.text
    assert "Школ без зарегистрированных в боте: 3" in screen.text
    await deliver(running_app)
    (reminder,) = await olga.wait_for_messages()
    assert "МБОУ «СШ № 10»: ждём подтверждение шага 2" in reminder.text
    assert world["school"].unread == [] and world["school_district"].unread == []
    # Its button starts sending that step for that school.
    await emu.wait_answered(await olga.tap(reminder, reminder.button_texts[0]))
    assert "Пришлите подтверждающие скриншоты" in reminder.text  # the screen replaces it

    await emu.wait_answered(await city.tap(screen, "« Назад"))
    await emu.wait_answered(await city.tap(screen, "🔔 Напомнить им (4)"))
    assert "Уже напоминали сегодня: 1" in screen.text  # not twice a day


async def test_a_forged_remind_outside_the_scope_is_refused(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world, _, _ = await world_with_exports(running_app, emu)
    forged = {
        "municipal": ProgCb(action="remind", value=STEP, municipality=world.place.district_id),
        "school": ProgCb(action="remind", value=STEP),
        "regional_other": ProgCb(action="remind", value=STEP, municipality=world.place.city_id),
    }
    for role, data in forged.items():
        person = world[role]
        screen = await open_progress(person)
        await emu.wait_answered(await person.tap(screen, forged_data=data.pack()))
        assert screen.text.startswith("Список несдавших и напоминания — для координаторов")
        listing = ProgCb(action="missing", value=STEP, municipality=data.municipality)
        await emu.wait_answered(await person.tap(screen, forged_data=listing.pack()))
        assert screen.text.startswith("Список несдавших и напоминания — для координаторов")
    assert await queued(running_app) == 0


async def test_a_long_missing_list_pages_within_telegrams_limit(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world, _, _ = await world_with_exports(running_app, emu)
    async with running_app.sessionmaker.begin() as session:
        for n in range(30):
            name = f"МБОУ «Средняя школа с очень длинным названием № {n}» " + "и ещё " * 60
            session.add(
                School(code=f"edu67{n:04d}x", name=name, municipality_id=world.place.city_id)
            )
    city = world["municipal"]
    screen = await open_progress(city)
    await emu.wait_answered(await city.tap(screen, "Кто не сдал шаг 2"))
    seen = 0
    for page in range(1, 6):
        assert len(screen.text) <= 4096
        assert f"Страница {page} из 5" in screen.text
        seen += screen.text.count("▫️") + screen.text.count("↩️")
        assert "« Назад" in screen.button_texts  # every screen has a way back
        if page < 5:
            await emu.wait_answered(await city.tap(screen, "Дальше ›"))
    assert "Дальше ›" not in screen.button_texts
    assert seen == 34  # the city's four and the thirty new ones, each once


async def test_the_xlsx_holds_what_a_ministry_files(emu: BotAPIEmulator, running_app: App) -> None:
    world, _, _ = await world_with_exports(running_app, emu)
    regional = world["regional"]
    screen = await open_progress(regional)
    await emu.wait_answered(await regional.tap(screen, "📥 Таблица (XLSX)"))
    (table,) = await regional.wait_for_messages(timeout=15)
    book = load_workbook(io.BytesIO(await download(emu, table)))
    assert book.sheetnames[0] == "Сводка" and "Шаг 2" in book.sheetnames
    step = book["Шаг 2"]
    assert step.freeze_panes == "A2"
    assert step.auto_filter.ref is not None and step.auto_filter.ref.startswith("A1:J")
    assert step.column_dimensions["D"].width == 40
    rows = [list(row) for row in step.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:5] == ["Регион", "Муниципалитет", "Код школы", "Школа", "Куратор"]
    assert header[5] == f"{STEP_TITLE} — Статус"  # the full title, the sheet name is short
    assert header[6:] == ["Дата отправки (Europe/Moscow)", "Проверил", "Комментарий", "Версий"]
    by_code = {row[2]: row for row in rows[1:]}
    nine = by_code["edu670009"]
    assert nine[0] == "Смоленская область" and nine[1] == "город Смоленск"
    assert nine[4] == "Куратор 9" and nine[5] == "принято"
    assert nine[6].strftime("%d.%m.%Y %H:%M") == "02.10.2022 21:05"  # Moscow time
    assert nine[7] == "Муниципальный город" and nine[9] == 2
    evil = by_code["edu670077"]
    assert evil[3] == EVIL_SHOWN and evil[4] == "Анна Петрова" and evil[5] == "не сдано"
    summary = {row[2]: row for row in book["Сводка"].iter_rows(values_only=True)}
    assert summary["edu670009"][summary["Код школы"].index(STEP_TITLE)] == "принято"
    assert book["Сводка"]["F1"].font.b


async def test_the_zip_holds_the_latest_versions_by_type_with_a_manifest(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world, seeded, _ = await world_with_exports(running_app, emu)
    city = world["municipal"]
    screen = await open_progress(city)
    await emu.wait_answered(await city.tap(screen, "🗂 Архив скриншотов (ZIP)"))
    messages = await city.wait_for_messages(2, timeout=15)
    folder = "Шаг 2/edu670009 МБОУ «СШ № 9»/"
    names, manifest = await archive(emu, messages)
    assert names == ["manifest.csv", f"{folder}v2-1.pdf"]  # sent as «скан.png», it is a PDF
    assert manifest == [
        [
            "Код школы",
            "Школа",
            "Шаг",
            "Версия",
            "Статус",
            "Проверил",
            "Комментарий",
            "Файл в архиве",
            "Имя файла у отправителя",
            "SHA-256",
        ],
        [
            "edu670009",
            "МБОУ «СШ № 9»",
            "2",
            "2",
            "принято",
            "Муниципальный город",
            "",
            f"{folder}v2-1.pdf",
            "скан.png",
            seeded.v2_sha,
        ],
    ]
    done = next(m for m in messages if m.document is None)
    await emu.wait_answered(await city.tap(done, "🗂 Все версии (ZIP)"))
    names, manifest = await archive(emu, await city.wait_for_messages(2, timeout=15))
    assert names == ["manifest.csv", f"{folder}v1-1.jpg", f"{folder}v2-1.pdf"]
    assert manifest[1][4:7] == ["возвращено", "Муниципальный город", "Не видна дата"]
    assert manifest[1][9] == seeded.v1_sha


async def archive(emu: BotAPIEmulator, messages: list[ChatMessage]) -> tuple[list[str], list]:
    document = next(m for m in messages if m.document is not None)
    with zipfile.ZipFile(io.BytesIO(await download(emu, document))) as opened:
        text = opened.read("manifest.csv").decode("utf-8-sig")
        return sorted(opened.namelist()), list(csv.reader(io.StringIO(text), delimiter=";"))


def test_thousands_of_municipalities_make_a_photo_telegram_accepts() -> None:
    """An attacker's region of 3,000 municipalities gave PHOTO_INVALID_DIMENSIONS."""
    bars = [ChartBar(f"Муниципальный район № {n} " * 6, n % 3, 1, 0, n % 17) for n in range(3000)]
    kept, rest = cap_bars(bars)
    assert len(kept) == MAX_BARS and rest is not None and rest.label == "2970"
    assert all(bar.missing == 16 for bar in kept)  # the ones with most missing
    assert rest.missing + sum(b.missing for b in kept) == sum(b.missing for b in bars)
    png = progress_chart("Ход", kept, ["a", "b", "c", "d"], "ещё 2970", 3)
    width, height = Image.open(io.BytesIO(png)).size
    assert width + height <= 10_000 and max(width, height) / min(width, height) <= 20


def test_step_labels_are_wrapped_not_cut() -> None:
    from services.reports import wrap_label

    label = "3. Обмен документацией проекта между школами-партнёрами и согласование плана"
    wrapped = wrap_label(label)
    assert "\n" in wrapped and wrapped.replace("\n", " ") == label


def test_the_chart_by_step_carries_every_title_whole() -> None:
    from services.calendar import shipped_calendar
    from services.submissions import Progress, reporting_steps

    steps = reporting_steps(shipped_calendar())
    bars = Progress(steps, [], {}).bars_by_step("ru")
    assert [bar.label for bar in bars] == [f"{s.number}. {s.text('title', 'ru')}" for s in steps]
    assert any(len(bar.label) > 48 for bar in bars)  # the old cut would have shown


def test_no_cell_can_break_the_workbook_or_become_a_formula() -> None:
    """An imported name with a NUL byte raised openpyxl's IllegalCharacterError."""
    from services.reports import SheetSpec, StatusRow, write_status_xlsx, write_workbook

    evil = '\x00=HYPERLINK("http://evil.example","x")\x0b<b>&'
    out = io.BytesIO()
    rows = [[evil, "принято", 3]]
    spec = SheetSpec("Шаг\x00 1/2", ["Школа", "Статус", "Версий"], [40, 12, 8], rows)
    assert write_workbook(out, [spec], {"принято": "C6EFCE"}) == 1
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert sheet.title == "Шаг 1_2"
    cell = sheet["A2"]
    assert cell.value == evil.replace("\x00", "").replace("\x0b", "") and cell.data_type == "s"
    assert sheet["C2"].value == 3

    table = io.BytesIO()
    write_status_xlsx(table, "Статус", ["Школа", "Шаг"], [StatusRow("67", "м", "c", evil, ["x"])])
    assert load_workbook(table).active["D2"].value.startswith("=HYPERLINK")  # type: ignore[union-attr]
