from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from services.timefmt import day, moscow_shift, when

WEBINAR = datetime(2022, 10, 6, 7, 0, tzinfo=UTC)  # Thursday 10:00 Moscow


def test_local_time_in_both_languages() -> None:
    khabarovsk = ZoneInfo("Asia/Vladivostok")
    assert when(WEBINAR, khabarovsk, "ru") == "чт, 6 октября, 17:00"
    assert when(WEBINAR, khabarovsk, "en") == "Thu, 6 October, 17:00"
    assert day(date(2022, 10, 21), "ru") == "21 октября"


def test_zone_against_moscow() -> None:
    assert moscow_shift(ZoneInfo("Europe/Moscow"), WEBINAR) == ""
    assert moscow_shift(ZoneInfo("Asia/Krasnoyarsk"), WEBINAR) == "+4"
    assert moscow_shift(ZoneInfo("Asia/Vladivostok"), WEBINAR) == "+7"
    assert moscow_shift(ZoneInfo("Europe/Kaliningrad"), WEBINAR) == "−1"
