"""Deadlines and questions through the real dispatcher, in the asker's region and time zone."""

from __future__ import annotations

import pytest
from emulator import BotAPIEmulator, FakeUser

from bot.app import App
from services.directory_import import DirectoryImport, Parsed, SchoolRow
from services.permissions import Scope
from services.regions import sync_regions
from storage.repositories.directory import DirectoryRepository
from tests.directory_fixtures import make_coordinator


async def school_in(app: App, emu: BotAPIEmulator, region: str, code: str, name: str) -> FakeUser:
    async with app.sessionmaker.begin() as session:
        await sync_regions(session)
        parsed = Parsed(schools=[SchoolRow(2, "Тестовый район", code, name)])
        await DirectoryImport(session).seed(Scope(region), parsed, importer_id=0)
        place = await DirectoryRepository(session).school_place(
            (await DirectoryRepository(session).schools_by_codes([code]))[code].id
        )
        assert place is not None
        person = emu.add_user("Директор")
        await make_coordinator(
            session, person.id, "Директор", "school", Scope(region, place[1].id, place[0].id)
        )
    return person


async def test_khabarovsk_school_hears_the_webinar_time_in_its_own_time(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "27", "edu270001", "МБОУ СОШ № 1 г. Хабаровска")
    await school.send_text("когда вебинар?")
    (answer,) = await school.wait_for_messages()
    # The weekly webinars are listed, the autumn series marked as running (the test clock is
    # Monday 3 October 2022), each at 10:00 Moscow, which is 17:00 in Khabarovsk.
    assert "в 10:00 по московскому времени (17:00 по вашему времени)" in answer.text
    assert "Еженедельные вебинары ФИОКО по обмену опытом (осень)" in answer.text
    assert "⬅️ сейчас" in answer.text


async def test_krasnodar_deadlines_are_the_regional_ones(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "23", "edu230019", "СОШ № 19")
    await school.send_text("до какого числа встреча со школой-партнером?")
    (answer,) = await school.wait_for_messages()
    assert "Встреча со школой-партнёром" in answer.text
    assert (
        "📅 до 19 октября — срок вашего региона (федеральный срок — до 21 октября)"
        " — ⏳ осталось 16 дней"
    ) in answer.text

    await school.send_text("/deadlines")
    (deadlines,) = await school.wait_for_messages()
    assert (
        "Установление контакта со школой-партнёром\nдо 23 сентября — 🔴 просрочено на 10 дней"
        in (deadlines.text)
    )
    assert (
        "Изучение документов и предзаполнение форм рекомендаций\nдо 7 октября — ⏳ осталось 4 дня"
        in (deadlines.text)
    )


async def test_stages_browse_to_a_step_card_and_back(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/stages")
    (screen,) = await anna.wait_for_messages()
    await emu.wait_answered(await anna.tap(screen, "Взаимоэкспертиза документов"))
    await emu.wait_answered(await anna.tap(screen, "4. Встреча со школой-партнёром"))
    assert "Как отчитаться: Подтверждающий скриншот координатору" in screen.text
    assert "📅 до 21 октября — ⏳ осталось 18 дней" in screen.text
    assert "срок вашего региона" not in screen.text  # she has no region yet
    await emu.wait_answered(await anna.tap(screen, "« Назад"))
    assert screen.text.startswith("Взаимоэкспертиза документов. Выберите шаг:")


async def test_ambiguous_and_unknown_questions(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("партнер")
    (answer,) = await anna.wait_for_messages()
    # Several items match: all are listed with their dates; buttons only to read more.
    assert answer.text.startswith("Нашёл в календаре 3 пункта:")
    assert "Установление контакта со школой-партнёром — срок устанавливает регион" in answer.text
    assert len(answer.button_texts) == 4  # three items to read more and the way back
    await anna.send_text("какая погода в Смоленске")
    (unknown,) = await anna.wait_for_messages()
    assert unknown.text.startswith("В календаре и справке проекта этого нет")


async def test_in_a_group_the_bot_answers_only_when_addressed(
    emu: BotAPIEmulator, running_app: App
) -> None:
    anna, ivan = emu.add_user("Анна"), emu.add_user("Иван")
    # An admin bot sees every message of the discussion group, so the restraint is its own.
    group = emu.add_group("Обсуждение канала 500+", [anna, ivan], bot_admin=True)
    await group.send_text(anna, "коллеги, когда вебинар?")
    await group.send_text(ivan, "@assistant500_bot когда вебинар?")
    (answer,) = await group.wait_for_messages()
    assert "в 10:00 по московскому времени" in answer.text
    assert answer.data["reply_to_message"]["from"]["id"] == ivan.id  # replies to the asker
    await group.send_text(anna, "а что такое мэдк?", reply_to=answer)
    (second,) = await group.wait_for_messages()
    assert second.text.startswith("ИС МЭДК — информационная система")
    assert group.unread == []  # nothing said to the message that was not addressed to it


async def test_calendar_file_holds_my_deadlines_and_webinars(
    emu: BotAPIEmulator, running_app: App
) -> None:
    from icalendar import Calendar

    school = await school_in(running_app, emu, "23", "edu230019", "СОШ № 19")
    await school.send_text("/calendar")
    (sent,) = await school.wait_for_messages()
    assert sent.document is not None
    assert sent.document["file_name"] == "500plus.ics"
    async with emu.make_bot() as bot:
        file = await bot.get_file(sent.document["file_id"])
        assert file.file_path is not None
        data = await bot.download_file(file.file_path)
    assert data is not None
    parsed = Calendar.from_ical(data.read())
    events = {str(e["summary"]): e for e in parsed.walk("VEVENT")}
    meeting = events["Срок: Встреча со школой-партнёром"]
    assert meeting.decoded("dtstart").isoformat() == "2022-10-19"  # Krasnodar's own date
    webinars = sorted(
        e.decoded("dtstart").isoformat()
        for e in parsed.walk("VEVENT")
        if str(e["summary"]) == "Еженедельный вебинар по обмену опытом"
    )
    assert webinars[0] == "2022-10-06T10:00:00+03:00"  # Thursday 10:00 Moscow
    assert len(webinars) == 12  # every Thursday to 22 December


async def test_an_unanswered_question_reaches_the_coordinator_and_the_answer_comes_back(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "67", "edu670009", "МБОУ «СШ № 9»")
    async with running_app.sessionmaker() as session:
        grants = await DirectoryRepository(session).grants_of(school.id)
    coordinator = emu.add_user("Наталья")
    other = emu.add_user("Пётр")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(
            session, coordinator.id, "Наталья", "municipal", Scope("67", grants[0].municipality_id)
        )
        await make_coordinator(session, other.id, "Пётр", "regional", Scope("23"))

    await school.send_text("нужна ли печать директора на заявлении?")
    (miss,) = await school.wait_for_messages()
    assert miss.text.startswith("В календаре и справке проекта этого нет")
    await emu.wait_answered(await school.tap(miss, "🙋 Спросить координатора"))
    assert miss.text.startswith("Передал вопрос координатору.")

    (incoming,) = await coordinator.wait_for_messages()
    assert "«нужна ли печать директора на заявлении?»" in incoming.text
    await other.send_text("/questions")
    (empty,) = await other.wait_for_messages()
    assert empty.text == "Открытых вопросов нет."  # another region's coordinator sees nothing
    await coordinator.send_text("/questions")
    (queued,) = await coordinator.wait_for_messages()
    assert queued.text == incoming.text  # the queue shows it as it was first told
    assert queued.button_texts == ["✍️ Ответить"]
    await school.send_text("/questions")
    (not_coordinator,) = await school.wait_for_messages()
    assert not_coordinator.text != empty.text
    refused = await emu.wait_answered(
        await other.tap(empty, forged_data=incoming.buttons[0][0]["callback_data"])
    )
    assert refused.answer is not None
    assert "не из вашей зоны" in refused.answer["text"]

    await emu.wait_answered(await coordinator.tap(incoming, "✍️ Ответить"))
    (prompt,) = await coordinator.wait_for_messages()
    assert prompt.text.startswith("Напишите ответ на вопрос")
    await coordinator.send_text("Да, можно, протокол загрузите в ИС МЭДК.")
    (done,) = await coordinator.wait_for_messages()
    assert done.text == "✅ Ответ отправлен."
    (reply,) = await school.wait_for_messages()
    assert (
        "Ответ координатора на ваш вопрос «нужна ли печать директора на заявлении?»" in reply.text
    )
    assert reply.text.endswith("Да, можно, протокол загрузите в ИС МЭДК.")


ADMIN = 700_001


@pytest.mark.app_settings(admin_ids=(ADMIN,))
async def test_a_regional_coordinators_question_goes_up_to_the_admins_not_to_himself(
    emu: BotAPIEmulator, running_app: App
) -> None:
    coordinator = emu.add_user("Наталья")
    admin = emu.add_user("Администратор", user_id=ADMIN)
    async with running_app.sessionmaker.begin() as session:
        await sync_regions(session)
        await make_coordinator(session, coordinator.id, "Наталья", "regional", Scope("67"))
    await coordinator.send_text("нужна ли печать директора на заявлении?")
    (miss,) = await coordinator.wait_for_messages()
    await emu.wait_answered(await coordinator.tap(miss, "🙋 Спросить координатора"))
    assert miss.text.startswith("Передал вопрос федеральным администраторам проекта")
    (incoming,) = await admin.wait_for_messages()
    assert "«нужна ли печать директора на заявлении?»" in incoming.text
    await coordinator.send_text("/questions")
    (own,) = await coordinator.wait_for_messages()
    assert own.text == "Открытых вопросов нет."  # not his own question to answer


async def test_a_question_with_nobody_above_the_asker_is_not_said_to_be_passed(
    emu: BotAPIEmulator, running_app: App
) -> None:
    coordinator = emu.add_user("Наталья")
    async with running_app.sessionmaker.begin() as session:
        await sync_regions(session)
        await make_coordinator(session, coordinator.id, "Наталья", "regional", Scope("67"))
    await coordinator.send_text("нужна ли печать директора на заявлении?")
    (miss,) = await coordinator.wait_for_messages()
    await emu.wait_answered(await coordinator.tap(miss, "🙋 Спросить координатора"))
    assert not miss.text.startswith("Передал")
    assert miss.text.startswith("Передать вопрос некому")
    assert miss.button_texts  # a way on
    await coordinator.send_text("/questions")
    (own,) = await coordinator.wait_for_messages()
    assert own.text == "Открытых вопросов нет."


async def test_the_answer_prompt_has_a_way_back_and_leaving_it_sends_nothing(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "67", "edu670009", "МБОУ «СШ № 9»")
    async with running_app.sessionmaker() as session:
        grants = await DirectoryRepository(session).grants_of(school.id)
    coordinator = emu.add_user("Наталья")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(
            session, coordinator.id, "Наталья", "municipal", Scope("67", grants[0].municipality_id)
        )
    await school.send_text("нужна ли печать директора на заявлении?")
    (miss,) = await school.wait_for_messages()
    await emu.wait_answered(await school.tap(miss, "🙋 Спросить координатора"))
    (incoming,) = await coordinator.wait_for_messages()
    await emu.wait_answered(await coordinator.tap(incoming, "✍️ Ответить"))
    (prompt,) = await coordinator.wait_for_messages()
    assert prompt.text.startswith("Напишите ответ на вопрос")
    assert prompt.button_texts == ["« В меню"]
    await emu.wait_answered(await coordinator.tap(prompt, "« В меню"))
    assert prompt.text == "Главное меню. Выберите, что нужно:"
    await coordinator.send_text("/questions")  # the question still waits for an answer
    (queued,) = await coordinator.wait_for_messages()
    assert queued.button_texts == ["✍️ Ответить"]
    assert school.unread == []
