"""Issue 14's defects as journeys through the real bot process: what a newcomer's walk broke,
each walked again as the person it happened to."""

from __future__ import annotations

import asyncio

import pytest
from emulator import FakeUser, make_png
from sqlalchemy import select

from services.permissions import Scope
from storage.models import Submission
from tests.journeys.conftest import Journey
from ui.callbacks import RevCb

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(360)]
ERROR = "Что-то пошло не так"
STEP_2 = "2. Установление контакта со школой-партнёром"


def button(message: object, start: str) -> str:
    labels: list[str] = message.button_texts  # type: ignore[attr-defined]
    return next(label for label in labels if label.startswith(start) or start in label)


async def sent(
    journey: Journey, school: FakeUser, photo: bytes, caption: str | None = None
) -> None:
    """The school sends one screenshot for step 2 and confirms it."""
    emu = journey.emu
    await school.send_text("/submit")
    (steps,) = await school.wait_for_messages(timeout=15)
    await emu.wait_answered(await school.tap(steps, button(steps, STEP_2)), timeout=15)
    await school.send_photo(photo, caption=caption)
    (received,) = await school.wait_for_messages(timeout=15)
    await emu.wait_answered(await school.tap(received, "✅ Отправить на проверку"), timeout=30)
    assert "версия" in received.text


@pytest.mark.parametrize("label", ["📈 График по шагам", "📥 Таблица (XLSX)"])
async def test_1_back_from_a_chart_or_a_table(journey: Journey, label: str) -> None:
    """Defect 1: «« Назад» under a photo or a document answered "something went wrong"."""
    emu, coordinator = journey.emu, journey.world["municipal"]
    coordinator.chat.mark_read()
    await coordinator.send_text("/progress")
    (progress,) = await coordinator.wait_for_messages(timeout=15)
    await emu.wait_answered(await coordinator.tap(progress, label), timeout=30)
    (media,) = await coordinator.wait_for_messages(timeout=30)
    assert media.photo or media.document
    await emu.wait_answered(await coordinator.tap(media, button(media, "«")), timeout=15)
    (screen,) = await coordinator.wait_for_messages(timeout=15)
    assert ERROR not in screen.text
    assert media.button_texts == []  # the file stays, its buttons go


async def test_2_3_only_the_newest_version_is_reviewed_and_everyone_is_told(
    journey: Journey,
) -> None:
    """Defects 2 and 3: an older version stayed in the queue (and its return contradicted the
    accepted newer one); the school was not told though the reviewer read it was."""
    emu, place = journey.emu, journey.world.place
    ten = place.school("edu670010")
    school = await journey.person("Директор СШ 10", "school", ten)
    curator = await journey.person("Куратор СШ 10", "curator", ten)
    await sent(journey, school, make_png(rgb=(101, 1, 1)))
    await sent(journey, school, make_png(rgb=(102, 1, 1)))
    async with journey.sessions() as session:
        versions = {
            s.version: s
            for s in await session.scalars(
                select(Submission).where(Submission.school_id == ten.school_id)
            )
        }
    assert versions[1].status == "superseded" and versions[2].status == "submitted"

    reviewer = await journey.person("Проверяющая", "municipal", Scope("67", place.city_id))
    await reviewer.send_text("/review")
    shown = await reviewer.wait_for_messages(2, timeout=15)
    card = shown[-1]
    assert "Версия 2" in card.text and "Школа: МБОУ «СШ № 10»" in card.text
    forged = RevCb(action="return", submission_id=versions[1].id).pack()
    await emu.wait_answered(await reviewer.tap(card, forged_data=forged), timeout=15)
    # Refused at the tap, before a comment is asked for (the card shows why).
    assert card.text.startswith("Это уже не последняя версия: школа прислала версию 2")

    await reviewer.send_text("/review")
    card = (await reviewer.wait_for_messages(2, timeout=15))[-1]
    await emu.wait_answered(await reviewer.tap(card, "✅ Принять"), timeout=15)
    assert card.text.startswith("✅ Принято. Сообщил: ")
    assert "Директор СШ 10" in card.text and "Куратор СШ 10" in card.text
    for person in (school, curator):
        person.chat.mark_read()
    for person in (school, curator):
        (told,) = await person.wait_for_messages(timeout=30)  # through the outbox
        assert "версия 2" in told.text and "принято" in told.text
    await asyncio.sleep(1)
    decisions = [m.text for m in school.inbox + curator.inbox if "координатор" in m.text]
    assert decisions and all("версия 1" not in text for text in decisions)


async def test_4_an_applicant_sees_the_request_waiting_and_a_decline_has_a_reason(
    journey: Journey,
) -> None:
    emu = journey.emu
    applicant = emu.add_user("Заявительница")
    await applicant.send_text("/start")
    (hello,) = await applicant.wait_for_messages(timeout=15)
    await emu.wait_answered(await applicant.tap(hello, "🏫 Я представляю школу"), timeout=15)
    await applicant.send_text("сш21")  # defect 12 on the way: found without «№»
    (found,) = await applicant.wait_for_messages(timeout=15)
    await emu.wait_answered(await applicant.tap(found, button(found, "МБОУ «СШ № 21")))
    await emu.wait_answered(await applicant.tap(found, "✅ Отправить заявку"), timeout=15)

    await applicant.send_text("/start")
    (waiting,) = await applicant.wait_for_messages(timeout=15)
    assert "⏳ Ваша заявка ждёт решения: школа, МБОУ «СШ № 21" in waiting.text
    assert "Рассматривает: Муниципальный город" in waiting.text
    await applicant.send_text("/submit")
    (also,) = await applicant.wait_for_messages(timeout=15)
    assert "⏳ Ваша заявка ждёт решения" in also.text

    coordinator = journey.world["municipal"]
    notice = next(m for m in coordinator.inbox if "Заявительница" in m.text)
    coordinator.chat.mark_read()
    await emu.wait_answered(await coordinator.tap(notice, "❌ Отклонить"), timeout=15)
    asked = await coordinator.wait_for_messages(timeout=15)
    assert any("причину отказа" in m.text for m in asked)
    await coordinator.send_text("Такой школы у нас в проекте нет в этом году")
    await coordinator.wait_for_messages(timeout=15)
    (told,) = await applicant.wait_for_messages(timeout=15)
    assert told.text.startswith("Координатор отклонил вашу заявку: школа, МБОУ «СШ № 21")
    assert "Причина: Такой школы у нас в проекте нет в этом году" in told.text


async def test_4_a_waiting_request_can_be_cancelled(journey: Journey) -> None:
    emu = journey.emu
    applicant = emu.add_user("Передумавший")
    await applicant.send_text("/start")
    (hello,) = await applicant.wait_for_messages(timeout=15)
    await emu.wait_answered(await applicant.tap(hello, "🧑‍🏫 Я куратор школы"), timeout=15)
    await applicant.send_text("СШ 36")
    (found,) = await applicant.wait_for_messages(timeout=15)
    await emu.wait_answered(await applicant.tap(found, button(found, "МБОУ «СШ № 36")))
    await emu.wait_answered(await applicant.tap(found, "✅ Отправить заявку"), timeout=15)
    await applicant.send_text("/start")
    (waiting,) = await applicant.wait_for_messages(timeout=15)
    await emu.wait_answered(await applicant.tap(waiting, button(waiting, "✖️ Отменить заявку")))
    assert waiting.text.startswith("Заявка отменена")
    await applicant.send_text("/start")
    (again,) = await applicant.wait_for_messages(timeout=15)
    assert "расскажите, кто вы" in again.text


async def test_5_a_draft_keeps_its_files_and_a_screenshot_before_the_step_is_kept(
    journey: Journey,
) -> None:
    emu, place = journey.emu, journey.world.place
    school = await journey.person("Директор Каспли", "school", place.school("edu671101"))
    await school.send_text("/submit")
    (steps,) = await school.wait_for_messages(timeout=15)
    await emu.wait_answered(await school.tap(steps, button(steps, STEP_2)), timeout=15)
    await school.send_photo(make_png(rgb=(55, 5, 5)), caption="Письмо партнёру")
    await school.wait_for_messages(timeout=15)
    await school.send_document(b"just text", "notes.txt", "text/plain")
    (refused,) = await school.wait_for_messages(timeout=15)
    assert refused.text.startswith("Этот тип файла не подходит")
    assert "✅ Отправить на проверку" in refused.button_texts  # the file so far can still go
    await emu.wait_answered(await school.tap(refused, "« Назад"), timeout=15)
    assert refused.text.startswith("📎 Подтверждение шага")
    await emu.wait_answered(await school.tap(refused, button(refused, STEP_2)), timeout=15)
    assert "Получено файлов: 1" in refused.text  # the draft kept it

    await school.send_text("/start")
    await school.wait_for_messages(timeout=15)
    await school.send_photo(make_png(rgb=(56, 5, 5)), caption="Протокол встречи")
    (kept,) = await school.wait_for_messages(timeout=15)
    assert kept.text.startswith("📎 Сохранил файлов: 1")
    await emu.wait_answered(await school.tap(kept, button(kept, "4. ")), timeout=15)
    assert "Получено файлов: 1" in kept.text
    await emu.wait_answered(await school.tap(kept, "✅ Отправить на проверку"), timeout=30)
    assert "версия 1, файлов: 1" in kept.text

    reviewer = journey.world["municipal_district"]
    reviewer.chat.mark_read()
    await reviewer.send_text("/review")
    shown = await reviewer.wait_for_messages(2, timeout=15)
    assert "Подпись школы:" in shown[-1].text


async def test_6_review_shows_the_bot_s_own_copy_when_telegram_forgot_the_file(
    journey: Journey,
) -> None:
    place = journey.world.place
    school = await journey.person("Директор СШ 36", "school", place.school("edu670036"))
    await sent(journey, school, make_png(rgb=(66, 6, 6)))
    journey.emu.forget_files()  # Telegram's side lost its files: the id is unknown now
    reviewer = await journey.person("Проверяющий", "municipal", Scope("67", place.city_id))
    await reviewer.send_text("/review")
    shown = await reviewer.wait_for_messages(2, timeout=30)
    assert shown[0].photo, "the screenshot, uploaded from the bot's copy"
    assert "Подтверждение на проверку" in shown[-1].text
    assert "недоступен" not in shown[-1].text


async def test_8_a_regional_coordinator_cannot_change_the_federal_series(
    journey: Journey,
) -> None:
    emu, regional = journey.emu, journey.world["regional"]
    regional.chat.mark_read()
    await regional.send_text("/webinars")
    (screen,) = await regional.wait_for_messages(timeout=15)
    await emu.wait_answered(await regional.tap(screen, "✏️ Изменить расписание"), timeout=15)
    assert "🚫 Отменить оставшиеся в сезоне" not in screen.button_texts
    await emu.wait_answered(await regional.tap(screen, "чт, 6 октября, 10:00"), timeout=15)
    assert screen.button_texts == ["📍 Заметка для региона", "« Назад"]


async def test_10_a_broadcast_to_those_who_have_not_confirmed(journey: Journey) -> None:
    emu, place = journey.emu, journey.world.place
    regional = await journey.person("Региональная", "regional", Scope("67"))
    curator = await journey.person("Куратор Сорок", "curator", place.school("edu670036"))
    await regional.send_text("/broadcast")
    await regional.wait_for_messages(timeout=15)
    await regional.send_text("Подтвердите шаг 3, пожалуйста")
    (screen,) = await regional.wait_for_messages(timeout=15)
    for label in ("🧑‍🏫 Кураторам", "Весь регион", "не подтвердившим шаг 3"):
        await emu.wait_answered(await regional.tap(screen, button(screen, label)), timeout=15)
    assert "Кому: кураторы школ во всей вашей зоне, которые ещё не подтвердили шаг 3" in (
        screen.text
    )
    assert "Куратор Сорок" in screen.text
    await emu.wait_answered(await regional.tap(screen, "📤 Отправить сейчас"), timeout=15)
    (got,) = await curator.wait_for_messages(timeout=30)
    assert got.button_texts == ["📎 Отправить подтверждение"]
    report = (await regional.wait_for_messages(timeout=30))[-1]
    while not report.text.startswith("✅ Рассылка"):
        report = (await regional.wait_for_messages(timeout=30))[-1]
    await asyncio.sleep(6)  # another progress sweep: the report must not come again
    assert [m.text.startswith("✅ Рассылка") for m in regional.inbox].count(True) == 1


async def test_11_help_lists_the_commands_of_ones_roles(journey: Journey) -> None:
    for role, present, absent in (
        ("school", ["/submit"], ["/broadcast", "/review", "/season", "/import"]),
        ("municipal", ["/review", "/broadcast"], ["/season", "/region_calendar"]),
        ("admin", ["/season", "/review"], []),
    ):
        person = journey.world[role]
        person.chat.mark_read()
        await person.send_text("/help")
        (text,) = await person.wait_for_messages(timeout=15)
        for command in present:
            assert f"{command} — " in text.text, (role, command)
        for command in absent:
            assert f"{command} — " not in text.text, (role, command)


@pytest.mark.parametrize(("who", "command"), [("admin", "/season"), ("regional", "/import")])
async def test_1_back_from_the_other_documents(journey: Journey, who: str, command: str) -> None:
    """Defect 1, the other screens that send a document with a Back button under it."""
    emu, person = journey.emu, journey.world[who]
    person.chat.mark_read()
    await person.send_text(command)
    (document,) = await person.wait_for_messages(timeout=30)
    assert document.document, document.text
    await emu.wait_answered(await person.tap(document, button(document, "«")), timeout=30)
    (screen,) = await person.wait_for_messages(timeout=30)
    assert ERROR not in screen.text
    assert document.button_texts == []


async def test_11_deadlines_list_the_items_of_ones_roles(journey: Journey) -> None:
    """Defect 11, /deadlines: a school saw items that concern only its regional coordinator."""
    seen = {}
    for who in ("school_other", "regional_other"):  # both in Krasnodar
        person = journey.world[who]
        person.chat.mark_read()
        await person.send_text("/deadlines")
        messages = await person.wait_for_messages(timeout=30)
        seen[who] = "\n".join(m.text for m in messages)
    assert "График выступлений марафона" in seen["regional_other"]
    assert "График выступлений марафона" not in seen["school_other"]


async def test_6_a_photo_broadcast_goes_out_after_telegram_forgot_its_file(
    journey: Journey,
) -> None:
    """Defect 6, broadcasts: after Telegram's side lost its files a photo broadcast failed for
    everyone with no reason given. The bot uploads its own copy instead."""
    emu, place = journey.emu, journey.world.place
    author = await journey.person("Автор афиши", "regional", Scope("67"))
    reader = await journey.person("Читатель афиши", "school", place.school("edu671101"))
    await author.send_text("/broadcast")
    await author.wait_for_messages(timeout=30)
    await author.send_photo(make_png(rgb=(10, 20, 30)), caption="Афиша семинара")
    (screen,) = await author.wait_for_messages(timeout=30)
    for label in ("🏫 Школам", "Весь регион", "Всем"):
        await emu.wait_answered(await author.tap(screen, label), timeout=30)
    emu.forget_files()  # Telegram's side restarted: the photo's file_id is gone
    await emu.wait_answered(await author.tap(screen, "📤 Отправить сейчас"), timeout=30)
    await reader.chat.wait_until(
        lambda: any(m.photo for m in reader.inbox), timeout=90, what="the poster"
    )
    (poster,) = [m for m in reader.inbox if m.photo]
    assert poster.text.endswith("Афиша семинара")


async def test_1_back_from_the_regions_calendar_file(journey: Journey) -> None:
    """Defect 1, /region_calendar's spreadsheet: Back under the document leads back, no error."""
    emu, regional = journey.emu, journey.world["regional"]
    regional.chat.mark_read()
    await regional.send_text("/region_calendar")
    (screen,) = await regional.wait_for_messages(timeout=30)
    await emu.wait_answered(await regional.tap(screen, "📥 Таблица (XLSX)"), timeout=30)
    (document,) = await regional.wait_for_messages(timeout=30)
    assert document.document
    await emu.wait_answered(await regional.tap(document, button(document, "«")), timeout=30)
    (back,) = await regional.wait_for_messages(timeout=30)
    assert ERROR not in back.text
    assert document.button_texts == []
