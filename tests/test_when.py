"""Issue 20, item 6: broadcast times as people type them, in their own time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.when import parse_when

MOSCOW = ZoneInfo("Europe/Moscow")
KHABAROVSK = ZoneInfo("Asia/Vladivostok")
# Monday 3 October 2022, 09:00 in Moscow.
NOW = datetime(2022, 10, 3, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("завтра в 10", "2022-10-04 10:00"),
        ("Завтра в 10:30", "2022-10-04 10:30"),
        ("сегодня 15.00", "2022-10-03 15:00"),
        ("послезавтра в 9", "2022-10-05 09:00"),
        ("в пятницу 9:00", "2022-10-07 09:00"),
        ("пятница в 9", "2022-10-07 09:00"),
        ("пт 18:15", "2022-10-07 18:15"),
        ("через 2 часа", "2022-10-03 11:00"),
        ("через полчаса", "2022-10-03 09:30"),
        ("через час", "2022-10-03 10:00"),
        ("через 3 дня", "2022-10-06 09:00"),
        ("04.10 10:00", "2022-10-04 10:00"),
        ("04.10.2022 10:00", "2022-10-04 10:00"),
        ("4 октября в 10:00", "2022-10-04 10:00"),
        ("4 октября 10", "2022-10-04 10:00"),
        ("tomorrow at 10", "2022-10-04 10:00"),
        ("friday 9:00", "2022-10-07 09:00"),
        ("in 2 hours", "2022-10-03 11:00"),
    ],
)
def test_moments_people_type(text: str, expected: str) -> None:
    found = parse_when(text, NOW, MOSCOW)
    assert found is not None, text
    assert found.strftime("%Y-%m-%d %H:%M") == expected


def test_monday_10_on_a_monday_at_9_is_today() -> None:
    found = parse_when("в понедельник 10:00", NOW, MOSCOW)
    assert found is not None and found.strftime("%Y-%m-%d %H:%M") == "2022-10-03 10:00"


def test_in_the_writers_own_zone() -> None:
    found = parse_when("завтра в 10", NOW, KHABAROVSK)
    assert found is not None
    assert found.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == "2022-10-04 00:00"


@pytest.mark.parametrize(
    "text", ["", "когда-нибудь", "завтра", "в пятницу", "31.02 10:00", "через 5000 дней", "25:00"]
)
def test_what_names_no_moment(text: str) -> None:
    assert parse_when(text, NOW, MOSCOW) is None
