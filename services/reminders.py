"""When reporting reminders are due, in the region's own time: 3 days and 1 day before a step's
deadline and the day after it, at 10:00 local time; the weekly digest on Monday at 10:00.

A reminder stays due for a few hours after its moment, so a bot that was down at 10:00 still sends
it when it comes back, but not days later; what was sent is recorded, so it never goes twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.calendar import Step

REMIND_AT = time(10, 0)
GRACE = timedelta(hours=6)
# kind → days from the due date
OFFSETS = {"before-3": -3, "before-1": -1, "overdue": 1}


def _moment(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, REMIND_AT, zone)


def _is_due(moment: datetime, now: datetime) -> bool:
    return moment <= now < moment + GRACE


def due_reminders(step: Step, region: str, zone: ZoneInfo, now: datetime) -> Iterator[str]:
    """The kinds of reminder due now for the step in the region."""
    deadline = step.due(region)
    if deadline is None:
        return
    for kind, offset in OFFSETS.items():
        if _is_due(_moment(deadline + timedelta(days=offset), zone), now):
            yield kind


def digest_day(zone: ZoneInfo, now: datetime) -> date | None:
    """The Monday whose digest is due now in the zone, if any."""
    local = now.astimezone(zone)
    if local.weekday() != 0:
        return None
    return local.date() if _is_due(_moment(local.date(), zone), now) else None
