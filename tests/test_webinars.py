"""Webinar series from the seeds: Thursdays 10:00 Moscow time, in two 2022 seasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.webinars import Occurrence, Series, load_series, local, occurrences, upcoming

MOSCOW = ZoneInfo("Europe/Moscow")
KHABAROVSK = ZoneInfo("Asia/Vladivostok")
KRASNOYARSK = ZoneInfo("Asia/Krasnoyarsk")


@pytest.fixture(scope="module")
def weekly() -> Series:
    (series,) = load_series()
    return series


def test_every_thursday_at_ten_moscow_in_both_seasons(weekly: Series) -> None:
    year = list(
        occurrences(weekly, datetime(2022, 1, 1, tzinfo=UTC), datetime(2023, 1, 1, tzinfo=UTC))
    )
    first, last = year[0].starts_at, year[-1].starts_at
    assert local(first, MOSCOW) == datetime(2022, 2, 10, 10, 0, tzinfo=MOSCOW)
    assert local(last, MOSCOW) == datetime(2022, 12, 22, 10, 0, tzinfo=MOSCOW)
    assert all(local(o.starts_at, MOSCOW).weekday() == 3 for o in year)
    assert all(local(o.starts_at, MOSCOW).hour == 10 for o in year)
    summer = [
        o
        for o in year
        if datetime(2022, 6, 24, tzinfo=UTC) < o.starts_at < datetime(2022, 9, 14, tzinfo=UTC)
    ]
    assert summer == []  # no webinars between the seasons
    assert len(year) == 20 + 15  # 10.02–23.06 and 15.09–22.12


def test_shown_in_the_users_own_time(weekly: Series) -> None:
    (next_one,) = upcoming([weekly], datetime(2022, 10, 3, 6, 0, tzinfo=UTC), {}, limit=1)
    assert local(next_one.starts_at, MOSCOW).strftime("%d.%m %H:%M") == "06.10 10:00"
    assert local(next_one.starts_at, KRASNOYARSK).strftime("%H:%M") == "14:00"
    assert local(next_one.starts_at, KHABAROVSK).strftime("%H:%M") == "17:00"


def test_coordinator_edits_and_one_off_occurrences_are_laid_over(weekly: Series) -> None:
    now = datetime(2022, 10, 3, 6, 0, tzinfo=UTC)
    thursday = datetime(2022, 10, 6, 7, 0, tzinfo=UTC)
    extra = datetime(2022, 10, 4, 9, 0, tzinfo=UTC)
    overrides = {
        (weekly.key, thursday): Occurrence(weekly.key, thursday, topic="Антирисковые программы"),
        (weekly.key, extra): Occurrence(weekly.key, extra, topic="Внеочередной", cancelled=True),
    }
    first, second, third = upcoming([weekly], now, overrides, limit=3)
    assert (first.starts_at, first.topic, first.cancelled) == (extra, "Внеочередной", True)
    assert (second.starts_at, second.topic) == (thursday, "Антирисковые программы")
    assert third.topic is None


def test_a_season_ending_before_it_starts_is_refused(tmp_path) -> None:
    bad = tmp_path / "w.yaml"
    bad.write_text(
        "series:\n- {key: x, title: {ru: X}, weekday: thursday, time: '10:00',"
        " timezone: Europe/Moscow, seasons: [[2022-06-23, 2022-02-10]]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="before it starts"):
        load_series(bad)


def test_announcements_fall_due_the_day_before_and_shortly_before(weekly: Series) -> None:
    from services.webinars import DAY_BEFORE, SOON, due_announcements

    start = datetime(2022, 10, 6, 7, 0, tzinfo=UTC)  # Thursday 10:00 Moscow
    coming = [Occurrence(weekly.key, start)]
    at = lambda **before: due_announcements(coming, start - timedelta(**before))  # noqa: E731
    assert at(hours=25) == []
    assert at(hours=24) == [(coming[0], DAY_BEFORE)]
    assert at(hours=2) == [(coming[0], DAY_BEFORE)]  # a late start still announces
    assert at(minutes=30) == [(coming[0], SOON)]
    assert at(minutes=0) == []  # started: nothing
    cancelled = [Occurrence(weekly.key, start, cancelled=True)]
    assert due_announcements(cancelled, start - timedelta(hours=3)) == []
