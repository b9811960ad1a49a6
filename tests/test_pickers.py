"""Long lists through the real dispatcher (F6, F7, F9): a region of 3,000 municipalities and a
curator of 150 schools. Every keyboard sent stays inside Telegram's limits, pages go forward and
back, typing part of a name narrows the list, a forged page index is refused or clamped, and a
tap takes well under a second."""

from __future__ import annotations

import time

from emulator import BotAPIEmulator, FakeUser
from emulator.chats import ChatMessage

from bot.app import App
from tests.picker_world import (
    MUNICIPALITIES,
    ODD_ONE,
    REGION,
    REGION_NAME,
    BigRegion,
    seed_big_region,
)
from ui.pages import PAGE_SIZE

PAGES = MUNICIPALITIES // PAGE_SIZE
# Tap times are printed here; bench/pickers.py measures them (timing is not a test's verdict).


def within_limits(message: ChatMessage) -> None:
    buttons = [button for row in message.buttons for button in row]
    assert 0 < len(buttons) <= 100
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons if "callback_data" in b)


def refused(emu: BotAPIEmulator) -> list[str]:
    return [
        f"{c.method}: {c.description}"
        for c in emu.calls
        if not c.ok and "not modified" not in (c.description or "")
    ]


async def timed_tap(emu: BotAPIEmulator, user: FakeUser, message: ChatMessage, text: str) -> float:
    started = time.perf_counter()
    await emu.wait_answered(await user.tap(message, text), timeout=30)
    took = time.perf_counter() - started
    print(f"tap {text!r}: {took * 1000:.0f} ms")
    return took


async def people(app: App, emu: BotAPIEmulator) -> tuple[FakeUser, FakeUser, BigRegion]:
    regional, curator = emu.add_user("Регина"), emu.add_user("Куратор")
    return regional, curator, await seed_big_region(app.sessionmaker, regional.id, curator.id)


async def test_registration_pages_through_3000_municipalities_and_narrows_by_typing(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, _, world = await people(running_app, emu)
    names = world.municipality_names
    director = emu.add_user("Вика")
    await director.send_text("/start")
    (screen,) = await director.wait_for_messages()
    await emu.wait_answered(await director.tap(screen, "🏫 Я представляю школу"))
    await emu.wait_answered(await director.tap(screen, "🗺 Выбрать по списку"))
    took = [await timed_tap(emu, director, screen, REGION_NAME)]
    within_limits(screen)
    assert screen.button_texts[:PAGE_SIZE] == names[:PAGE_SIZE]  # sorted by name, not by id
    assert f"стр. 1/{PAGES}" in screen.text
    assert "напишите часть названия" in screen.text
    took.append(await timed_tap(emu, director, screen, "Вперёд ›"))
    within_limits(screen)
    assert screen.button_texts[:PAGE_SIZE] == names[PAGE_SIZE : 2 * PAGE_SIZE]
    assert screen.button_texts[PAGE_SIZE:] == ["‹ Назад", f"стр. 2/{PAGES}", "Вперёд ›", "« Назад"]
    took.append(await timed_tap(emu, director, screen, "‹ Назад"))
    assert screen.button_texts[:PAGE_SIZE] == names[:PAGE_SIZE]
    assert "‹ Назад" not in screen.button_texts  # no page before the first
    print(f"registration: {max(took) * 1000:.0f} ms the slowest tap of {len(took)}")

    await director.send_text("округ 012")  # every word counts: 0012, 0120…0129, 1012, 2012
    (many,) = await director.wait_for_messages()
    within_limits(many)
    count = sum("012" in name for name in names)
    assert f"нашлось {count} вариантов, вот первые 10" in many.text
    assert many.button_texts[:10] == [n for n in names if "012" in n][:10]
    await director.send_text("елкин")  # any case, «ё» as «е»
    (found,) = await director.wait_for_messages()
    within_limits(found)
    assert found.button_texts == [ODD_ONE, "📋 Весь список", "« Назад"]
    await emu.wait_answered(await director.tap(found, ODD_ONE))
    within_limits(found)  # its 150 schools, a page at a time
    assert found.button_texts[:2] == ["Школа № 1", "Школа № 10"]
    assert "стр. 1/15" in found.text
    await emu.wait_answered(await director.tap(found, "Школа № 10"))
    assert "вы — школа, Школа № 10, Ёлкинский район, Московская область" in found.text

    assert refused(emu) == []


async def test_a_forged_page_index_is_refused_or_clamped(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, _, world = await people(running_app, emu)
    names = world.municipality_names
    visitor = emu.add_user("Гость")
    await visitor.send_text("/start")
    (screen,) = await visitor.wait_for_messages()
    for data in (f"pg:rm:10000:0:{REGION}", f"pg:rm:-1:0:{REGION}", "pg:rm:x:0:50", "pg:zz:1:0:"):
        answer = await emu.wait_answered(await visitor.tap(screen, forged_data=data))
        assert answer.answer is not None
        assert "кнопка устарела" in answer.answer["text"].lower(), data
    await emu.wait_answered(await visitor.tap(screen, forged_data=f"pg:rm:9999:0:{REGION}"))
    within_limits(screen)  # past the end: the last page
    assert f"стр. {PAGES}/{PAGES}" in screen.text
    assert screen.button_texts[:PAGE_SIZE] == names[-PAGE_SIZE:]
    await emu.wait_answered(await visitor.tap(screen, forged_data="pg:rm:3:0:nowhere"))
    assert screen.button_texts == ["« Назад"]  # an unknown region lists nothing
    assert refused(emu) == []


async def test_invite_and_broadcast_pick_among_3000_municipalities(
    emu: BotAPIEmulator, running_app: App
) -> None:
    regional, _, world = await people(running_app, emu)
    names = world.municipality_names
    await regional.send_text("/invite")
    (menu,) = await regional.wait_for_messages()
    took = [await timed_tap(emu, regional, menu, "муниципальный координатор")]
    within_limits(menu)
    assert menu.button_texts[:PAGE_SIZE] == names[:PAGE_SIZE]
    took.append(await timed_tap(emu, regional, menu, "Вперёд ›"))
    assert f"стр. 2/{PAGES}" in menu.text
    await regional.send_text("ёлкин")
    (found,) = await regional.wait_for_messages()
    assert found.button_texts == [ODD_ONE, "📋 Весь список", "« В меню"]
    await emu.wait_answered(await regional.tap(found, ODD_ONE))
    assert found.button_texts[:3] == ["1", "5", "30"]  # how many uses: the invite goes on

    await regional.send_text("/broadcast")
    await regional.wait_for_messages()
    await regional.send_text("Коллеги, добрый день!")
    (screen,) = await regional.wait_for_messages()
    took.append(await timed_tap(emu, regional, screen, "🏫 Школам"))
    within_limits(screen)
    assert screen.text.startswith("Где?")
    assert screen.button_texts[0] == "Весь регион"
    assert screen.button_texts[1 : PAGE_SIZE + 1] == names[:PAGE_SIZE]
    took.append(await timed_tap(emu, regional, screen, "Вперёд ›"))
    took.append(await timed_tap(emu, regional, screen, "Вперёд ›"))
    assert f"стр. 3/{PAGES}" in screen.text
    assert screen.button_texts[1 : PAGE_SIZE + 1] == names[2 * PAGE_SIZE : 3 * PAGE_SIZE]
    await regional.send_text("округ 2999")
    (found,) = await regional.wait_for_messages()
    assert found.button_texts == [
        "Весь регион",
        "Муниципальный округ 2999",
        "📋 Весь список",
        "✖ Отмена",
    ]
    await emu.wait_answered(await regional.tap(found, "Муниципальный округ 2999"))
    assert found.text.startswith("Всем или только тем")  # the audience goes on
    print(f"invite and broadcast: {max(took) * 1000:.0f} ms the slowest tap of {len(took)}")
    assert refused(emu) == []


async def test_a_curator_of_150_schools_picks_one_to_submit_for(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, curator, world = await people(running_app, emu)
    await curator.send_text("/submit")
    (screen,) = await curator.wait_for_messages()
    within_limits(screen)
    assert screen.button_texts[:PAGE_SIZE] == world.school_names[:PAGE_SIZE]
    assert "стр. 1/15" in screen.text
    took = [await timed_tap(emu, curator, screen, "Вперёд ›") for _ in range(14)]
    within_limits(screen)
    assert "стр. 15/15" in screen.text
    assert "Вперёд ›" not in screen.button_texts
    assert screen.button_texts[:PAGE_SIZE] == world.school_names[-PAGE_SIZE:]
    print(f"submit: {max(took) * 1000:.0f} ms the slowest tap of {len(took)}")
    await curator.send_text("школа 42")
    (found,) = await curator.wait_for_messages()
    within_limits(found)
    assert found.button_texts == ["Школа № 142", "Школа № 42", "📋 Весь список", "« В меню"]
    await emu.wait_answered(await curator.tap(found, "Школа № 42"))
    assert "Школа № 42" in found.text  # the school's steps
    assert "Выберите шаг" in found.text

    # From a step's card (the step known): the picker keeps the step across its pages.
    await emu.wait_answered(await curator.tap(found, forged_data="sub:pick:0:expertise-2"))
    await emu.wait_answered(await curator.tap(found, "Вперёд ›"))
    within_limits(found)
    first = found.button(world.school_names[PAGE_SIZE])
    assert first["callback_data"].startswith("sub:step:")
    assert first["callback_data"].endswith(":expertise-2")
    await emu.wait_answered(await curator.tap(found, world.school_names[PAGE_SIZE]))
    assert "Пришлите подтверждающие скриншоты" in found.text
    assert refused(emu) == []
