"""Issue 14's timed defects through the real bot process, its clock set to the moment they happen:
its sweeps run at start and then on their own."""

from __future__ import annotations

import pytest

from tests.journeys.conftest import Journey

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(360)]
# Tuesday 4 October 2022, 10:00:30 in Smolensk: 3 days before steps 3 and 3.2 (due 7 October).
CLOCK_START = "2022-10-04T10:00:30+03:00"


async def test_7_one_reminder_lists_every_step_due(journey: Journey) -> None:
    """Defect 7: a school with several steps due got one message per step."""
    school = journey.world["school"]
    (reminder,) = await school.wait_for_messages(timeout=60)
    assert reminder.text.startswith("⏰ Подходят сроки — подтверждений ещё нет: 2")
    assert "шаг 3 «Обмен документацией проекта»" in reminder.text
    assert "шаг 3.2 «Изучение документов" in reminder.text
    assert reminder.button_texts == ["📎 Шаг 3: МБОУ «СШ № 9»", "📎 Шаг 3.2: МБОУ «СШ № 9»"]
    await journey.emu.wait_answered(
        await school.tap(reminder, "📎 Шаг 3.2: МБОУ «СШ № 9»"), timeout=15
    )
    assert "Пришлите подтверждающие скриншоты" in reminder.text
