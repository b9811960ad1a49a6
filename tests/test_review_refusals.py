"""A reviewer's buttons pressed by the wrong person or at the wrong time (attacker's and newcomer's
walks, 2026-11-30): «Вернуть» is refused before a comment is asked for, a school is told review is
for coordinators, and a second tap by the same reviewer says so rather than blaming another."""

from __future__ import annotations

from emulator import BotAPIEmulator, ChatMessage, FakeUser
from sqlalchemy import select

from bot.app import App
from storage.models import Submission
from tests.attack_world import build_world, submitted
from ui.callbacks import RevAction, RevCb

ASK_COMMENT = "Напишите, что нужно исправить"


async def screen_with_buttons(person: FakeUser) -> ChatMessage:
    person.chat.mark_read()
    await person.send_text("/start")
    (menu,) = await person.wait_for_messages()
    person.chat.mark_read()
    return menu


async def press(emu: BotAPIEmulator, person: FakeUser, data: RevCb) -> str:
    """The text the bot shows after a (forged) press."""
    menu = await screen_with_buttons(person)
    await emu.wait_answered(await person.tap(menu, forged_data=data.pack()))
    await person.wait_until(lambda: bool(person.chat.messages[-1].text), 15, "a screen")
    return person.chat.messages[-1].text


async def test_return_outside_the_area_is_refused_before_asking_for_a_comment(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    school = world.place.school_ids["edu670009"]  # the city's
    submission = await submitted(running_app, school, "expertise-2", world["curator"].id)
    district = world["municipal_district"]
    shown = await press(emu, district, RevCb(action=RevAction.RETURN, submission_id=submission))
    assert "вне вашей зоны" in shown and ASK_COMMENT not in shown
    school_person = world["school"]
    shown = await press(
        emu, school_person, RevCb(action=RevAction.ACCEPT, submission_id=submission)
    )
    assert "Это доступно координаторам проекта" in shown
    async with running_app.sessionmaker() as session:
        row = await session.scalar(select(Submission).where(Submission.id == submission))
        assert row is not None and row.status == "submitted"  # nothing changed


async def test_a_second_tap_by_the_same_reviewer_says_it_was_theirs(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    school = world.place.school_ids["edu670009"]
    submission = await submitted(running_app, school, "expertise-2", world["curator"].id)
    city = world["municipal"]
    accept = RevCb(action=RevAction.ACCEPT, submission_id=submission)
    assert "Принято" in await press(emu, city, accept)
    assert "Вы уже рассмотрели это подтверждение" in await press(emu, city, accept)
    returning = RevCb(action=RevAction.RETURN, submission_id=submission)
    shown = await press(emu, city, returning)  # no comment asked for a decided version
    assert "Вы уже рассмотрели" in shown and ASK_COMMENT not in shown
    regional = world["regional"]
    assert "уже проверено" in await press(emu, regional, accept)  # decided by another
