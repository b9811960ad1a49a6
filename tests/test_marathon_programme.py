"""Marathons from opening to programme (issue 20, item 7): a proposal with a presentation file
(type and size limited) that the coordinator opens from the card, a talk's join link (https with
a host only) carried into the programme and /calendar's .ics, proposals closed after the
deadline, and every new button refused to someone outside the marathon's place."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from emulator import BotAPIEmulator
from icalendar import Calendar
from sqlalchemy import select

from bot.app import App
from services.clock import ManualClock
from services.marathons import join_url, presentation_problem
from services.permissions import Scope
from services.when import parse_days
from storage.models import Marathon, MarathonTalk
from tests.directory_fixtures import make_coordinator, seed_smolensk
from tests.test_calendar_tools import fetch
from tests.test_webinar_announcements import deliver
from ui.callbacks import MarCb

NOT_YOURS = "Это недоступно: школа или марафон вне вашей зоны."


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("https://meet.example.ru/500?room=1", True),
        ("  https://vk.com/call/abc  ", True),
        ("http://meet.example.ru/500", False),
        ("https://", False),
        ("https:///path", False),
        ("https://localhost/x", False),
        ("https://user:pw@meet.example.ru/", False),
        ("javascript:alert(1)", False),
        ("https://meet.example.ru/a b", False),
        ("https://[::1", False),
        ("meet.example.ru", False),
    ],
)
def test_a_join_link_is_https_with_a_host(text: str, taken: bool) -> None:
    assert (join_url(text) is not None) is taken


def test_a_presentation_is_a_presentation_of_a_sane_size() -> None:
    assert presentation_problem("Доклад.PPTX", 3_000_000) is None
    assert presentation_problem("talk.pdf", 20 * 1024 * 1024) is None
    assert presentation_problem("talk.pdf", 20 * 1024 * 1024 + 1) == "mar-file-too-big"
    assert presentation_problem("talk.exe", 1000) == "mar-file-bad-type"
    assert presentation_problem("talk.pdf.exe", 1000) == "mar-file-bad-type"
    assert presentation_problem(None, 1000) == "mar-file-bad-type"


def test_the_days_as_people_type_them() -> None:
    now, zone = datetime(2022, 10, 3, 6, tzinfo=UTC), ZoneInfo("Europe/Moscow")
    assert parse_days("10.10–14.10", now, zone) == (date(2022, 10, 10), date(2022, 10, 14))
    assert parse_days("10 октября - 14 октября", now, zone) == (
        date(2022, 10, 10),
        date(2022, 10, 14),
    )
    assert parse_days("12.10", now, zone) == (date(2022, 10, 12), date(2022, 10, 12))
    assert parse_days("скоро", now, zone) is None
    # Without a year, the nearest such day: a month ago stays this year's (and is refused as
    # past), not silently next year's; January typed in December is next year's.
    assert parse_days("01.09–02.09", now, zone) == (date(2022, 9, 1), date(2022, 9, 2))
    december = datetime(2022, 12, 20, 6, tzinfo=UTC)
    assert parse_days("10.01–15.01", december, zone) == (date(2023, 1, 10), date(2023, 1, 15))
    assert parse_days("28.12–05.01", december, zone) == (date(2022, 12, 28), date(2023, 1, 5))


async def test_presentation_link_programme_and_calendar(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    natalia, school, stranger = (emu.add_user(n) for n in ("Наталья", "СШ 9", "Чужая школа"))
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, natalia.id, "Наталья", "regional", Scope("67"))
        await make_coordinator(session, school.id, "СШ 9", "school", place.school("edu670009"))
        await make_coordinator(session, stranger.id, "Чужая", "school", Scope("23"))
        marathon = Marathon(
            title="Марафон наставников",
            kind="marathon",
            level="regional",
            region_code="67",
            created_by=natalia.id,
            starts_on=date(2022, 10, 6),
            ends_on=date(2022, 10, 7),
            proposals_until=datetime(2022, 10, 4, 21, 0, tzinfo=UTC),  # 5 October, Smolensk
            description="Наставничество в школах-партнёрах",
        )
        session.add(marathon)
        await session.flush()
        marathon_id = marathon.id

    await school.send_text("/marathons")
    (screen,) = await school.wait_for_messages()
    await emu.wait_answered(await school.tap(screen, "🏃 Марафон наставников"))
    assert "📝 Заявки принимаются до 4 октября включительно" in screen.text
    await emu.wait_answered(await school.tap(screen, "🎤 Предложить выступление"))
    for answer in ("Наставник для молодого учителя", "Как мы выбирали пары", "Петрова Анна"):
        await school.send_text(answer)
        await school.wait_for_messages()
    await school.send_document(b"MZ\x90\x00", "talk.exe", "application/octet-stream")
    (refused,) = await school.wait_for_messages()
    assert refused.text.startswith("Такой файл не подходит")
    assert "➡️ Без презентации" in refused.button_texts
    await school.send_document(b"%PDF-1.4 slides", "Наставники.pdf", "application/pdf")
    (done,) = await school.wait_for_messages()
    assert done.text.startswith("✅ Заявка отправлена координатору марафона «Марафон наставников»")

    (notice,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(notice, "📥 Открыть заявки"))
    assert "📎 Презентация: Наставники.pdf" in notice.text
    async with running_app.sessionmaker() as session:
        talk = (await session.scalars(select(MarathonTalk))).one()
    # Someone from another region presses the coordinator's new buttons: nothing is theirs.
    await stranger.send_text("/marathons")
    (own,) = await stranger.wait_for_messages()
    for action in ("file", "link", "send", "nofile", "publish"):
        forged = MarCb(action=action, marathon=marathon_id, talk=talk.id).pack()
        await emu.wait_answered(await stranger.tap(own, forged_data=forged))
        assert own.text == NOT_YOURS, action
    assert stranger.unread == []  # no presentation sent
    await emu.wait_answered(await natalia.tap(notice, "📎 Открыть презентацию"))
    (slides,) = await natalia.wait_for_messages()
    assert slides.document is not None and slides.document["file_name"] == "Наставники.pdf"
    assert await fetch(emu, slides) == b"%PDF-1.4 slides"
    assert slides.button_texts == ["« Назад"]

    await emu.wait_answered(await natalia.tap(notice, "✅ В программу"))
    await natalia.send_text("06.10 12:00")
    (accepted,) = await natalia.wait_for_messages()
    await school.wait_for_messages()  # told it is in the programme
    await emu.wait_answered(await natalia.tap(accepted, "« Назад"))
    await emu.wait_answered(await natalia.tap(accepted, "🗓 Изменить программу"))
    await emu.wait_answered(await natalia.tap(accepted, accepted.button_texts[0]))
    await emu.wait_answered(await natalia.tap(accepted, "🔗 Ссылка для подключения"))
    for bad in ("http://meet.example.ru/500", "https://", "ссылка будет позже"):
        await natalia.send_text(bad)
        (no,) = await natalia.wait_for_messages()
        assert no.text.startswith("Это не ссылка для подключения"), bad
    await natalia.send_text("https://meet.example.ru/500")
    (saved,) = await natalia.wait_for_messages()
    assert saved.text.startswith("✅ Ссылка сохранена")
    await emu.wait_answered(await natalia.tap(saved, "« Назад"))
    assert "🔗 https://meet.example.ru/500" in saved.text

    await natalia.send_text("/marathons")
    (screen,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(screen, "🏃 Марафон наставников"))
    await emu.wait_answered(await natalia.tap(screen, "📣 Объявить программу"))
    assert screen.text.startswith("Так увидят программу участники (получат: 1). Разослать?")
    assert "🔗 https://meet.example.ru/500" in screen.text
    await deliver(running_app)
    assert school.unread == []  # nothing is sent before the confirmation
    await emu.wait_answered(await natalia.tap(screen, "✅ Разослать программу"))
    await deliver(running_app)
    (programme,) = await school.wait_for_messages()
    assert "🔗 https://meet.example.ru/500" in programme.text

    await school.send_text("/calendar")
    (ics,) = await school.wait_for_messages()
    events = {
        str(e["summary"]): e for e in Calendar.from_ical(await fetch(emu, ics)).walk("VEVENT")
    }
    event = events["Марафон наставников: Наставник для молодого учителя"]
    assert str(event["url"]) == "https://meet.example.ru/500"
    assert event.decoded("dtstart") == datetime(2022, 10, 6, 9, 0, tzinfo=UTC)
    await stranger.send_text("/calendar")
    (other,) = await stranger.wait_for_messages()
    other_events = Calendar.from_ical(await fetch(emu, other)).walk("VEVENT")
    assert all("Марафон наставников" not in str(e["summary"]) for e in other_events)

    # After the deadline day (in Smolensk) no more proposals, even with the old button.
    clock.set(datetime(2022, 10, 4, 21, 0, tzinfo=UTC))
    await school.send_text("/marathons")
    (screen,) = await school.wait_for_messages()
    await emu.wait_answered(await school.tap(screen, "🏃 Марафон наставников"))
    assert "Приём заявок на выступления закрыт." in screen.text
    assert "🎤 Предложить выступление" not in screen.button_texts
    forged = MarCb(action="propose", marathon=marathon_id).pack()
    await emu.wait_answered(await school.tap(screen, forged_data=forged))
    assert screen.text == "Приём заявок на выступления закрыт."

    # An hour before, the reminder carries the join link as a button.
    school.chat.mark_read()
    clock.set(datetime(2022, 10, 6, 8, 30, tzinfo=UTC))
    await running_app.background.scheduler.run("marathon-reminders")
    await deliver(running_app)
    (reminder,) = await school.wait_for_messages()
    assert reminder.text.startswith("⏰ Через час в «Марафон наставников»")
    (button,) = reminder.reply_markup["inline_keyboard"][0]
    assert (button["text"], button["url"]) == ("🔗 Подключиться", "https://meet.example.ru/500")
