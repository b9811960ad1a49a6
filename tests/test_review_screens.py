"""The reviewer's own screens after the newcomer's walk (2026-12): a name with markup in it reads as
typed after a decision (escaped once), an empty queue offers only the way back, and a return
comment over the limit keeps the comment asked for with a way out of it."""

from __future__ import annotations

import pytest
from emulator import BotAPIEmulator
from sqlalchemy import select

from bot.app import App
from services import limits
from storage.models import Submission
from tests.attack_world import World, build_world, submitted

NAME = "<b>Виктория</b> & <i>Кудельникова"


@pytest.fixture
async def world(emu: BotAPIEmulator, running_app: App) -> World:
    return await build_world(running_app, emu)


async def rename(emu: BotAPIEmulator, world: World, name: str) -> None:
    """The school's person names herself in /profile."""
    school = world["school"]
    await school.send_text("/profile")
    (card,) = await school.wait_for_messages()
    await emu.wait_answered(await school.tap(card, "✏️ Изменить имя"))
    await school.send_text(name)
    (renamed,) = await school.wait_for_messages()
    assert f"Имя: {name}" in renamed.text


async def test_the_names_told_of_a_decision_read_as_typed(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    await rename(emu, world, NAME)
    school_id = world.place.school_ids["edu670009"]
    await submitted(running_app, school_id, "expertise-2", world["school"].id)
    await submitted(running_app, school_id, "expertise-3", world["school"].id)
    reviewer = world["municipal"]
    await reviewer.send_text("/review")
    card = (await reviewer.wait_for_messages())[-1]
    await emu.wait_answered(await reviewer.tap(card, "✅ Принять"))
    assert card.text.startswith("✅ Принято. Сообщил: ")
    assert NAME in card.text and "&lt;" not in card.text and "&amp;" not in card.text

    await emu.wait_answered(await reviewer.tap(card, "📝 Следующее на проверку"))
    card = (await reviewer.wait_for_messages())[-1]
    await emu.wait_answered(await reviewer.tap(card, "↩️ Вернуть"))
    await reviewer.send_text("Скриншот не читается")
    (done,) = await reviewer.wait_for_messages()
    assert done.text.startswith("↩️ Возвращено с комментарием. Сообщил: ")
    assert NAME in done.text and "&lt;" not in done.text and "&amp;" not in done.text


async def test_an_empty_queue_offers_only_the_way_back(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    reviewer = world["municipal"]
    await reviewer.send_text("/review")
    (empty,) = await reviewer.wait_for_messages()
    assert empty.text == "🎉 Непроверенных подтверждений нет."
    assert empty.button_texts == ["« В меню"]


async def test_a_return_comment_over_the_limit_can_be_typed_again_or_left(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    school_id = world.place.school_ids["edu670009"]
    submission = await submitted(running_app, school_id, "expertise-2", world["school"].id)
    reviewer = world["municipal"]
    await reviewer.send_text("/review")
    card = (await reviewer.wait_for_messages())[-1]
    await emu.wait_answered(await reviewer.tap(card, "↩️ Вернуть"))
    await reviewer.send_text("я" * (limits.RETURN_COMMENT + 1))
    (refused,) = await reviewer.wait_for_messages()
    assert refused.text.startswith("Напишите комментарий текстом")
    assert refused.button_texts == ["« Не возвращать"]
    await reviewer.send_text("Нет подписи директора")  # still asked for: this one is taken
    (done,) = await reviewer.wait_for_messages()
    assert done.text.startswith("↩️ Возвращено с комментарием.")

    # Leaving from the refusal instead: the card again, nothing returned.
    other = await submitted(running_app, school_id, "expertise-3", world["school"].id)
    await reviewer.send_text("/review")
    card = (await reviewer.wait_for_messages())[-1]
    await emu.wait_answered(await reviewer.tap(card, "↩️ Вернуть"))
    await reviewer.send_text("я" * (limits.RETURN_COMMENT + 1))
    (refused,) = await reviewer.wait_for_messages()
    await emu.wait_answered(await reviewer.tap(refused, "« Не возвращать"))
    card = (await reviewer.wait_for_messages())[-1]
    assert "Подтверждение на проверку" in card.text
    async with running_app.sessionmaker() as session:
        rows = await session.execute(select(Submission.id, Submission.status))
        statuses = {row.id: row.status for row in rows}
    assert statuses == {submission: "returned", other: "submitted"}
