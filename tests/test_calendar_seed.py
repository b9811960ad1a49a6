"""The shipped 2022 calendar says what the seed documents say."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from services.calendar import CalendarError, parse_calendar, shipped_calendar, upcoming

MOSCOW = ZoneInfo("Europe/Moscow")
KRASNODAR, KHABAROVSK, SMOLENSK = "23", "27", "67"


def test_partner_meeting_federal_21_october_krasnodar_19() -> None:
    meeting = shipped_calendar().step("expertise-4")
    assert meeting is not None
    assert meeting.due(SMOLENSK) == date(2022, 10, 21)  # seed 000: "до 21 октября"
    assert meeting.due(KRASNODAR) == date(2022, 10, 19)  # "до 19 октября"
    assert meeting.screenshot


@pytest.mark.parametrize(
    ("key", "federal", "krasnodar"),
    [
        ("expertise-1", date(2022, 9, 16), date(2022, 9, 15)),
        ("expertise-2", None, date(2022, 9, 23)),
        ("expertise-3", date(2022, 10, 7), date(2022, 9, 29)),
        ("expertise-3-forms", date(2022, 10, 7), date(2022, 10, 7)),
        ("expertise-5", date(2022, 11, 1), date(2022, 10, 26)),
    ],
)
def test_mutual_expertise_deadlines(key: str, federal: date | None, krasnodar: date) -> None:
    step = shipped_calendar().step(key)
    assert step is not None
    assert step.due(None) == federal
    assert step.due(KRASNODAR) == krasnodar


def test_medk_windows_and_khabarovsk_upload() -> None:
    calendar = shipped_calendar()
    stage_2 = calendar.step("medk-confirm-2")
    stage_1 = calendar.step("medk-confirm-1")
    assert stage_2 is not None and stage_1 is not None
    assert (stage_2.window_start, stage_2.deadline) == (date(2022, 9, 15), date(2022, 11, 1))
    assert (stage_1.window_start, stage_1.deadline) == (date(2022, 4, 25), date(2022, 6, 1))
    assert stage_1.due(KHABAROVSK) == date(2022, 5, 30)  # seed 004: "До 30 мая"


def test_deadline_ends_at_local_midnight() -> None:
    meeting = shipped_calendar().step("expertise-4")
    assert meeting is not None
    vladivostok = ZoneInfo("Asia/Vladivostok")
    assert meeting.due_at(SMOLENSK, MOSCOW) == datetime(2022, 10, 21, 21, 0, tzinfo=UTC)
    assert meeting.due_at(KHABAROVSK, vladivostok) == datetime(2022, 10, 21, 14, 0, tzinfo=UTC)


def test_what_is_due_next_for_a_krasnodar_school() -> None:
    now = datetime(2022, 10, 3, 6, 0, tzinfo=UTC)
    due = upcoming(shipped_calendar(), KRASNODAR, MOSCOW, now, roles={"school"})
    overdue = {d.step.key: d.days_left for d in due if d.days_left < 0}
    assert overdue["expertise-2"] == -10  # 23.09 in Krasnodar
    assert overdue["expertise-3"] == -4  # 29.09
    assert "expertise-1" not in overdue  # more than two weeks ago
    next_ones = [d for d in due if d.days_left >= 0]
    assert next_ones[0].step.key == "expertise-3-forms"
    assert next_ones[0].days_left == 4


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ({"key": "x", "title": {"ru": "X"}, "deadline": "2022-13-01"}, "is not a date"),
        (
            {"key": "x", "title": {"ru": "X"}, "window": ["2022-10-01", "2022-09-01"]},
            "before it starts",
        ),
        ({"key": "x", "title": {"ru": "X"}, "form": "pigeon"}, "unknown reporting form"),
    ],
)
def test_broken_steps_are_refused_with_the_reason(broken: dict[str, object], reason: str) -> None:
    with pytest.raises(CalendarError, match=reason):
        parse_calendar({"stages": [{"key": "s", "title": {"ru": "S"}, "steps": [broken]}]})
