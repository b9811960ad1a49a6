"""/calendar: the asker's deadlines and the coming webinars as an iCalendar file (RFC 5545).

Deadlines are all-day events on the due date (in the region); webinars are timed events with the
organiser's zone, which calendar apps show in the reader's own time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.calendar import Due
from services.webinars import Occurrence, Series

PRODUCT = "-//500+ assistant//calendar//RU"


@dataclass(frozen=True, slots=True)
class TalkEvent:
    """A scheduled marathon talk: an hour from its start, with its join link when it has one."""

    uid: str
    summary: str
    description: str
    starts_at: datetime
    ends_at: datetime
    url: str | None = None


def build_ics(
    deadlines: Sequence[Due],
    webinars: Sequence[Occurrence],
    series: Sequence[Series],
    language: str,
    now: datetime,
    deadline_prefix: str,
    talks: Sequence[TalkEvent] = (),
) -> bytes:
    from icalendar import Alarm, Calendar, Event  # here: only /calendar needs it

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "500+")
    for due in deadlines:
        event = Event()
        event.add("uid", f"{due.step.key}-{due.at.date().isoformat()}@assistant500")
        event.add("dtstamp", now)
        event.add("summary", f"{deadline_prefix}: {due.step.text('title', language)}")
        event.add("description", due.step.text("todo", language))
        local_day = (due.at - timedelta(seconds=1)).date()  # due_at is the midnight after it
        event.add("dtstart", local_day)
        event.add("dtend", local_day + timedelta(days=1))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    names = {s.key: s for s in series}
    for occurrence in webinars:
        if occurrence.cancelled or occurrence.series_key not in names:
            continue
        one = names[occurrence.series_key]
        event = Event()
        event.add("uid", f"{one.key}-{occurrence.starts_at:%Y%m%dT%H%M}@assistant500")
        event.add("dtstamp", now)
        event.add("summary", occurrence.topic or one.title_in(language))
        event.add("dtstart", occurrence.starts_at.astimezone(one.zone))
        event.add("dtend", (occurrence.starts_at + one.duration).astimezone(one.zone))
        if occurrence.join_url:
            event.add("url", occurrence.join_url)
        calendar.add_component(event)
    for talk in talks:
        event = Event()
        event.add("uid", talk.uid)
        event.add("dtstamp", now)
        event.add("summary", talk.summary)
        event.add("description", talk.description)
        event.add("dtstart", talk.starts_at)
        event.add("dtend", talk.ends_at)
        if talk.url:
            event.add("url", talk.url)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
