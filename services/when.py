"""A moment as people type it, in their own time zone: «завтра в 10», «в пятницу 9:00»,
«через 2 часа», «4 октября в 10:00», «04.10 10:00», «04.10.2022 10:00» (and the English
"tomorrow at 10", "friday 9:00", "in 2 hours"). None when the text says no moment."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_WEEKDAYS = {
    0: ("понедельник", "пн", "monday", "mon"),
    1: ("вторник", "вт", "tuesday", "tue"),
    2: ("среда", "среду", "ср", "wednesday", "wed"),
    3: ("четверг", "чт", "thursday", "thu"),
    4: ("пятница", "пятницу", "пт", "friday", "fri"),
    5: ("суббота", "субботу", "сб", "saturday", "sat"),
    6: ("воскресенье", "вс", "sunday", "sun"),
}
_MONTHS = {
    1: ("января", "январь", "jan", "january"),
    2: ("февраля", "февраль", "feb", "february"),
    3: ("марта", "март", "mar", "march"),
    4: ("апреля", "апрель", "apr", "april"),
    5: ("мая", "май", "may"),
    6: ("июня", "июнь", "jun", "june"),
    7: ("июля", "июль", "jul", "july"),
    8: ("августа", "август", "aug", "august"),
    9: ("сентября", "сентябрь", "sep", "september"),
    10: ("октября", "октябрь", "oct", "october"),
    11: ("ноября", "ноябрь", "nov", "november"),
    12: ("декабря", "декабрь", "dec", "december"),
}
_RELATIVE_DAYS = {
    "сегодня": 0,
    "today": 0,
    "завтра": 1,
    "tomorrow": 1,
    "послезавтра": 2,
}
_UNITS = {
    "мин": timedelta(minutes=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "час": timedelta(hours=1),
    "hour": timedelta(hours=1),
    "дн": timedelta(days=1),
    "день": timedelta(days=1),
    "day": timedelta(days=1),
    "недел": timedelta(weeks=1),
    "week": timedelta(weeks=1),
}
_TIME = re.compile(r"(?:\b(?:в|at)\s+)?\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:ч\b|h\b|часов\b|утра\b)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\b")
_AFTER = re.compile(r"^(?:через|in)\s+(\d+|полчаса|час|день|неделю|an?)?\s*([a-zа-яё]+)?")


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The moment `text` names, as an aware datetime in `zone`; None when it names none."""
    clean = " ".join(text.lower().replace("ё", "е").split()).strip(" .,!")
    if not clean:
        return None
    local_now = now.astimezone(zone)
    return (
        _after(clean, local_now)
        or _on_day(clean, local_now, zone)
        or _on_weekday(clean, local_now, zone)
        or _on_date(clean, local_now, zone)
    )


def _after(text: str, now: datetime) -> datetime | None:
    """«через 2 часа», «через полчаса», «через час», "in 2 hours"."""
    match = _AFTER.match(text)
    if match is None:
        return None
    amount, unit = match.group(1), match.group(2) or ""
    if amount == "полчаса":
        return now + timedelta(minutes=30)
    if amount in ("час", "день", "неделю"):
        unit, count = amount, 1
    elif amount in (None, "a", "an"):
        count = 1
    else:
        count = int(amount)
    step = next((length for prefix, length in _UNITS.items() if unit.startswith(prefix)), None)
    if step is None or not 0 < count <= 1000:
        return None
    return now + step * count


def _clock(text: str) -> time | None:
    """The time at the end of the text: «10», «в 10», «10:30», «10.30», «10ч»."""
    match = _TIME.search(text)
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


def _on_day(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    """«завтра в 10», «сегодня 15:00», "tomorrow at 9"."""
    first, _, rest = text.partition(" ")
    if first not in _RELATIVE_DAYS or not rest:
        return None
    moment = _clock(rest)
    if moment is None:
        return None
    day = now.date() + timedelta(days=_RELATIVE_DAYS[first])
    return datetime.combine(day, moment, zone)


def _on_weekday(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    """«в пятницу 9:00», «пятница в 9», «пт 9:00», "friday 9:00": the next such day (today
    if its time is still ahead)."""
    words = text.removeprefix("в ").removeprefix("во ").removeprefix("on ").split(" ", 1)
    if len(words) != 2:
        return None
    weekday = next((d for d, names in _WEEKDAYS.items() if words[0].strip(",") in names), None)
    moment = _clock(words[1])
    if weekday is None or moment is None:
        return None
    ahead = (weekday - now.weekday()) % 7
    candidate = datetime.combine(now.date() + timedelta(days=ahead), moment, zone)
    return candidate if candidate > now else candidate + timedelta(days=7)


def _on_date(text: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    """«04.10 10:00», «04.10.2022 10:00», «4 октября в 10:00», "4 october 10:00"."""
    day = _numeric_date(text, now) or _named_date(text, now)
    if day is None:
        return None
    found, rest = day
    moment = _clock(rest)
    return datetime.combine(found, moment, zone) if moment is not None else None


def _numeric_date(text: str, now: datetime) -> tuple[date, str] | None:
    match = _NUMERIC_DATE.match(text)
    if match is None:
        return None
    year = int(match.group(3)) if match.group(3) else now.year
    try:
        return date(year, int(match.group(2)), int(match.group(1))), text[match.end() :]
    except ValueError:
        return None


def _named_date(text: str, now: datetime) -> tuple[date, str] | None:
    words = text.split(" ")
    if len(words) < 3 or not words[0].isdigit():
        return None
    month = next((m for m, names in _MONTHS.items() if words[1] in names), None)
    if month is None:
        return None
    try:
        return date(now.year, month, int(words[0])), " ".join(words[2:])
    except ValueError:
        return None


HALF_YEAR_DAYS = 183
_RANGE = re.compile(r"\s*(?:–|—|-|по|to|till|until)\s*")


def parse_day(text: str, now: datetime, zone: ZoneInfo) -> date | None:
    """A day as people type it: «04.10», «04.10.2022», «4 октября». Without a year, the nearest
    such day: one passed less than half a year ago is this year's (in the past, for the caller to
    refuse: «01.09» typed on 3 October), one further back is next year's («10.01» in December)."""
    clean = " ".join(text.lower().replace("ё", "е").split()).strip(" .,!")
    local = now.astimezone(zone)
    found = _numeric_date(clean, local) or _named_date(clean + " _", local)
    if found is None or found[1].strip(" _"):
        return None
    day = found[0]
    if not re.search(r"\d{4}", clean) and (local.date() - day).days > HALF_YEAR_DAYS:
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:
            return None
    return day


def parse_days(text: str, now: datetime, zone: ZoneInfo) -> tuple[date, date] | None:
    """«10.10–14.10», «10 октября - 14 октября», or one day; None when it names no span."""
    parts = [part for part in _RANGE.split(text.strip(), maxsplit=1) if part]
    days = [day for part in parts if (day := parse_day(part, now, zone)) is not None]
    if not days or len(days) != len(parts):
        return None
    return days[0], days[-1]
