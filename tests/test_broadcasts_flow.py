"""Coordinator broadcasts through the real dispatcher and the delivery layer: the audience is
exactly who it should be, a blocked user is reported and marked, the report adds up; scheduled
broadcasts can be cancelled; over-long texts are refused before anything is queued."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from emulator import BotAPIEmulator, ChatMessage, FakeUser, make_png
from sqlalchemy import func, select

from bot.app import App
from services.clock import ManualClock
from services.permissions import Scope
from storage.models import OutboxMessage, RoleGrant, User
from tests.directory_fixtures import Place, make_coordinator, seed_smolensk
from tests.test_reporting_reminders import confirm
from tests.test_webinar_announcements import deliver
from ui.callbacks import BcCb


async def smolensk(app: App, emu: BotAPIEmulator) -> tuple[Place, FakeUser, dict[str, FakeUser]]:
    place = await seed_smolensk(app.sessionmaker)
    coordinator = emu.add_user("Наталья")
    curators = {
        code: emu.add_user(f"Куратор {code}")
        for code in ("edu670009", "edu670010", "edu670021", "edu671101")
    }
    school = emu.add_user("Директор СШ 10")
    async with app.sessionmaker.begin() as session:
        await make_coordinator(session, coordinator.id, "Наталья", "regional", Scope("67"))
        for code, person in curators.items():
            await make_coordinator(
                session, person.id, person.first_name, "curator", place.school(code)
            )
        await make_coordinator(session, school.id, "Директор", "school", place.school("edu670010"))
        scope = place.school("edu670036")
        session.add(  # imported by @username; the person has not started the bot
            RoleGrant(
                user_id=None,
                pending_contact="@ghost_curator",
                role="curator",
                region_code="67",
                municipality_id=scope.municipality_id,
                school_id=scope.school_id,
            )
        )
    curators["school"] = school
    return place, coordinator, curators


async def compose(emu: BotAPIEmulator, author: FakeUser, text: str) -> None:
    await author.send_text("/broadcast")
    (prompt,) = await author.wait_for_messages()
    assert prompt.text.startswith("📢 Новое объявление")
    await author.send_text(text)


async def test_curators_in_smolensk_who_have_not_confirmed_step_3(
    emu: BotAPIEmulator, running_app: App
) -> None:
    place, natalia, people = await smolensk(running_app, emu)
    await confirm(running_app, place, "edu670009", "expertise-3")  # sent: not in the audience
    await confirm(running_app, place, "edu670010", "expertise-3", "returned")  # reopened: in it

    await compose(emu, natalia, "Коллеги, подтвердите шаг 3 до пятницы!")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🧑‍🏫 Кураторам"))
    await emu.wait_answered(await natalia.tap(screen, "Весь регион"))
    await emu.wait_answered(await natalia.tap(screen, "не подтвердившим шаг 3"))
    # Issue 14, defect 10: the audience as a sentence, the recipients named.
    assert (
        "Кому: кураторы школ во всей вашей зоне, которые ещё не подтвердили шаг 3 "
        "«Обмен документацией проекта»" in screen.text
    )
    assert "Получат: Куратор edu670010, Куратор edu670021, Куратор edu671101." in screen.text
    assert (
        "Получателей: 4. Дойдёт до 3; не запускали бота: 1; заблокировали бота: 0." in screen.text
    )
    people["edu670021"].block_bot()  # blocks the bot before the send: Telegram answers 403
    await emu.wait_answered(await natalia.tap(screen, "📤 Отправить сейчас"))
    assert screen.text.startswith("📤 Рассылка началась: сообщений в очереди — 3")

    await deliver(running_app)
    await running_app.background.scheduler.run("broadcast-progress")
    report = (await natalia.wait_for_messages())[-1]
    assert report.text == (
        "✅ Рассылка № 1 завершена\nПолучателей: 4\nДоставлено: 2\nЗаблокировали бота: 1\n"
        "Не запускали бота: 1\nОшибки: 0"
    )
    assert screen.text == "📤 Рассылка № 1 закончилась — отчёт ниже."  # the report once
    for code in ("edu670010", "edu671101"):
        (got,) = people[code].inbox
        assert got.text == "📢 Объявление — Наталья\n\nКоллеги, подтвердите шаг 3 до пятницы!"
        assert got.button_texts == ["📎 Отправить подтверждение"]  # those who have not confirmed
    assert people["edu670009"].inbox == [] and people["school"].inbox == []
    assert people["edu670021"].inbox == []
    async with running_app.sessionmaker() as session:
        blocked = await session.get(User, people["edu670021"].id)
        assert blocked is not None and blocked.is_reachable is False

    # The next broadcast knows: the blocked curator is counted, not messaged again.
    await compose(emu, natalia, "Ещё одно")
    (again,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(again, "🧑‍🏫 Кураторам"))
    await emu.wait_answered(await natalia.tap(again, "Весь регион"))
    await emu.wait_answered(await natalia.tap(again, "Всем"))
    assert "Получателей: 5. Дойдёт до 3; не запускали бота: 1; заблокировали бота: 1." in again.text


async def test_a_scheduled_broadcast_waits_for_its_time_and_can_be_cancelled(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    _, natalia, people = await smolensk(running_app, emu)
    await compose(emu, natalia, "Вебинар переносится")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🏫 Школам"))
    await emu.wait_answered(await natalia.tap(screen, "Весь регион"))
    await emu.wait_answered(await natalia.tap(screen, "Всем"))
    await emu.wait_answered(await natalia.tap(screen, "🕒 Запланировать"))
    await natalia.send_text("вчера")
    (bad,) = await natalia.wait_for_messages()
    assert bad.text.startswith("Не понял время")
    await natalia.send_text("04.10 12:00")  # the test clock is 3 October, 09:00 in Smolensk
    (card,) = await natalia.wait_for_messages()
    assert card.text == "🕒 Рассылка запланирована на вт, 4 октября, 12:00: сообщений — 1."

    await deliver(running_app)
    await running_app.background.scheduler.run("broadcast-progress")
    assert people["school"].inbox == []  # not yet
    assert card.text.startswith("🕒 Рассылка запланирована")  # the card still says when
    await emu.wait_answered(await natalia.tap(card, "✖ Отменить рассылку"))
    assert card.text.startswith("✖ Рассылка № 1 отменена")
    clock.set(datetime(2022, 10, 4, 9, 30, tzinfo=UTC))
    await deliver(running_app)
    assert people["school"].inbox == []
    async with running_app.sessionmaker() as session:
        statuses = await session.scalars(select(OutboxMessage.status))
        assert list(statuses) == ["cancelled"]


async def test_over_long_text_is_refused_before_anything_is_queued(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, natalia, _ = await smolensk(running_app, emu)
    await compose(emu, natalia, "слово " * 700)  # 4,200 characters
    (refused,) = await natalia.wait_for_messages()
    assert refused.text.startswith("Слишком длинно для одного сообщения Telegram")
    await natalia.send_text("Короткое объявление")
    (screen,) = await natalia.wait_for_messages()
    assert screen.text == "Кому отправить объявление?"
    async with running_app.sessionmaker() as session:
        assert await session.scalar(select(func.count(OutboxMessage.id))) == 0


async def test_a_municipal_coordinator_cannot_broadcast_outside_their_municipality(
    emu: BotAPIEmulator, running_app: App
) -> None:
    place, _, _ = await smolensk(running_app, emu)
    city = emu.add_user("Ирина")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, city.id, "Ирина", "municipal", Scope("67", place.city_id))
    await compose(emu, city, "Объявление")
    (screen,) = await city.wait_for_messages()
    assert "🧭 Координаторам" not in screen.button_texts  # none below her to tell (walk)
    await emu.wait_answered(await city.tap(screen, "🏫 Школам"))
    assert screen.text.startswith("Всем или только тем")  # no choice of place: her city only
    await emu.wait_answered(await city.tap(screen, forged_data=f"bc:mun:{place.district_id}"))
    assert screen.text == "Это вне вашей зоны ответственности."


@pytest.mark.app_settings(channel_id="@project500")
async def test_a_regional_broadcast_also_goes_to_the_channel_pinned(
    emu: BotAPIEmulator, running_app: App
) -> None:
    channel = emu.add_channel("Проект 500+", "project500")
    _, natalia, people = await smolensk(running_app, emu)
    await compose(emu, natalia, "Марафон лучших практик начинается в понедельник")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🏫 Школам"))
    await emu.wait_answered(await natalia.tap(screen, "Весь регион"))
    await emu.wait_answered(await natalia.tap(screen, "Всем"))
    await emu.wait_answered(await natalia.tap(screen, "📣 В канал: нет"))
    assert "📣 В канал: да, с закреплением" in screen.button_texts
    await emu.wait_answered(await natalia.tap(screen, "📤 Отправить сейчас"))
    await deliver(running_app)
    (post,) = channel.history
    assert post.text.endswith("Марафон лучших практик начинается в понедельник")
    assert channel.pinned == [post.message_id]
    (got,) = people["school"].inbox
    assert got.text == post.text


async def test_a_scheduled_photo_goes_out_after_telegram_forgot_its_file(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    """Issue 14, defect 6: after a restart of the Bot API server a scheduled photo broadcast
    reported "Ошибки 2" with no reason. The bot keeps a copy and uploads it instead; a failure
    that remains is reported with Telegram's reason."""
    _, natalia, people = await smolensk(running_app, emu)
    await natalia.send_text("/broadcast")
    await natalia.wait_for_messages()
    await natalia.send_photo(make_png(rgb=(10, 20, 30)), caption="Афиша семинара")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🏫 Школам"))
    await emu.wait_answered(await natalia.tap(screen, "Весь регион"))
    await emu.wait_answered(await natalia.tap(screen, "Всем"))
    await emu.wait_answered(await natalia.tap(screen, "🕒 Запланировать"))
    await natalia.send_text("04.10 12:00")
    await natalia.wait_for_messages()
    emu.forget_files()  # Telegram's side restarted: the photo's file_id is gone
    clock.set(datetime(2022, 10, 4, 9, 0, tzinfo=UTC))
    await running_app.background.scheduler.run("broadcast-progress")
    await deliver(running_app)
    (got,) = people["school"].inbox
    assert got.photo and got.text.endswith("Афиша семинара")
    await running_app.background.scheduler.run("broadcast-progress")
    report = (await natalia.wait_for_messages())[-1]
    assert "Доставлено: 1" in report.text and "Ошибки: 0" in report.text


async def test_scheduled_as_people_type_it_listed_and_cancelled(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Issue 20, item 6: «завтра в 10» in the author's time; a list of scheduled ones."""
    _, natalia, _ = await smolensk(running_app, emu)
    await compose(emu, natalia, "Совещание переносится")
    (screen,) = await natalia.wait_for_messages()
    for label in ("🏫 Школам", "Весь регион", "Всем", "🕒 Запланировать"):
        await emu.wait_answered(await natalia.tap(screen, label))
    await natalia.send_text("завтра в 10")
    (card,) = await natalia.wait_for_messages()
    assert card.text.startswith("🕒 Рассылка запланирована на вт, 4 октября, 10:00")
    await natalia.send_text("/broadcast")
    (prompt,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(prompt, "🕒 Запланированные: 1"))
    assert "№ 1 — вт, 4 октября, 10:00, получателей: 1: «Совещание переносится»" in prompt.text
    await emu.wait_answered(await natalia.tap(prompt, "✖ Отменить № 1"))
    assert prompt.text.startswith("✖ Рассылка № 1 отменена")


async def test_a_forged_step_filter_is_refused_and_the_draft_stays(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Attacker's walk: `bc:step:zzz` narrowed the audience to a step no season has, and the
    preview offered a send button that did nothing."""
    _, natalia, _ = await smolensk(running_app, emu)
    await compose(emu, natalia, "Проверка фильтра")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🧑‍🏫 Кураторам"))
    await emu.wait_answered(await natalia.tap(screen, "Весь регион"))
    before = screen.text
    answer = await emu.wait_answered(await natalia.tap(screen, forged_data="bc:step:zzz"))
    assert answer.answer is not None
    assert answer.answer.get("text") == "Эта кнопка устарела. Откройте меню заново: /start"
    assert screen.text == before  # still choosing whom, nothing narrowed to a ghost step
    await emu.wait_answered(await natalia.tap(screen, "не подтвердившим шаг 3"))
    assert "ещё не подтвердили шаг 3" in screen.text


async def test_a_command_ends_the_composition_so_a_later_question_is_a_question(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Newcomer's walk: /broadcast, then /help, then a question — the question became the
    announcement's text (the same with a return comment, a decline reason, a draft's comment)."""
    _, natalia, _ = await smolensk(running_app, emu)
    await natalia.send_text("/broadcast")
    (prompt,) = await natalia.wait_for_messages()
    assert prompt.text.startswith("📢 Новое объявление")
    await natalia.send_text("/help")
    await natalia.wait_for_messages()
    await natalia.send_text("когда сдавать самодиагностику?")
    (answer,) = await natalia.wait_for_messages()
    assert "Кому отправить объявление" not in answer.text
    assert "самодиагност" in answer.text.lower()


async def send_to_curators(emu: BotAPIEmulator, natalia: FakeUser) -> tuple[ChatMessage, ...]:
    """The prompt and the card of an announcement sent now to every curator of the region."""
    await natalia.send_text("/broadcast")
    (prompt,) = await natalia.wait_for_messages()
    await natalia.send_text("Завтра совещание кураторов")
    (screen,) = await natalia.wait_for_messages()
    for label in ("🧑‍🏫 Кураторам", "Весь регион", "Всем", "📤 Отправить сейчас"):
        await emu.wait_answered(await natalia.tap(screen, label))
    return prompt, screen


async def test_stop_pressed_once_everything_went_out_says_it_went_out(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Newcomer's walk: «⏹ Остановить» on a finished broadcast answered «Рассылка отменена,
    ничего не отправлено.». Pressed before the card learns it is over, Stop says it had gone."""
    _, natalia, _ = await smolensk(running_app, emu)
    _, card = await send_to_curators(emu, natalia)
    await deliver(running_app)  # all four delivered; the progress card not yet told
    await emu.wait_answered(await natalia.tap(card, "⏹ Остановить"))
    assert card.text.startswith(
        "Останавливать нечего: рассылка уже разослана. Вот её итог.\n\n"
        "✅ Рассылка № 1 завершена\nПолучателей: 5\nДоставлено: 4\n"
    )
    await running_app.background.scheduler.run("broadcast-progress")
    assert natalia.unread == []  # done already: no second report


async def test_the_composers_cancel_after_the_send_does_not_say_nothing_was_sent(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """In the walk the demo's «1» reached the prompt's «✖ Отмена» once the card had lost its
    Stop: the prompt loses its buttons when the text is taken, and a Cancel pressed after the
    composition ended says there is nothing to cancel."""
    _, natalia, _ = await smolensk(running_app, emu)
    prompt, card = await send_to_curators(emu, natalia)
    assert prompt.button_texts == []
    await deliver(running_app)
    await running_app.background.scheduler.run("broadcast-progress")
    report = (await natalia.wait_for_messages())[-1]
    assert "Доставлено: 4" in report.text
    assert card.button_texts == []
    stop = BcCb(action="stop", value="1").pack()
    await emu.wait_answered(await natalia.tap(report, forged_data=stop))
    shown = natalia.chat.messages[-1].text
    assert shown.startswith("Останавливать нечего: рассылка уже разослана.")
    assert "Доставлено: 4" in shown
    await emu.wait_answered(await natalia.tap(report, forged_data=BcCb(action="cancel").pack()))
    shown = natalia.chat.messages[-1].text
    assert shown.startswith("Отменять нечего") and "ничего не отправлено" not in shown
