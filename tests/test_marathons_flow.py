"""A best-practice marathon end to end: the city's coordinator opens it, a school proposes a
talk, the coordinator puts it into the programme, announces it, and the talk is reminded once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from emulator import BotAPIEmulator
from sqlalchemy import select

from bot.app import App
from services.clock import ManualClock
from services.permissions import Scope
from storage.models import Marathon, MarathonTalk
from tests.directory_fixtures import make_coordinator, seed_smolensk
from tests.test_webinar_announcements import deliver
from ui.callbacks import MarCb


async def test_propose_accept_announce_and_remind(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    irina, school, curator, district = (
        emu.add_user(name) for name in ("Ирина", "СШ 9", "Куратор", "Касплянская")
    )
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, irina.id, "Ирина", "municipal", Scope("67", place.city_id))
        await make_coordinator(session, school.id, "СШ 9", "school", place.school("edu670009"))
        await make_coordinator(session, curator.id, "Куратор", "curator", place.school("edu670010"))
        await make_coordinator(
            session, district.id, "Касплянская", "school", place.school("edu671101")
        )

    await irina.send_text("/marathons")
    (screen,) = await irina.wait_for_messages()
    await emu.wait_answered(await irina.tap(screen, "➕ Новый марафон"))
    await irina.send_text("Марафон лучших практик: взаимоэкспертиза")
    (ask,) = await irina.wait_for_messages()
    assert ask.text.startswith("Когда проходит марафон?")
    await irina.send_text("05.10–07.10")
    (ask,) = await irina.wait_for_messages()
    assert ask.text.startswith("До какого дня принимать заявки")
    await irina.send_text("04.10")
    await irina.wait_for_messages()
    await irina.send_text("Школы города делятся опытом взаимоэкспертизы.")
    (card,) = await irina.wait_for_messages()
    assert card.text.startswith("✅ Создано.")
    assert "Об открытии узнали: 2." in card.text  # the city's school and curator
    assert "марафон лучших практик, муниципальный уровень" in card.text
    assert "📅 Даты: 5 октября — 7 октября" in card.text
    assert "📝 Заявки принимаются до 4 октября включительно" in card.text
    await deliver(running_app)
    (opened,) = await school.wait_for_messages()
    assert opened.text.startswith("🏃 Открыт марафон «Марафон лучших практик: взаимоэкспертиза»")
    assert opened.button_texts[0] == "🎤 Предложить выступление"
    (curator_opened,) = await curator.wait_for_messages()
    assert curator_opened.text == opened.text

    await district.send_text("/marathons")
    (elsewhere,) = await district.wait_for_messages()
    assert "Пока марафонов нет." in elsewhere.text  # the city's marathon is not theirs

    await school.send_text("/marathons")
    (listing,) = await school.wait_for_messages()
    await emu.wait_answered(
        await school.tap(listing, "🏃 Марафон лучших практик: взаимоэкспертиза")
    )
    await emu.wait_answered(await school.tap(listing, "🎤 Предложить выступление"))
    await school.send_text("Как мы договорились со школой-партнёром за один звонок")
    await school.wait_for_messages()
    await school.send_text("Сценарий первого звонка и шаблон письма партнёру.")
    await school.wait_for_messages()
    await school.send_text("Иванова Мария, заместитель директора")
    done = (await school.wait_for_messages())[-1]
    assert done.text.startswith("Приложите презентацию")
    await emu.wait_answered(await school.tap(done, "➡️ Без презентации"))
    assert done.text.startswith("✅ Заявка отправлена координатору")

    (notice,) = await irina.wait_for_messages()
    assert notice.text.startswith("🎤 Новая заявка в «Марафон лучших практик: взаимоэкспертиза»")
    await emu.wait_answered(await irina.tap(notice, "📥 Открыть заявки"))
    assert "Выступает: Иванова Мария, заместитель директора" in notice.text
    await emu.wait_answered(await irina.tap(notice, "✅ В программу"))
    await irina.send_text("05.10 15:00")
    (accepted,) = await irina.wait_for_messages()
    assert accepted.text.startswith("✅ Выступление включено в программу.")
    (told,) = await school.wait_for_messages()
    assert "ср, 5 октября, 15:00" in told.text

    await emu.wait_answered(await irina.tap(accepted, "« Назад"))
    await emu.wait_answered(await irina.tap(accepted, "📣 Объявить программу"))
    assert accepted.text.startswith("Так увидят программу участники (получат: 2). Разослать?")
    await emu.wait_answered(await irina.tap(accepted, "✅ Разослать программу"))
    assert accepted.text.startswith("📣 Программа разослана: сообщений — 2.")  # school, curator
    await deliver(running_app)
    assert len(curator.inbox) == 2, [m.text for m in curator.inbox]
    programme = curator.inbox[-1]
    assert "• ср, 5 октября, 15:00 — «Как мы договорились" in programme.text
    assert district.inbox[-1].text == elsewhere.text  # nothing new for the district

    school.chat.mark_read()
    clock.set(datetime(2022, 10, 5, 11, 30, tzinfo=UTC))  # 14:30 in Smolensk
    await running_app.background.scheduler.run("marathon-reminders")
    await running_app.background.scheduler.run("marathon-reminders")
    await deliver(running_app)
    assert len(school.unread) == 1, [m.text for m in school.unread]
    (reminder,) = school.unread
    assert reminder.text.startswith("⏰ Через час в «Марафон лучших практик: взаимоэкспертиза»")

    # The coordinator moves the talk to the next day: the school is told, and it is reminded
    # again before its new time; then she takes it out: told, and no reminder.
    school.chat.mark_read()
    await irina.send_text("/marathons")
    (screen,) = await irina.wait_for_messages()
    await emu.wait_answered(await irina.tap(screen, "🏃 Марафон лучших практик: взаимоэкспертиза"))
    await emu.wait_answered(await irina.tap(screen, "🗓 Изменить программу"))
    assert screen.text == "Какое выступление перенести или убрать из программы?"
    (talk_button, _back) = screen.button_texts
    assert talk_button.startswith("ср, 5 октября, 15:00 — Как мы договорились")
    await emu.wait_answered(await irina.tap(screen, talk_button))
    assert "Выступает: Иванова Мария, заместитель директора (" in screen.text
    await emu.wait_answered(await irina.tap(screen, "🕒 Перенести"))
    await irina.send_text("06.10 15:00")
    (moved,) = await irina.wait_for_messages()
    assert moved.text.startswith("✅ Выступление перенесено.")
    (told,) = await school.wait_for_messages()
    assert told.text.startswith("🕒 Ваше выступление «Как мы договорились")
    assert "перенесено: чт, 6 октября, 15:00" in told.text

    clock.set(datetime(2022, 10, 6, 11, 30, tzinfo=UTC))
    await running_app.background.scheduler.run("marathon-reminders")
    await deliver(running_app)
    (again,) = await school.wait_for_messages()
    assert again.text.startswith("⏰ Через час в «Марафон лучших практик")

    await emu.wait_answered(await irina.tap(moved, "« Назад"))
    await emu.wait_answered(await irina.tap(moved, "🗓 Изменить программу"))
    await emu.wait_answered(await irina.tap(moved, moved.button_texts[0]))
    await emu.wait_answered(await irina.tap(moved, "✖ Убрать из программы"))
    assert moved.text.startswith("Выступление убрано из программы")
    (out,) = await school.wait_for_messages()
    assert out.text.startswith("Выступление «Как мы договорились")
    await emu.wait_answered(await irina.tap(moved, "« Назад"))
    assert "Программа пока не составлена." in moved.text
    assert "🗓 Изменить программу" not in moved.button_texts

    # A school cannot change the programme, even with a forged button.
    async with running_app.sessionmaker() as session:
        talk = (await session.scalars(select(MarathonTalk))).one()
    forged = MarCb(action="accept", marathon=talk.marathon_id, talk=talk.id).pack()
    await emu.wait_answered(await school.tap(out, forged_data=forged))
    assert out.text == "Это недоступно: школа или марафон вне вашей зоны."
    await school.send_text("07.10 15:00")  # not taken as a time: no form is waiting
    (reply,) = await school.wait_for_messages()
    assert not reply.text.startswith("✅")
    async with running_app.sessionmaker() as session:
        assert (await session.get(MarathonTalk, talk.id)).status == "withdrawn"


@pytest.mark.app_settings(channel_id="@project500")
async def test_a_regional_podcast_programme_also_goes_to_the_channel_in_moscow_time(
    emu: BotAPIEmulator, running_app: App
) -> None:
    channel = emu.add_channel("Проект 500+", "project500")
    place = await seed_smolensk(running_app.sessionmaker)
    natalia, school = emu.add_user("Наталья"), emu.add_user("СШ 9")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, natalia.id, "Наталья", "regional", Scope("67"))
        await make_coordinator(session, school.id, "СШ 9", "school", place.school("edu670009"))
        podcast = Marathon(
            title="Радиоэфир «Школа рядом»",
            kind="podcast",
            level="regional",
            region_code="67",
            created_by=natalia.id,
        )
        session.add(podcast)
        await session.flush()
        session.add(
            MarathonTalk(
                marathon_id=podcast.id,
                school_id=place.school_ids["edu670009"],
                proposed_by=school.id,
                topic="Наставничество & партнёрство",
                description="—",
                speaker="Иванова Мария",
                status="accepted",
                starts_at=datetime(2022, 10, 7, 12, 0, tzinfo=UTC),
            )
        )
    await natalia.send_text("/marathons")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🎙 Радиоэфир «Школа рядом»"))
    await emu.wait_answered(await natalia.tap(screen, "📣 Объявить программу"))
    await emu.wait_answered(await natalia.tap(screen, "✅ Разослать программу"))
    assert screen.text.startswith("📣 Программа разослана: сообщений — 2.")  # school, channel
    await deliver(running_app)
    (post,) = channel.history
    assert post.text.startswith("🎙 Радиоэфир «Школа рядом» — программа")
    assert "пт, 7 октября, 15:00 — «Наставничество & партнёрство»" in post.text  # Moscow
    (got,) = school.inbox
    assert got.text.startswith("🎙 Радиоэфир «Школа рядом» — программа")


async def test_days_already_past_and_a_talk_outside_the_days_are_refused(
    emu: BotAPIEmulator, running_app: App
) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    irina, school = emu.add_user("Ирина"), emu.add_user("СШ 9")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, irina.id, "Ирина", "municipal", Scope("67", place.city_id))
        await make_coordinator(session, school.id, "СШ 9", "school", place.school("edu670009"))

    await irina.send_text("/marathons")
    (screen,) = await irina.wait_for_messages()
    await emu.wait_answered(await irina.tap(screen, "➕ Новый марафон"))
    await irina.send_text("Марафон наставников")
    await irina.wait_for_messages()
    await irina.send_text("01.09–02.09")  # 3 October by the test clock: a month ago
    (past,) = await irina.wait_for_messages()
    assert "1 сентября уже прошло" in past.text
    assert "01.09.2023" in past.text  # how to say next year's
    assert past.button_texts == ["« Назад"]
    await irina.send_text("05.10–07.10")
    (ask,) = await irina.wait_for_messages()
    assert ask.text.startswith("До какого дня принимать заявки")
    await irina.send_text("04.10")
    await irina.wait_for_messages()
    await irina.send_text("Наставничество в школах-партнёрах")
    (card,) = await irina.wait_for_messages()
    assert "📅 Даты: 5 октября — 7 октября" in card.text
    async with running_app.sessionmaker.begin() as session:
        marathon = (await session.scalars(select(Marathon))).one()
        session.add(
            MarathonTalk(
                marathon_id=marathon.id,
                school_id=place.school_ids["edu670009"],
                proposed_by=school.id,
                topic="Наставник для молодого учителя",
                description="Как мы выбирали пары",
                speaker="Петрова Анна",
            )
        )
    await irina.send_text("/marathons")
    (screen,) = await irina.wait_for_messages()
    await emu.wait_answered(await irina.tap(screen, "🏃 Марафон наставников"))
    await emu.wait_answered(await irina.tap(screen, "📥 Заявки на выступление: 1"))
    await emu.wait_answered(await irina.tap(screen, "✅ В программу"))
    await irina.send_text("27.10 15:00")
    (outside,) = await irina.wait_for_messages()
    assert outside.text.startswith("Марафон идёт 5 октября — 7 октября")
    assert outside.button_texts == ["« Назад"]
    await irina.send_text("06.10 15:00")  # still waiting for the time
    (accepted,) = await irina.wait_for_messages()
    assert accepted.text.startswith("✅ Выступление включено в программу.")
    async with running_app.sessionmaker() as session:
        talk = (await session.scalars(select(MarathonTalk))).one()
    assert talk.status == "accepted"
    assert talk.starts_at is not None and talk.starts_at.day == 6
