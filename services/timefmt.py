"""Dates and times as people read them: in their own zone, in their language (Babel's CLDR data)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from services.when import parse_when

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
    """A moment typed in `zone`: «25.10 14:30», «25.10.2022 14:30», «завтра в 10», «в пятницу
    9:00», «через 2 часа», «4 октября в 10:00» (services.when); None when it names none."""
    return parse_when(text, now, zone)
