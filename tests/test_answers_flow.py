"""Questions asked as school staff ask them, through the real dispatcher and the HTTP emulator:
several windows answered with the list, an unknown item said plainly with the handoff offered, an
English question answered in English, "who is my curator" answered from the directory, and
/deadlines showing a person only the items of their roles and region."""

from __future__ import annotations

from emulator import BotAPIEmulator, FakeUser

from bot.app import App
from services.permissions import Scope
from tests.directory_fixtures import add_person, make_coordinator, seed_smolensk
from tests.test_calendar_flow import school_in


async def test_several_survey_windows_are_answered_with_the_list(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "27", "edu270001", "МБОУ СОШ № 1 г. Хабаровска")
    await school.send_text("когда опрос участников проекта?")
    (answer,) = await school.wait_for_messages()
    assert answer.text.startswith("Нашёл в календаре 3 пункта:")
    assert "Опрос участников проекта (весна) — с 10 марта по 24 марта; ✔️ прошло" in answer.text
    assert "Опрос участников проекта (лето) — с 30 мая по 13 июня" in answer.text
    # Monday 3 October 2022 by the test clock: the autumn window is on, and marked.
    assert (
        "Опрос участников проекта (осень) — с 3 октября по 14 октября; ▶️ идёт сейчас, "
        "до конца 11 дней ⬅️ сейчас"
    ) in answer.text
    assert "Уточните" not in answer.text  # an answer, not a menu
    await emu.wait_answered(await school.tap(answer, "ℹ️ Опрос участников проекта (осень)"))
    assert "Что сделать: Ответьте на опрос участников проекта" in answer.text


async def test_an_unknown_item_is_said_plainly_and_the_coordinator_offered(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "24", "edu240101", "МБОУ «Балахтинская СШ № 1»")
    await school.send_text("когда олимпиада по робототехнике для школ 500+?")
    (answer,) = await school.wait_for_messages()
    assert answer.text.startswith("В календаре и справке проекта этого нет")
    assert "Могу передать вопрос вашему координатору" in answer.text
    assert "🙋 Спросить координатора" in answer.button_texts
    assert "Олимпиада" not in answer.text and "—" in answer.text  # no nearest unrelated item


async def test_an_english_question_gets_an_english_answer(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "67", "edu670009", "МБОУ «СШ № 9»")
    await school.send_text("What is a school risk profile?")  # the person's language is Russian
    (answer,) = await school.wait_for_messages()
    assert answer.text.startswith("A school's risk profile is the result of its start diagnostics")
    assert "low involvement of parents" in answer.text
    await school.send_text("When is the deadline for the meeting with the partner school?")
    (deadline,) = await school.wait_for_messages()
    assert deadline.text.startswith("Meeting the partner school\n📅 by 21 October")
    assert "Send a confirmation" in " ".join(deadline.button_texts)


async def _curator_of_21(app: App, emu: BotAPIEmulator) -> FakeUser:
    place = await seed_smolensk(app.sessionmaker)
    school = emu.add_user("Светлана")
    async with app.sessionmaker.begin() as session:
        await make_coordinator(session, school.id, "Светлана", "school", place.school("edu670021"))
        await add_person(session, 900_001, "Анжела Слободич", username="slobodich_g1")
        await make_coordinator(
            session, 900_001, "Анжела Слободич", "curator", place.school("edu670021")
        )
        await add_person(session, 900_002, "Наталья Васинова")
        await make_coordinator(
            session, 900_002, "Наталья Васинова", "municipal", Scope("67", place.city_id)
        )
    return school


async def test_who_is_my_curator_names_the_curator(emu: BotAPIEmulator, running_app: App) -> None:
    school = await _curator_of_21(running_app, emu)
    await school.send_text("кто мой куратор?")
    (answer,) = await school.wait_for_messages()
    assert answer.text == (
        "Куратор школы МБОУ «СШ № 21 им. Н.И. Рыленкова»: Анжела Слободич (@slobodich_g1)"
    )
    await school.send_text("Who is our municipal coordinator?")
    (coordinator,) = await school.wait_for_messages()
    assert coordinator.text == "Your municipal coordinator: Наталья Васинова"


async def test_deadlines_show_only_the_items_of_my_roles(
    emu: BotAPIEmulator, running_app: App
) -> None:
    school = await school_in(running_app, emu, "23", "edu230019", "СОШ № 19")
    await school.send_text("/deadlines")
    (screen,) = await school.wait_for_messages()
    assert "Установление контакта со школой-партнёром" in screen.text
    # The krai's own task (the marathon's schedule, 23 September) is not the school's to do.
    assert "График выступлений марафона" not in screen.text
    assert "Муниципальный мониторинг размещения" not in screen.text
    assert "Мониторинг вовлечённости регионов" not in screen.text  # another region's item


async def test_where_to_send_screenshots_answers_with_a_submit_button_that_works(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Newcomer's walk: «куда отправлять скриншоты?» from a school crashed (the answer's submit
    button was built with a menu item that does not exist)."""
    school = await school_in(running_app, emu, "67", "edu670033", "МБОУ «СШ № 33»")
    for question in ("куда отправлять скриншоты?", "where do I send the screenshots?"):
        await school.send_text(question)
        (answer,) = await school.wait_for_messages()
        assert "/submit" in answer.text
        submit = next(b for b in answer.button_texts if b.startswith("📎"))
        await emu.wait_answered(await school.tap(answer, submit))
        assert "Выберите шаг" in answer.text or "Choose a step" in answer.text, answer.text
