"""Finding 3: a long text (long after HTML escaping: `"` is six characters) broke screens for
everyone who opened them. Each case of the attacker's report, through the real dispatcher."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from emulator import BotAPIEmulator, make_png
from sqlalchemy import select

from bot.app import App
from storage.models import Question, Submission, WebinarOccurrence
from tests.attack_world import World, build_world, submitted
from tests.test_webinar_announcements import delivered

ERROR = "Что-то пошло не так"


@pytest.fixture
async def world(emu: BotAPIEmulator, running_app: App) -> World:
    return await build_world(running_app, emu)


async def test_a_2600_character_comment_does_not_block_review(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    # Stored before comments were capped at entry: the screen must still open.
    await submitted(
        running_app,
        world.place.school_ids["edu670009"],
        "expertise-2",
        world["school"].id,
        comment='"' * 2600,
    )
    reviewer = world["municipal"]
    await reviewer.send_text("/review")
    card = (await reviewer.wait_for_messages())[-1]
    assert ERROR not in card.text
    assert "Подтверждение на проверку" in card.text


async def test_a_long_comment_is_refused_at_entry_and_the_draft_stays(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    school = world["school"]
    await school.send_text("/submit")
    (screen,) = await school.wait_for_messages()
    await emu.wait_answered(await school.tap(screen, screen.button_texts[0]))
    await school.send_photo(make_png(rgb=(5, 5, 5)))
    await school.wait_for_messages()
    await school.send_text("<" * 2000)
    (refused,) = await school.wait_for_messages()
    assert refused.text.startswith("✂️ Комментарий длиннее 1\xa0024 знаков (в нём 2\xa0000)")
    await school.send_text("Короткий комментарий <b>как есть</b>")
    (saved,) = await school.wait_for_messages()
    assert saved.text == "💬 Комментарий сохранён."
    await emu.wait_answered(await school.tap(saved, "✅ Отправить на проверку"))
    async with running_app.sessionmaker() as session:
        sent = await session.scalar(select(Submission))
    assert sent is not None and sent.comment == "Короткий комментарий <b>как есть</b>"


async def test_a_long_broadcast_is_previewed_and_sent(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    regional = world["regional"]
    await regional.send_text("/broadcast")
    await regional.wait_for_messages()
    await regional.send_text('"' * 3900)
    (screen,) = await regional.wait_for_messages()
    assert ERROR not in screen.text
    await emu.wait_answered(await regional.tap(screen, "🏫 Школам"))
    await emu.wait_answered(await regional.tap(screen, "Весь регион"))
    await emu.wait_answered(await regional.tap(screen, "Всем"))
    assert ERROR not in screen.text and "Проверьте объявление" in screen.text
    await emu.wait_answered(await regional.tap(screen, "📤 Отправить сейчас"))
    while await running_app.background.delivery.run_once():
        pass
    (received,) = world["school"].inbox
    assert received.text.endswith('"' * 3900)


async def test_a_question_of_2000_angle_brackets_reaches_the_coordinator(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    school = world["school"]
    await school.send_text("<" * 2000)
    (answer,) = await school.wait_for_messages()
    assert ERROR not in answer.text
    ask = next(label for label in answer.button_texts if label.startswith("🙋"))
    await emu.wait_answered(await school.tap(answer, ask))
    (notice,) = await world["municipal"].wait_for_messages()
    assert "<" * 2000 in notice.text
    async with running_app.sessionmaker() as session:
        question = await session.scalar(select(Question))
    assert question is not None and question.text == "<" * 2000


async def test_a_long_webinar_topic_does_not_break_webinars_for_the_country(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    async with running_app.sessionmaker.begin() as session:
        session.add(
            WebinarOccurrence(
                series_key="weekly-exchange",
                starts_at=datetime(2022, 10, 6, 7, 0, tzinfo=UTC),
                topic='"' * 500,
            )
        )
    for person in (world["school"], world["school_other"], world["nobody"]):
        await person.send_text("/webinars")
        (screen,) = await person.wait_for_messages()
        assert '"' * 500 in screen.text


async def test_a_long_return_comment_reaches_the_school(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    await submitted(
        running_app, world.place.school_ids["edu670009"], "expertise-2", world["school"].id
    )
    reviewer = world["municipal"]
    await reviewer.send_text("/review")
    card = (await reviewer.wait_for_messages())[-1]
    await emu.wait_answered(await reviewer.tap(card, "↩️ Вернуть"))
    await reviewer.send_text('"' * 1000)
    (done,) = await reviewer.wait_for_messages()
    assert ERROR not in done.text, done.text
    told = [m.text for m in await delivered(running_app, world["school"])]
    assert any('"' * 1000 in text for text in told)
