"""Journeys of issue 14 about screens: what a coordinator taps after receiving a file."""

from __future__ import annotations

import pytest

from tests.journeys.conftest import Journey

pytestmark = pytest.mark.timeout(120)
ERROR = "Что-то пошло не так"


@pytest.mark.parametrize("button", ["📈 График по шагам", "📥 Таблица (XLSX)"])
async def test_back_from_a_chart_or_a_table_shows_the_screen(journey: Journey, button: str) -> None:
    """Defect 1: «« Назад» under the chart (a photo) or the XLSX (a document) answered
    "something went wrong": the screen tried to edit the text of a media message."""
    emu, coordinator = journey.emu, journey.world["municipal"]
    await coordinator.send_text("/progress")
    (progress,) = await coordinator.wait_for_messages(timeout=15)
    await emu.wait_answered(await coordinator.tap(progress, button), timeout=30)
    (media,) = await coordinator.wait_for_messages(timeout=30)
    assert media.photo or media.document
    back = next(label for label in media.button_texts if "Назад" in label or "В меню" in label)
    await emu.wait_answered(await coordinator.tap(media, back), timeout=15)
    (screen,) = await coordinator.wait_for_messages(timeout=15)
    assert ERROR not in screen.text
    assert screen.text.startswith("📊 Ход отчётности") or "меню" in screen.text.lower()
    assert media.photo or media.document  # the file the coordinator asked for is still there
    assert media.button_texts == []
