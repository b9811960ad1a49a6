"""A region's calendar as a file: download, edit, upload. The upload is checked line by line, shown
as a difference, and applied only on confirmation as a new version (old versions are kept).

The file lists every step with its federal deadline for reference and the region's own date in
`regional` (or `regional_window: [start, end]`); an empty `regional` means the federal one holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.calendar import (
    Calendar,
    CalendarError,
    parse_calendar,
    read_yaml,
    shipped_calendar,
)
from storage.models import CalendarVersion

Overrides = dict[str, date | None]


@dataclass(frozen=True, slots=True)
class UploadError:
    line: int
    reason: str  # a locale key
    value: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    before: date | None
    after: date | None


def export_region(calendar: Calendar, region: str, region_name: str) -> str:
    header = (
        f"# Календарь проекта «500+», сезон {calendar.season}: {region_name} (код {region}).\n"
        "# Меняйте только `regional` — дату ГГГГ-ММ-ДД (или `regional_window: [начало, конец]`);\n"
        "# пустое значение — действует федеральный срок. Остальное — для справки.\n"
    )
    steps = []
    for step in calendar.steps():
        if not step.applies(region) or step.kind == "ongoing":
            continue  # another region's own items, and items without dates, are not theirs to set
        item: dict[str, Any] = {"key": step.key, "title": step.text("title", "ru")}
        item["federal"] = step.deadline.isoformat() if step.deadline else None
        own = step.regional.get(region)
        item["regional"] = own.isoformat() if own else None
        steps.append(item)
    body = yaml.safe_dump(
        {"region": region, "season": calendar.season, "steps": steps},
        allow_unicode=True,
        sort_keys=False,
        width=120,
    )
    return header + body


def parse_upload(
    text: str, calendar: Calendar, region: str, known_regions: Set[str]
) -> tuple[Overrides, list[UploadError]]:
    """Every problem with its line; the overrides are only meaningful when there are none."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return {}, [UploadError(line, "calupload-reason-yaml")]
    if not isinstance(root, yaml.MappingNode):
        return {}, [UploadError(1, "calupload-reason-shape")]
    fields = {key.value: value for key, value in root.value}
    errors: list[UploadError] = []
    region_node = fields.get("region")
    given = str(region_node.value) if isinstance(region_node, yaml.ScalarNode) else ""
    if given not in known_regions:
        errors.append(
            UploadError(_line(region_node or root), "calupload-reason-unknown-region", given)
        )
    elif given != region:
        errors.append(
            UploadError(_line(region_node or root), "calupload-reason-other-region", given)
        )
    steps = fields.get("steps")
    if not isinstance(steps, yaml.SequenceNode):
        return {}, [*errors, UploadError(_line(root), "calupload-reason-shape")]
    overrides: Overrides = {}
    for node in steps.value:
        _parse_step(node, calendar, overrides, errors)
    return overrides, errors


def plausible(day: date, season: int) -> bool:
    """A date of the season's calendar: from the year before it to the year after it. Anything
    else is a typo (9999-12-31, 0001-01-01) that would break every date shown for the region."""
    return date(season - 1, 1, 1) <= day <= date(season + 1, 12, 31)


def _parse_step(
    node: yaml.Node, calendar: Calendar, overrides: Overrides, errors: list[UploadError]
) -> None:
    if not isinstance(node, yaml.MappingNode):
        errors.append(UploadError(_line(node), "calupload-reason-shape"))
        return
    fields = {key.value: value for key, value in node.value}
    key_node = fields.get("key")
    key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
    if calendar.step(key) is None:
        errors.append(UploadError(_line(key_node or node), "calupload-reason-unknown-step", key))
        return
    window = fields.get("regional_window")
    if isinstance(window, yaml.SequenceNode) and len(window.value) == 2:
        start, end = (_date(v, errors, calendar.season) for v in window.value)
        if start and end and end < start:
            errors.append(
                UploadError(_line(window), "calupload-reason-end-before-start", f"{start} – {end}")
            )
        overrides[key] = end
        return
    value = fields.get("regional")
    empty = value is None or (
        isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")
    )
    overrides[key] = None if empty else _date(value, errors, calendar.season)


def _date(node: yaml.Node | None, errors: list[UploadError], season: int) -> date | None:
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    line = _line(node) if node else 0
    try:
        day = date.fromisoformat(text)
    except ValueError:
        errors.append(UploadError(line, "calupload-reason-bad-date", text[:60]))
        return None
    if not plausible(day, season):
        errors.append(UploadError(line, "calupload-reason-out-of-season", text))
        return None
    return day


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def apply_overrides(
    calendar: Calendar, region: str, overrides: Mapping[str, date | None]
) -> Calendar:
    stages = []
    for stage in calendar.stages:
        steps = []
        for step in stage.steps:
            if step.key in overrides:
                regional = {k: v for k, v in step.regional.items() if k != region}
                if (own := overrides[step.key]) is not None:
                    regional[region] = own
                step = dataclasses.replace(step, regional=regional)
            steps.append(step)
        stages.append(dataclasses.replace(stage, steps=tuple(steps)))
    by_key = {s.key: s for stage in stages for s in stage.steps}
    return dataclasses.replace(calendar, stages=tuple(stages), by_key=by_key)


def diff(calendar: Calendar, region: str, overrides: Mapping[str, date | None]) -> list[Change]:
    changes = []
    for key, after in overrides.items():
        step = calendar.step(key)
        before = step.regional.get(region) if step else None
        if before != after:
            changes.append(Change(key, before, after))
    return changes


# --- versions in the database -----------------------------------------------------------------

_cache: dict[tuple[str | None, int], Calendar] = {}


async def federal_calendar(session: AsyncSession) -> Calendar:
    """The newest season the admins uploaded, else the one shipped with the bot."""
    latest = await session.scalar(
        select(CalendarVersion)
        .where(CalendarVersion.region_code.is_(None))
        .order_by(CalendarVersion.season.desc(), CalendarVersion.version.desc())
        .limit(1)
    )
    if latest is None:
        return shipped_calendar()
    cached = _cache.get((None, latest.id))
    if cached is None:
        cached = _cache[(None, latest.id)] = parse_season(latest.content)
    return cached


def parse_season(text: str) -> Calendar:
    """A whole season's calendar in the shipped file's format; CalendarError says what is wrong."""
    try:
        raw = read_yaml(text)
    except yaml.YAMLError as error:
        raise CalendarError(f"not valid YAML: {error}") from None
    try:
        calendar = parse_calendar(raw)
    except (KeyError, TypeError) as error:
        raise CalendarError(f"missing or malformed field {error}") from None
    if calendar.season < 2022:
        raise CalendarError("`season` must be the year, e.g. 2023")
    return calendar


async def calendar_for(session: AsyncSession, region: str | None) -> Calendar:
    """The current season with the region's latest uploaded dates laid over it."""
    base = await federal_calendar(session)
    if region is None:
        return base
    latest = await latest_version(session, region, base.season)
    if latest is None:
        return base
    cached = _cache.get((region, latest.id))
    if cached is None:
        overrides, _ = parse_upload(latest.content, base, region, {region})
        cached = _cache[(region, latest.id)] = apply_overrides(base, region, overrides)
    return cached


async def latest_version(
    session: AsyncSession, region: str | None, season: int
) -> CalendarVersion | None:
    where = (
        CalendarVersion.region_code.is_(None)
        if region is None
        else CalendarVersion.region_code == region
    )
    return await session.scalar(
        select(CalendarVersion)
        .where(where, CalendarVersion.season == season)
        .order_by(CalendarVersion.version.desc())
        .limit(1)
    )


async def save_version(
    session: AsyncSession, region: str | None, season: int, content: str, author: int
) -> CalendarVersion:
    latest = await latest_version(session, region, season)
    version = CalendarVersion(
        region_code=region,
        season=season,
        version=(latest.version + 1) if latest else 1,
        content=content,
        created_by=author,
    )
    session.add(version)
    await session.flush()
    return version
