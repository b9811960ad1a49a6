"""The project calendar as data: stages made of items ("steps"), each with a federal deadline,
window or date and earlier regional deadlines, or applying to some regions only. Dates are the
region's local dates: "до 21 октября" ends at midnight after 21 October in the asker's region.
Every item says whom it concerns, who does it, how it is reported and where the seeds say so."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

CALENDAR_FILE = Path(__file__).resolve().parent.parent / "data" / "calendar" / "2022.yaml"
FORMS = ("screenshot", "ministry_letter", "upload_medk", "survey", "email", "none")
ROLES = ("school", "curator", "municipal", "regional")
KINDS = (
    "deadline",  # something to do by a date
    "window",  # something to do within dates
    "event",  # happens on a day (or in a month), maybe at a time
    "series",  # recurs within dates (weekly webinars)
    "survey",
    "monitoring",
    "course",
    "document",  # an order, a letter, a document's period
    "ongoing",  # no dates: "постоянно", "еженедельно"
)
# Kinds that ask something of the people they concern by a date: /deadlines lists these.
DUE_KINDS = frozenset({"deadline", "window", "survey", "monitoring"})
COORDINATORS = frozenset({"municipal", "regional"})
LOCAL_FIELDS = ("todo", "who", "report", "result")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class CalendarError(ValueError):
    """A calendar file that cannot be used; the message names the place and the reason."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a seed document says it: the file's number ("000") and the line (1-based)."""

    seed: str
    line: int
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    stage: str
    number: str
    title: Mapping[str, str]
    todo: Mapping[str, str]
    deadline: date | None  # federal; None when only regions set one
    window_start: date | None
    regional: Mapping[str, date]
    form: str
    responsible: tuple[str, ...]
    screenshot: bool
    keywords: tuple[str, ...] = ()
    kind: str = "deadline"
    regions: tuple[str, ...] = ()  # empty: federal, for everyone
    who: Mapping[str, str] = field(default_factory=dict)
    result: Mapping[str, str] = field(default_factory=dict)
    report: Mapping[str, str] = field(default_factory=dict)
    period: Mapping[str, str] = field(default_factory=dict)
    link: str = ""
    precision: str = "day"  # "month" when the seed names months only
    time: str | None = None  # Moscow time of an event, "HH:MM"
    local: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    def text(self, field_name: str, language: str, region: str | None = None) -> str:
        """The text in the language (Russian when missing), the region's own where it has one."""
        own = self.local.get(region or "", {}).get(field_name)
        values: Mapping[str, str] = own or getattr(self, field_name)
        return values.get(language) or values.get("ru", "")

    def applies(self, region: str | None) -> bool:
        """Federal items apply everywhere; a regional one only to its region's people."""
        return not self.regions or (region is not None and region in self.regions)

    def concerns(self, roles: frozenset[str] | set[str]) -> bool:
        """Coordinators see everything of their region; schools and curators their own items."""
        return bool(roles & COORDINATORS) or bool(roles & set(self.responsible))

    def start(self, region: str | None) -> date | None:
        return self.window_start

    def due(self, region: str | None) -> date | None:
        """The date that binds a region: its own, else the federal one."""
        if region is not None and region in self.regional:
            return self.regional[region]
        return self.deadline

    def due_at(self, region: str | None, zone: ZoneInfo) -> datetime | None:
        """The end of the due date in the region's zone, as a UTC instant."""
        day = self.due(region)
        if day is None:
            return None
        return datetime.combine(day + timedelta(days=1), time(0, 0), zone).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Stage:
    key: str
    title: Mapping[str, str]
    steps: tuple[Step, ...]

    def text(self, language: str) -> str:
        return self.title.get(language) or self.title["ru"]


@dataclass(frozen=True, slots=True)
class Calendar:
    season: int
    version: int
    stages: tuple[Stage, ...]
    by_key: Mapping[str, Step] = field(default_factory=dict)

    def steps(self) -> Iterator[Step]:
        for stage in self.stages:
            yield from stage.steps

    def step(self, key: str) -> Step | None:
        return self.by_key.get(key)

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)


class DatesAsText(yaml.SafeLoader):
    """Leaves dates as text, so a bad one is reported with its step instead of failing the load."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(text: str) -> Any:
    return yaml.load(text, Loader=DatesAsText)  # a SafeLoader: no arbitrary objects


def load_calendar(path: Path = CALENDAR_FILE) -> Calendar:
    return parse_calendar(read_yaml(path.read_text(encoding="utf-8")))


@cache
def shipped_calendar() -> Calendar:
    return load_calendar()


def parse_calendar(raw: Any) -> Calendar:
    if not isinstance(raw, dict) or "stages" not in raw:
        raise CalendarError("the file has no `stages`")
    stages = tuple(_stage(s) for s in raw["stages"])
    by_key: dict[str, Step] = {}
    for stage in stages:
        for step in stage.steps:
            if step.key in by_key:
                raise CalendarError(f"step {step.key}: the key is used twice")
            by_key[step.key] = step
    return Calendar(int(raw.get("season", 0)), int(raw.get("version", 1)), stages, by_key)


def _stage(raw: dict[str, Any]) -> Stage:
    key = str(raw["key"])
    return Stage(key, dict(raw["title"]), tuple(_step(key, s) for s in raw["steps"]))


def _step(stage: str, raw: dict[str, Any]) -> Step:
    key = str(raw["key"])
    window = raw.get("window")
    start, deadline = (_date(key, window[0]), _date(key, window[1])) if window else (None, None)
    for name in ("deadline", "date"):
        if raw.get(name) is not None:
            deadline = _date(key, raw[name])
    if start is not None and deadline is not None and deadline < start:
        raise CalendarError(f"step {key}: the window ends {deadline} before it starts {start}")
    form = str(raw.get("form", "screenshot"))
    if form not in FORMS:
        raise CalendarError(f"step {key}: unknown reporting form {form!r}")
    responsible = tuple(str(r) for r in raw.get("responsible", ()))
    if unknown := [r for r in responsible if r not in ROLES]:
        raise CalendarError(f"step {key}: unknown role {unknown[0]!r}")
    kind = str(raw.get("kind", "deadline"))
    if kind not in KINDS:
        raise CalendarError(f"step {key}: unknown kind {kind!r}")
    precision = str(raw.get("precision", "day"))
    if precision not in ("day", "month"):
        raise CalendarError(f"step {key}: precision is day or month, not {precision!r}")
    at = raw.get("time")
    if at is not None and not TIME_RE.match(str(at)):
        raise CalendarError(f"step {key}: {at!r} is not a time (HH:MM)")
    local = {
        str(region): {name: _texts(value) for name, value in dict(fields).items()}
        for region, fields in (raw.get("local") or {}).items()
    }
    if unknown := [n for fields in local.values() for n in fields if n not in LOCAL_FIELDS]:
        raise CalendarError(f"step {key}: a region cannot change {unknown[0]!r}")
    return Step(
        key=key,
        stage=stage,
        number=str(raw.get("number", "")),
        title=dict(raw["title"]),
        todo=dict(raw.get("todo") or raw["title"]),
        deadline=deadline,
        window_start=start,
        regional={str(k): _date(key, v) for k, v in (raw.get("regional") or {}).items()},
        form=form,
        responsible=responsible,
        screenshot=bool(raw.get("screenshot", False)),
        keywords=tuple(str(k) for k in raw.get("keywords", ())),
        kind=kind,
        regions=tuple(str(r) for r in raw.get("regions", ())),
        who=_texts(raw.get("who")),
        result=_texts(raw.get("result")),
        report=_texts(raw.get("report")),
        period=_texts(raw.get("period")),
        link=str(raw.get("link") or ""),
        precision=precision,
        time=str(at) if at is not None else None,
        local=local,
        sources=tuple(
            Source(str(s["seed"]), int(s["line"]), str(s.get("quote", "")))
            for s in raw.get("source", ())
        ),
    )


def _texts(value: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(value or {}).items()}  # type: ignore[call-overload]


def _date(step: str, value: object) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CalendarError(f"step {step}: {value!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True, slots=True)
class Due:
    step: Step
    at: datetime  # UTC end of the due day in the region
    days_left: int  # negative when overdue


def upcoming(
    calendar: Calendar,
    region: str | None,
    zone: ZoneInfo,
    now: datetime,
    roles: set[str] | None = None,
    overdue_days: int = 14,
) -> list[Due]:
    """What is due in this region for these roles (a coordinator: all of the region), soonest
    first; overdue ones of the last `overdue_days` days are kept (flagged by a negative
    days_left). Events, series and documents are not deadlines and are left out."""
    today = now.astimezone(zone).date()
    found = []
    for step in calendar.steps():
        if step.kind not in DUE_KINDS or not step.applies(region):
            continue
        if roles is not None and not step.concerns(roles):
            continue
        at = step.due_at(region, zone)
        day = step.due(region)
        if at is None or day is None:
            continue
        days_left = (day - today).days
        if days_left >= -overdue_days:
            found.append(Due(step, at, days_left))
    return sorted(found, key=lambda d: d.at)
