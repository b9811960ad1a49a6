"""Reporting reminders with a controllable clock: at 10:00 in each region's own time, 3 days and
1 day before a deadline, only to schools (and their curators) that have not sent, once each, even
after a restart; the day after, the municipal coordinator
gets the missing list; Mondays a digest."""

from __future__ import annotations

from datetime import UTC, datetime

from emulator import BotAPIEmulator, FakeUser
from sqlalchemy import func, select

from bot.app import App, build_app
from services.clock import ManualClock
from services.permissions import Scope
from storage.models import OutboxMessage, Submission
from tests.directory_fixtures import Place, make_coordinator, seed_smolensk
from tests.test_calendar_flow import school_in
from tests.test_webinar_announcements import deliver

STEP_3 = "шага 3 «Обмен документацией проекта»"
STEP_3_FORMS = "шага 3.2 «Изучение документов и предзаполнение форм рекомендаций»"
LINE_3 = "шаг 3 «Обмен документацией проекта»"
LINE_3_FORMS = "шаг 3.2 «Изучение документов и предзаполнение форм рекомендаций»"


async def sweep(app: App) -> None:
    await app.background.scheduler.run("reporting-reminders")
    await deliver(app)


async def outbox_size(app: App) -> int:
    async with app.sessionmaker() as session:
        return int(await session.scalar(select(func.count(OutboxMessage.id))) or 0)


async def confirm(app: App, place: Place, code: str, step: str, status: str = "submitted") -> None:
    async with app.sessionmaker.begin() as session:
        session.add(
            Submission(
                school_id=place.school_ids[code],
                step_key=step,
                season=2022,
                version=1,
                status=status,
                submitted_by=0,
            )
        )


def texts(user: FakeUser) -> list[str]:
    return [m.text for m in user.inbox]


async def test_before_deadline_reminders_in_local_time_once_and_only_to_the_missing(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    nine = emu.add_user("СШ 9")
    ten = emu.add_user("СШ 10")
    curator = emu.add_user("Куратор")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, nine.id, "СШ 9", "school", place.school("edu670009"))
        await make_coordinator(session, ten.id, "СШ 10", "school", place.school("edu670010"))
        await make_coordinator(session, curator.id, "Куратор", "curator", place.school("edu670010"))
    krasnoyarsk = await school_in(running_app, emu, "24", "edu240101", "Балахтинская СШ № 1")
    await confirm(running_app, place, "edu670010", "expertise-3")  # sent already

    # Step 3 is due 7 October: 3 days before at 10:00 local is 03:00 UTC in Krasnoyarsk
    # (UTC+7) and 07:00 UTC in Smolensk (Moscow time).
    clock.set(datetime(2022, 10, 4, 2, 59, tzinfo=UTC))
    await sweep(running_app)
    assert await outbox_size(running_app) == 0
    clock.set(datetime(2022, 10, 4, 3, 0, tzinfo=UTC))
    await sweep(running_app)
    # Issue 14, defect 7: steps 3 and 3.2, both due on the 7th, in one message with a button each.
    (both,) = krasnoyarsk.inbox
    assert both.text.startswith("⏰ Подходят сроки — подтверждений ещё нет: 2")
    assert "Через 3 дня — " + LINE_3 in both.text and LINE_3_FORMS in both.text
    assert both.button_texts == [
        "📎 Шаг 3: Балахтинская СШ № 1",
        "📎 Шаг 3.2: Балахтинская СШ № 1",
    ]
    assert nine.inbox == [] and ten.inbox == []  # 06:00 in Smolensk

    clock.set(datetime(2022, 10, 4, 7, 0, tzinfo=UTC))
    await sweep(running_app)
    await sweep(running_app)  # a second sweep queues nothing new
    (nines,) = texts(nine)
    assert LINE_3 in nines and LINE_3_FORMS in nines  # 3 and 3.2
    (tens,) = texts(ten)
    assert LINE_3_FORMS in tens and LINE_3 + "," not in tens  # step 3 was sent
    assert [LINE_3_FORMS in t for t in texts(curator)] == [True]  # the curator too
    assert nine.inbox[0].button_texts == ["📎 Шаг 3: МБОУ «СШ № 9»", "📎 Шаг 3.2: МБОУ «СШ № 9»"]

    sent = await outbox_size(running_app)
    restarted = build_app(running_app.settings, running_app.catalog, clock)
    try:
        await restarted.background.scheduler.run("reporting-reminders")
    finally:
        await restarted.close()
    assert await outbox_size(running_app) == sent  # nothing twice after a restart

    # One day before: school 9 has sent step 3 meanwhile, so only 3.2 is reminded.
    await confirm(running_app, place, "edu670009", "expertise-3")
    nine.chat.mark_read()
    clock.set(datetime(2022, 10, 6, 7, 30, tzinfo=UTC))
    await sweep(running_app)
    (tomorrow,) = nine.unread
    assert "Завтра — " + LINE_3_FORMS in tomorrow.text
    assert LINE_3 + "," not in tomorrow.text


async def test_the_day_after_the_municipal_coordinator_gets_the_missing_and_mondays_a_digest(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    city = emu.add_user("Ирина")
    region = emu.add_user("Наталья")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, city.id, "Ирина", "municipal", Scope("67", place.city_id))
        await make_coordinator(session, region.id, "Наталья", "regional", Scope("67"))
    await confirm(running_app, place, "edu670009", "expertise-3", "accepted")
    await confirm(running_app, place, "edu670010", "expertise-3", "returned")

    clock.set(datetime(2022, 10, 8, 7, 5, tzinfo=UTC))  # Saturday 10:05 in Smolensk
    await sweep(running_app)
    await sweep(running_app)
    overdue = [t for t in texts(city) if STEP_3 in t]
    assert len(overdue) == 1
    assert "Не прислали подтверждение: 3" in overdue[0]  # 10 was returned, 21 and 36 never sent
    assert "• МБОУ «СШ № 10»" in overdue[0] and "• МБОУ «СШ № 9»" not in overdue[0]
    # The district has no coordinator of its own: its list goes to the regional one.
    (district,) = [t for t in texts(region) if STEP_3 in t]
    assert "Не прислали подтверждение: 1" in district and "Касплянская" in district
    region.chat.mark_read()

    city.chat.mark_read()
    clock.set(datetime(2022, 10, 10, 7, 0, tzinfo=UTC))  # Monday 10:00
    await sweep(running_app)
    await sweep(running_app)
    (digest,) = city.unread
    assert digest.text.startswith("📊 Сводка за неделю — школ: 4")
    assert "3. Обмен документацией проекта: ✅ 1 · 🕓 0 · ↩️ 1 · ▫️ 2" in digest.text
    (regional,) = region.unread
    assert regional.text.startswith("📊 Сводка за неделю — школ: 5")
