"""Issue 20, items 5 and 7, through the real bot process (`python -m bot`) and the emulator: the
region's calendar round-trips as a spreadsheet and everyone a changed date concerns is told once
(hostile files refused, not crashed on); a marathon goes from opening to a programme in
/calendar, as the coordinator and a school walk it."""

from __future__ import annotations

import asyncio
import io
import zipfile
from datetime import date

import pytest
from emulator import BotAPIEmulator, ChatMessage, FakeUser
from icalendar import Calendar

from services.permissions import Scope
from tests.journeys.conftest import Journey
from tests.test_calendar_tools import set_dates
from ui.callbacks import MarCb

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(300)]
ERROR = "Что-то пошло не так"


async def fetch(emu: BotAPIEmulator, message: ChatMessage) -> bytes:
    assert message.document is not None
    async with emu.make_bot() as bot:
        file = await bot.get_file(message.document["file_id"])
        assert file.file_path is not None
        data = await bot.download_file(file.file_path)
    assert data is not None
    return data.read()


async def reply_to(person: FakeUser, data: bytes, name: str) -> ChatMessage:
    await person.send_document(data, name, "application/octet-stream")
    (reply,) = await person.wait_for_messages(timeout=30)
    return reply


async def told(person: FakeUser, start: str, within: float = 45.0) -> list[ChatMessage]:
    """Every message to `person` starting with `start`, once one came (through the outbox), and
    a moment more in case a second one follows."""
    deadline = asyncio.get_running_loop().time() + within
    while not any(m.text.startswith(start) for m in person.inbox):
        assert asyncio.get_running_loop().time() < deadline, [m.text[:60] for m in person.inbox]
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)
    return [m for m in person.inbox if m.text.startswith(start)]


async def test_item_5_the_calendar_as_a_spreadsheet(journey: Journey) -> None:
    emu, place = journey.emu, journey.world.place
    minobr = await journey.person("Минобр Смоленск", "regional", Scope("67"))
    school = await journey.person("Директор СШ 10", "school", place.school("edu670010"))
    curator = await journey.person("Куратор СШ 10", "curator", place.school("edu670010"))
    city = await journey.person("Город календарь", "municipal", Scope("67", place.city_id))

    await minobr.send_text("/region_calendar")
    (screen,) = await minobr.wait_for_messages(timeout=15)
    await emu.wait_answered(await minobr.tap(screen, "📥 Таблица (XLSX)"), timeout=15)
    (sheet,) = await minobr.wait_for_messages(timeout=15)
    original = await fetch(emu, sheet)

    # A 50,000-level YAML once raised RecursionError in the handler; a fake spreadsheet, a zip
    # bomb: each refused with its reason, the calendar unchanged.
    deep = await reply_to(minobr, b"[" * 50_000 + b"]" * 50_000, "calendar.yaml")
    assert "вложенность глубже, чем бывает в календаре" in deep.text
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\0" * (40 * 1024 * 1024))
    refused = await reply_to(minobr, bomb.getvalue(), "calendar.xlsx")
    assert "таблица распаковывается в слишком большой объём" in refused.text
    fake = await reply_to(minobr, b"PK\x03\x04 not a workbook", "calendar.xlsx")
    assert "таблица повреждена или это не файл XLSX" in fake.text
    big = await reply_to(minobr, b"#" * (600 * 1024), "calendar.yaml")
    assert big.text.startswith("Файл слишком большой для календаря (до 512 КБ)")

    edited = set_dates(
        original,
        {"expertise-4": date(2022, 10, 18), "medk-confirm-2": date(2022, 10, 31)},
    )
    preview = await reply_to(minobr, edited, "Календарь.xlsx")
    assert preview.text.startswith("Проверьте изменения (2):"), preview.text
    await emu.wait_answered(await minobr.tap(preview, "✅ Применить"), timeout=15)
    assert preview.text.startswith("✅ Календарь региона обновлён (версия 1)")

    (to_school,) = await told(school, "📅 Изменились сроки")
    assert "18 октября" in to_school.text and "31 октября" in to_school.text
    (to_curator,) = await told(curator, "📅 Изменились сроки")
    assert "31 октября" in to_curator.text and "18 октября" not in to_curator.text
    assert not any(m.text.startswith("📅 Изменились сроки") for m in city.inbox)

    # The same spreadsheet again (taken at version 0): the warning, then back to the screen.
    stale = await reply_to(minobr, set_dates(original, {"expertise-4": "17.10.2022"}), "c.xlsx")
    assert stale.text.startswith("⚠️ Файл выгружен с версии 0, а сейчас действует версия 1")
    await emu.wait_answered(await minobr.tap(stale, "Отмена"), timeout=15)
    assert stale.text.startswith("📅 Календарь региона — действует версия 1.")
    assert ERROR not in "".join(m.text for m in minobr.inbox)


async def test_item_5_a_deep_season_file_is_refused(journey: Journey) -> None:
    """/season parses YAML too: the same 50,000 levels are refused there with a reason."""
    admin = journey.world["admin"]
    admin.chat.mark_read()
    await admin.send_text("/season")
    await admin.wait_for_messages(timeout=15)
    refused = await reply_to(admin, b"[" * 50_000 + b"]" * 50_000, "season.yaml")
    assert refused.text.startswith("❌ Файл не принят: в строке 1 вложенность глубже")


async def test_item_7_a_marathon_from_opening_to_the_programme(journey: Journey) -> None:
    emu, place = journey.emu, journey.world.place
    irina = await journey.person("Ирина марафон", "municipal", Scope("67", place.city_id))
    school = await journey.person("СШ 10 марафон", "school", place.school("edu670010"))
    outsider = journey.world["school_district"]  # Каспля: the district, not the city

    await irina.send_text("/marathons")
    (screen,) = await irina.wait_for_messages(timeout=15)
    await emu.wait_answered(await irina.tap(screen, "➕ Новый марафон"), timeout=15)
    for typed in ("Марафон партнёрства", "05.10–07.10", "04.10", "Как школы нашли партнёров."):
        await irina.send_text(typed)
        (card,) = await irina.wait_for_messages(timeout=15)
    assert card.text.startswith("✅ Создано. ")
    assert "📅 Даты: 5 октября — 7 октября" in card.text

    (opened,) = await told(school, "🏃 Открыт марафон «Марафон партнёрства»")
    await emu.wait_answered(await school.tap(opened, "🎤 Предложить выступление"), timeout=15)
    school.chat.mark_read()
    for typed in ("Звонок партнёру", "Сценарий первого звонка", "Иванова Мария"):
        await school.send_text(typed)
        await school.wait_for_messages(timeout=15)
    done = await reply_to(school, b"%PDF-1.4 slides", "Звонок.pdf")
    assert done.text.startswith("✅ Заявка отправлена координатору")

    marathon_id = int(opened.reply_markup["inline_keyboard"][0][0]["callback_data"].split(":")[2])
    outsider.chat.mark_read()
    await outsider.send_text("/marathons")
    (own,) = await outsider.wait_for_messages(timeout=15)
    forged = MarCb(action="propose", marathon=marathon_id).pack()
    await emu.wait_answered(await outsider.tap(own, forged_data=forged), timeout=15)
    assert own.text == "Это недоступно: школа или марафон вне вашей зоны."

    (notice,) = await told(irina, "🎤 Новая заявка в «Марафон партнёрства»")
    await emu.wait_answered(await irina.tap(notice, "📥 Открыть заявки"), timeout=15)
    assert "📎 Презентация: Звонок.pdf" in notice.text
    await emu.wait_answered(await irina.tap(notice, "✅ В программу"), timeout=15)
    irina.chat.mark_read()
    await irina.send_text("05.10 15:00")
    (accepted,) = await irina.wait_for_messages(timeout=15)
    await emu.wait_answered(await irina.tap(accepted, "« Назад"), timeout=15)
    await emu.wait_answered(await irina.tap(accepted, "🗓 Изменить программу"), timeout=15)
    await emu.wait_answered(await irina.tap(accepted, accepted.button_texts[0]), timeout=15)
    await emu.wait_answered(await irina.tap(accepted, "🔗 Ссылка для подключения"), timeout=15)
    await irina.send_text("http://meet.example.ru/partners")
    (bad,) = await irina.wait_for_messages(timeout=15)
    assert bad.text.startswith("Это не ссылка для подключения")
    await irina.send_text("https://meet.example.ru/partners")
    (saved,) = await irina.wait_for_messages(timeout=15)
    await emu.wait_answered(await irina.tap(saved, "« Назад"), timeout=15)
    await emu.wait_answered(await irina.tap(saved, "« Назад"), timeout=15)
    await emu.wait_answered(await irina.tap(saved, "« Назад"), timeout=15)
    await emu.wait_answered(await irina.tap(saved, "📣 Объявить программу"), timeout=15)
    assert saved.text.startswith("Так увидят программу участники")
    await emu.wait_answered(await irina.tap(saved, "✅ Разослать программу"), timeout=15)
    assert saved.text.startswith("📣 Программа разослана")

    (programme,) = await told(school, "🏃 Марафон партнёрства — программа")
    assert "🔗 https://meet.example.ru/partners" in programme.text
    school.chat.mark_read()
    await school.send_text("/calendar")
    (ics,) = await school.wait_for_messages(timeout=15)
    events = Calendar.from_ical(await fetch(emu, ics)).walk("VEVENT")
    (talk,) = [e for e in events if str(e["summary"]).startswith("Марафон партнёрства")]
    assert str(talk["summary"]) == "Марафон партнёрства: Звонок партнёру"
    assert str(talk["url"]) == "https://meet.example.ru/partners"
    assert ERROR not in "".join(m.text for m in irina.inbox + school.inbox)
