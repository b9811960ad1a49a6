"""Issue 19 through the real bot process: what the bot's checks tell the reviewer on the card."""

from __future__ import annotations

import asyncio
import random
from datetime import date

import pytest
from emulator import ChatMessage, FakeUser

from tests.journeys.conftest import Journey
from tests.journeys.test_issue14 import sent
from tests.screening.generate import blank_image, email_page, png, schools

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(360)]
CARD = "Подтверждение на проверку"
EMPTY = "Непроверенных подтверждений нет"


async def card_of(journey: Journey, school_name: str) -> str:
    """The reviewer's card for the school's confirmation, once the bot has checked it."""
    reviewer = journey.world["municipal"]
    for _ in range(60):
        reviewer.chat.mark_read()
        await reviewer.send_text("/review")
        card = await _next_card(reviewer)
        for _ in range(10):  # skip to the school's card
            if card is None or school_name in card.text:
                break
            reviewer.chat.mark_read()
            await journey.emu.wait_answered(await reviewer.tap(card, "⏭ Следующее"))
            card = await _next_card(reviewer)
        if card is not None and school_name in card.text and "ещё не проверено" not in card.text:
            return card.text
        await asyncio.sleep(1)
    raise AssertionError(f"no checked card for {school_name}")


async def _next_card(reviewer: FakeUser) -> ChatMessage | None:
    def shown() -> bool:
        return any(CARD in m.text or EMPTY in m.text for m in reviewer.unread)

    await reviewer.wait_until(shown, 15, "a review card")
    found = next(m for m in reviewer.unread if CARD in m.text or EMPTY in m.text)
    return found if CARD in found.text else None


async def test_a_copy_of_another_schools_screenshot_names_the_other_school(
    journey: Journey,
) -> None:
    place = journey.world.place
    rng = random.Random(19)
    school, partner = schools(2)
    letter = png(email_page(rng, school, partner, date(2022, 9, 20), "expertise-2").image)
    nine = await journey.person("Школа девять", "school", place.school("edu670009"))
    ten = await journey.person("Школа десять", "school", place.school("edu670010"))
    await sent(journey, nine, letter)
    await asyncio.sleep(2)
    await sent(journey, ten, letter)  # the same letter, sent as another school's
    text = await card_of(journey, "МБОУ «СШ № 10»")
    assert "🔴 подозрительно" in text or "🟡 стоит посмотреть" in text
    assert "МБОУ «СШ № 9»" in text.split("Проверка бота", 1)[1]  # whose it is


async def test_a_blank_image_is_suspicious(journey: Journey) -> None:
    place = journey.world.place
    blank = png(blank_image(random.Random(5)))
    school = await journey.person("Школа 21", "school", place.school("edu670021"))
    await sent(journey, school, blank)
    text = await card_of(journey, "МБОУ «СШ № 21")
    assert "🔴 подозрительно" in text
    assert "пустое изображение" in text
