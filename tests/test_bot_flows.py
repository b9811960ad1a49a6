"""Scenarios through the real dispatcher, polling the emulator in-process."""

from __future__ import annotations

import asyncio

from emulator import BotAPIEmulator, make_png
from emulator.errors import QUERY_TOO_OLD
from sqlalchemy import select

from bot.app import App
from storage.models import User
from tests.directory_fixtures import make_coordinator, seed_smolensk


async def test_start_greets_in_russian_with_a_menu(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна", username="anna")
    await anna.send_text("/start")
    (greeting,) = await anna.wait_for_messages()
    assert greeting.text.startswith("Здравствуйте, Анна!")
    assert greeting.button_texts == [
        "🏫 Я представляю школу",
        "🧑‍🏫 Я куратор школы",
        "📅 Мои сроки",
        "📺 Вебинары",
        "👤 Профиль",
        "❓ Помощь",
        "🌐 Язык / Language",
    ]  # no «📊 Отчётность»: there is nothing to report on before joining


async def test_a_newcomers_menu_offers_joining_and_a_members_menu_stays(
    emu: BotAPIEmulator, running_app: App
) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/help")
    (help_screen,) = await anna.wait_for_messages()
    await emu.wait_answered(await anna.tap(help_screen, "« В меню"))
    assert help_screen.text == "Главное меню. Выберите, что нужно:"
    assert help_screen.button_texts[:2] == ["🏫 Я представляю школу", "🧑‍🏫 Я куратор школы"]
    assert "📊 Отчётность" not in help_screen.button_texts
    await emu.wait_answered(await anna.tap(help_screen, "🏫 Я представляю школу"))
    assert "код школы" in help_screen.text  # the same way in as /start's

    place = await seed_smolensk(running_app.sessionmaker)
    school = emu.add_user("Директор")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, school.id, "Директор", "school", place.school("edu670009"))
    await school.send_text("/help")
    (help_screen,) = await school.wait_for_messages()
    await emu.wait_answered(await school.tap(help_screen, "« В меню"))
    assert help_screen.button_texts == [
        "📅 Мои сроки",
        "📺 Вебинары",
        "📊 Отчётность",
        "👤 Профиль",
        "❓ Помощь",
        "🌐 Язык / Language",
    ]


async def test_menu_help_and_back(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/start")
    (menu,) = await anna.wait_for_messages()
    query = await anna.tap(menu, "❓ Помощь")
    await emu.wait_answered(query)
    assert "/lang — сменить язык" in menu.text  # the same message, edited in place
    assert menu.button_texts == ["« В меню"]
    await emu.wait_answered(await anna.tap(menu, "« В меню"))
    assert menu.text == "Главное меню. Выберите, что нужно:"
    assert emu.unanswered_callbacks() == []


async def test_a_button_answered_too_late_is_not_reported_as_an_error(
    emu: BotAPIEmulator, running_app: App
) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/start")
    (menu,) = await anna.wait_for_messages()
    emu.fail_next("answerCallbackQuery", 400, QUERY_TOO_OLD)  # as after a long queue
    await anna.tap(menu, "❓ Помощь")
    await emu.wait_for_call("answerCallbackQuery")
    await asyncio.sleep(0.3)  # time for an error reply, if one were coming
    assert "/lang — сменить язык" in menu.text  # the work is done and shown
    assert anna.unread == []  # no "something went wrong"


async def test_language_is_stored_and_used(emu: BotAPIEmulator, running_app: App) -> None:
    ivan = emu.add_user("Иван")
    await ivan.send_text("/lang")
    (picker,) = await ivan.wait_for_messages()
    await emu.wait_answered(await ivan.tap(picker, "English"))
    assert picker.text.startswith("Done: I now speak English.")
    assert "❓ Help" in picker.button_texts  # the menu too is in the new language
    await ivan.send_text("/start")
    (greeting,) = await ivan.wait_for_messages()
    assert greeting.text.startswith("Hello, Иван!")
    async with running_app.sessionmaker() as session:
        user = await session.scalar(select(User).where(User.id == ivan.id))
    assert user is not None
    assert user.language == "en"


async def test_user_name_is_escaped(emu: BotAPIEmulator, running_app: App) -> None:
    mallory = emu.add_user("<b>x</b>")
    await mallory.send_text("/start")
    (greeting,) = await mallory.wait_for_messages()
    # The emulator refuses malformed HTML, so arriving at all proves the name was escaped.
    assert greeting.text.startswith("Здравствуйте, <b>x</b>!")
    assert [e["type"] for e in greeting.entities] == ["bold", "bold"]


async def test_unknown_command_and_plain_text(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/frobnicate")
    (answer,) = await anna.wait_for_messages()
    assert "Я не знаю команду /frobnicate" in answer.text
    assert "/help — список команд" in answer.text
    await anna.send_text("привет")  # free text is taken as a question about the project
    (answer,) = await anna.wait_for_messages()
    assert answer.text.startswith("В календаре и справке проекта этого нет")
    await anna.send_photo(make_png(), caption="")  # a screenshot outside /submit
    (answer,) = await anna.wait_for_messages()
    assert answer.text.startswith("Отправлять подтверждения могут школы и их кураторы")
    assert "Подключитесь к проекту: /start" in answer.text  # she has no school yet


async def test_commands_registered_in_both_languages(emu: BotAPIEmulator, running_app: App) -> None:
    calls = emu.calls_to("setMyCommands")
    languages = {call.params.get("language_code") for call in calls if call.ok}
    assert languages == {None, "en"}


async def test_bot_is_quiet_in_groups(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    group = emu.add_group("Кураторы", members=[anna])
    await group.send_text(anna, "просто разговор")
    await anna.send_text("/help")  # a marker: once this is answered, the group update was handled
    await anna.wait_for_messages()
    assert group.inbox == []
