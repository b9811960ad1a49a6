"""Dates and times as people read them: in their own zone, in their language (Babel's CLDR data)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

MOSCOW = ZoneInfo("Europe/Moscow")


def when(moment: datetime, zone: ZoneInfo, language: str) -> str:
    """«чт, 6 октября, 17:00» / «Thu, 6 October, 17:00» in `zone`."""
    return format_datetime(moment.astimezone(zone), "EEE, d MMMM, HH:mm", locale=language)


def day(value: date, language: str) -> str:
    """«6 октября» / «6 October»."""
    return format_date(value, "d MMMM", locale=language)


def moscow_shift(zone: ZoneInfo, at: datetime) -> str:
    """The zone against Moscow time as Russians write it: "" for Moscow, "+7", "−1"."""
    delta = (at.astimezone(zone).utcoffset() or timedelta()) - (
        at.astimezone(MOSCOW).utcoffset() or timedelta()
    )
    hours = int(delta.total_seconds() // 3600)
    if hours == 0:
        return ""
    return f"+{hours}" if hours > 0 else f"−{-hours}"


def parse_local(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    """«25.10 14:30» or «25.10.2022 14:30», read in `zone` (the year defaults to now's there);
    None when it is not a date and time."""
    for pattern in ("%d.%m.%Y %H:%M", "%d.%m %H:%M"):
        try:
            parsed = datetime.strptime(text.strip(), pattern)  # noqa: DTZ007 - zone set below
        except ValueError:
            continue
        if pattern == "%d.%m %H:%M":
            parsed = parsed.replace(year=now.astimezone(zone).year)
        return parsed.replace(tzinfo=zone)
    return None
