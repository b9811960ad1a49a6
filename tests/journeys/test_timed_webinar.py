"""Issue 14, defect 9, through the real bot process: the "starting soon" notice of a webinar
carries its join link. The clock starts 25 minutes before Thursday's 10:00 (Moscow) webinar;
the link is set before the bot starts, as a coordinator would have set it the day before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from emulator import BotAPIEmulator

from services.webinars import Occurrence
from storage.repositories.webinars import WebinarRepository
from tests.attack_world import Sessions, World
from tests.journeys.conftest import Journey

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(360)]
CLOCK_START = "2022-10-06T09:35:00+03:00"
THURSDAY = datetime(2022, 10, 6, 7, 0, tzinfo=UTC)
LINK = "https://example.org/live"


async def SEED(sessions: Sessions, _world: World, _emu: BotAPIEmulator) -> None:  # noqa: N802
    async with sessions.begin() as session:
        await WebinarRepository(session).save_edit(
            Occurrence("weekly-exchange", THURSDAY, join_url=LINK), 0
        )


async def test_9_starting_soon_carries_the_join_link(journey: Journey) -> None:
    school = journey.world["school"]
    await school.chat.wait_until(
        lambda: any(m.text.startswith("⏰ Скоро начало") for m in school.inbox),
        timeout=90,
        what="the starting-soon notice",
    )
    (soon,) = [m for m in school.inbox if m.text.startswith("⏰ Скоро начало")]
    assert soon.buttons[0][0] == {"text": "▶️ Подключиться", "url": LINK}
