"""Confirmations through the real dispatcher: a curator sends an album for step 2 of the mutual
expertise, the municipal coordinator is told once, returns it with a comment, the curator sends
again, the coordinator accepts; /progress, the XLSX and the ZIP show it."""

from __future__ import annotations

import asyncio
import io
import zipfile

import pytest
from emulator import BotAPIEmulator, FakeUser, make_png
from emulator.chats import ChatMessage
from openpyxl import load_workbook

from bot.app import App
from services import limits
from services.permissions import Scope
from tests.directory_fixtures import Place, make_coordinator, seed_smolensk
from tests.test_webinar_announcements import deliver, delivered

STEP_2 = "2. Установление контакта со школой-партнёром"


async def people(app: App, emu: BotAPIEmulator) -> tuple[Place, FakeUser, FakeUser, FakeUser]:
    """A curator of two city schools, the city's coordinator and the district's."""
    place = await seed_smolensk(app.sessionmaker)
    curator = emu.add_user("Ольга")
    city = emu.add_user("Ирина")
    district = emu.add_user("Пётр")
    async with app.sessionmaker.begin() as session:
        for code in ("edu670009", "edu670010"):
            await make_coordinator(session, curator.id, "Ольга", "curator", place.school(code))
        await make_coordinator(session, city.id, "Ирина", "municipal", Scope("67", place.city_id))
        await make_coordinator(
            session, district.id, "Пётр", "municipal", Scope("67", place.district_id)
        )
    return place, curator, city, district


def button_starting(message: ChatMessage, prefix: str) -> str:
    return next(text for text in message.button_texts if text.startswith(prefix) or prefix in text)


async def download(emu: BotAPIEmulator, message: ChatMessage) -> bytes:
    assert message.document is not None
    async with emu.make_bot() as bot:
        file = await bot.get_file(message.document["file_id"])
        assert file.file_path is not None
        data = await bot.download_file(file.file_path)
    assert data is not None
    return data.read()


async def test_album_returned_resent_accepted_then_progress_xlsx_and_zip(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, curator, city, district = await people(running_app, emu)

    await curator.send_text("/submit")
    (screen,) = await curator.wait_for_messages()
    assert "Выберите школу" in screen.text
    await emu.wait_answered(await curator.tap(screen, "МБОУ «СШ № 9»"))
    # Step 2 has no federal date (only Krasnodar set one); step 3 is due on 7 October.
    assert "▫️ 2. Установление контакта со школой-партнёром — без срока: не сдано" in screen.text
    assert "▫️ 3. Обмен документацией проекта — до 7 октября: не сдано" in screen.text
    await emu.wait_answered(await curator.tap(screen, button_starting(screen, STEP_2)))
    assert "Пришлите подтверждающие скриншоты" in screen.text

    await curator.send_text("вот скриншоты")  # text before any file: told, nothing lost
    (hint,) = await curator.wait_for_messages()
    assert hint.text.startswith("Нужен скриншот")
    await curator.send_album(
        [make_png(rgb=(200, 0, 0)), make_png(rgb=(0, 200, 0)), make_png(rgb=(0, 0, 200))],
        caption="Переписка со школой-партнёром",
    )
    (received,) = await curator.wait_for_messages(timeout=10)
    assert received.text.startswith("📥 Получено файлов: 3.")
    await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
    assert "версия 1, файлов: 3" in received.text

    scheduler = running_app.background.scheduler
    await scheduler.run("reviewer-notices")
    await scheduler.run("reviewer-notices")  # nothing new: no second notice
    await deliver(running_app)
    (notice,) = city.inbox
    assert notice.text.startswith("📥 Новые подтверждения на проверку: 1")
    assert "МБОУ «СШ № 9» — шаг 2, версия 1" in notice.text
    assert district.inbox == []  # another municipality

    city.chat.mark_read()
    await emu.wait_answered(await city.tap(notice, "📝 Открыть проверку"))
    shown = await city.wait_for_messages(4)  # the album, then the card
    assert [len(m.photo or []) > 0 for m in shown[:3]] == [True, True, True]
    card = shown[3]
    assert "Версия 1" in card.text and "Подпись школы: Переписка со школой-партнёром" in card.text
    await emu.wait_answered(await city.tap(card, "↩️ Вернуть"))
    await city.send_text("Не видна дата письма")
    (returned,) = await city.wait_for_messages()
    assert returned.text == "↩️ Возвращено с комментарием. Сообщил: Ольга."

    (told,) = await delivered(running_app, curator)  # notices go through the outbox
    assert "возвращено" in told.text and "Не видна дата письма" in told.text
    await emu.wait_answered(await curator.tap(told, "📎 Отправить заново"))
    await curator.send_document(make_png(rgb=(9, 9, 9)), "письмо.png", "image/png")
    (again,) = await curator.wait_for_messages()
    await emu.wait_answered(await curator.tap(again, "✅ Отправить на проверку"))
    assert "версия 2, файлов: 1" in again.text

    await scheduler.run("reviewer-notices")
    await deliver(running_app)
    (second_notice,) = await city.wait_for_messages()
    assert "МБОУ «СШ № 9» — шаг 2, версия 2" in second_notice.text
    await city.send_text("/review")
    shown = await city.wait_for_messages(2)
    card = shown[-1]
    assert "Версия 2" in card.text
    await emu.wait_answered(await city.tap(card, "✅ Принять"))
    (accepted,) = await delivered(running_app, curator)
    assert "принято координатором" in accepted.text

    city.chat.mark_read()
    await city.send_text("/progress")
    (progress,) = await city.wait_for_messages()
    assert "школ: 4" in progress.text  # the city's four, not the district's
    assert "✅ 1 · 🕓 0 · ↩️ 0 · ▫️ 3" in progress.text

    await emu.wait_answered(await city.tap(progress, "📈 График по шагам"))
    (chart,) = await city.wait_for_messages(timeout=15)
    assert chart.photo and chart.text == "Ход отчётности по шагам"

    await curator.send_text("/progress")  # the curator sees their two schools
    (own,) = await curator.wait_for_messages()
    assert "✅ 2. Установление контакта со школой-партнёром — без срока: принято" in own.text
    assert "МБОУ «СШ № 10»" in own.text

    await emu.wait_answered(await city.tap(progress, "📥 Таблица (XLSX)"))
    (table,) = await city.wait_for_messages()
    sheet = load_workbook(io.BytesIO(await download(emu, table))).active
    assert sheet is not None
    rows = {row[2]: row for row in sheet.iter_rows(values_only=True)}
    header = rows["Код школы"]
    column = header.index(STEP_2)
    assert rows["edu670009"][column] == "принято"
    assert rows["edu670010"][column] == "не сдано"

    await emu.wait_answered(await city.tap(progress, "🗂 Архив скриншотов (ZIP)"))
    messages = await city.wait_for_messages(2, timeout=10)
    archive = next(m for m in messages if m.document is not None)
    folder = "Шаг 2/edu670009 МБОУ «СШ № 9»/"
    with zipfile.ZipFile(io.BytesIO(await download(emu, archive))) as opened:
        # The latest version by default, named by what the file is (PNG), whatever Telegram
        # called it, and a manifest of it.
        assert sorted(opened.namelist()) == ["manifest.csv", f"{folder}v2-1.png"]
        manifest = opened.read("manifest.csv").decode("utf-8-sig").splitlines()
    assert len(manifest) == 2 and "принято" in manifest[1] and "письмо.png" in manifest[1]

    done = next(m for m in messages if m.document is None)
    await emu.wait_answered(await city.tap(done, "🗂 Все версии (ZIP)"))
    messages = await city.wait_for_messages(2, timeout=10)
    archive = next(m for m in messages if m.document is not None)
    with zipfile.ZipFile(io.BytesIO(await download(emu, archive))) as opened:
        names = sorted(opened.namelist())
    assert names == [
        "manifest.csv",
        f"{folder}v1-1.png",
        f"{folder}v1-2.png",
        f"{folder}v1-3.png",
        f"{folder}v2-1.png",
    ]


async def test_a_draft_takes_a_bounded_number_of_files_and_says_so_once_per_album(
    emu: BotAPIEmulator, running_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attacker's walk: a draft took 150 files. Past the limit a file is refused with the
    reason (an album hears it once) and the files collected stay."""
    monkeypatch.setattr(limits, "FILES_PER_DRAFT", 4)
    _, curator, _, _ = await people(running_app, emu)
    await curator.send_text("/submit")
    (screen,) = await curator.wait_for_messages()
    await emu.wait_answered(await curator.tap(screen, "МБОУ «СШ № 9»"))
    await emu.wait_answered(await curator.tap(screen, button_starting(screen, STEP_2)))
    await curator.send_album([make_png(rgb=(10 * n, 0, 0)) for n in range(3)])
    (received,) = await curator.wait_for_messages(timeout=10)
    assert received.text.startswith("📥 Получено файлов: 3.")
    await curator.send_photo(make_png(rgb=(0, 90, 0)))
    (fourth,) = await curator.wait_for_messages(timeout=10)
    assert fourth.text.startswith("📥 Получено файлов: 4.")
    await curator.send_album([make_png(rgb=(0, 0, 10 * n)) for n in range(3)])
    (full,) = await curator.wait_for_messages(timeout=10)
    assert "не больше 4 файлов" in full.text
    await asyncio.sleep(1.0)
    assert curator.unread == []  # once for the album, not once per part
    await emu.wait_answered(await curator.tap(full, "✅ Отправить на проверку"))
    assert "файлов: 4" in full.text
