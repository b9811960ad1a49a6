"""The bot's clock: settable for the demo, controllable in tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.clock import ManualClock, ShiftedClock, SystemClock, clock_from_settings

MOSCOW = timezone(timedelta(hours=3))


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(datetime(2022, 10, 3, 9, 0, tzinfo=MOSCOW))
    assert clock.now() == datetime(2022, 10, 3, 6, 0, tzinfo=UTC)
    clock.advance(days=1, hours=2)
    assert clock.now() == datetime(2022, 10, 4, 8, 0, tzinfo=UTC)


def test_shifted_clock_starts_at_the_set_instant_and_runs() -> None:
    start = datetime(2022, 10, 3, 9, 0, tzinfo=MOSCOW)
    clock = ShiftedClock(start)
    first = clock.now()
    assert timedelta(0) <= first - start < timedelta(seconds=1)
    assert clock.now() >= first
    assert first.tzinfo == UTC


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        ManualClock(datetime(2022, 10, 3, 9, 0))  # noqa: DTZ001 - the point of the test


def test_settings_choose_the_clock() -> None:
    assert isinstance(clock_from_settings(None), SystemClock)
    assert isinstance(clock_from_settings(datetime(2022, 10, 3, tzinfo=UTC)), ShiftedClock)
