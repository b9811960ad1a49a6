"""A region's calendar as a file: download, edit, upload. The upload is checked line by line, shown
as a difference, and applied only on confirmation as a new version (old versions are kept).

The file lists every step with its federal deadline for reference and the region's own date in
`regional` (or `regional_window: [start, end]`); an empty `regional` means the federal one holds.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from sqlalchemy import BindParameter, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.calendar import (
    Calendar,
    CalendarError,
    parse_calendar,
    read_yaml,
    shipped_calendar,
)
from services.permissions import Action, Actor, ForbiddenError
from storage.models import CalendarVersion

Overrides = dict[str, date | None]


class TooDeepError(CalendarError):
    """A file nested far deeper than any calendar (a 50,000-level one would exhaust recursion)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"nested too deep at line {line}")
        self.line = line


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


def export_region(calendar: Calendar, region: str, region_name: str, version: int = 0) -> str:
    header = (
        f"# Календарь проекта «500+», сезон {calendar.season}: {region_name} (код {region}).\n"
        "# Меняйте только `regional` — дату ГГГГ-ММ-ДД (или `regional_window: [начало, конец]`);\n"
        "# пустое значение — действует федеральный срок. Остальное — для справки.\n"
        "# `version` — версия, с которой выгружен файл: не меняйте её.\n"
    )
    body = yaml.safe_dump(
        {
            "region": region,
            "season": calendar.season,
            "version": version,
            "steps": [
                {"key": row.key, "title": row.title, "federal": row.federal, "regional": row.own}
                for row in _rows(calendar, region)
            ],
        },
        allow_unicode=True,
        sort_keys=False,
        width=120,
    )
    return header + body


@dataclass(frozen=True, slots=True)
class _Row:
    key: str
    title: str
    federal: str | None
    own: str | None


def _rows(calendar: Calendar, region: str) -> list[_Row]:
    rows = []
    for step in calendar.steps():
        if not step.applies(region) or step.kind == "ongoing":
            continue  # another region's own items, and items without dates, are not theirs to set
        own = step.regional.get(region)
        rows.append(
            _Row(
                step.key,
                step.text("title", "ru"),
                step.deadline.isoformat() if step.deadline else None,
                own.isoformat() if own else None,
            )
        )
    return rows


# --- the file as the officials' spreadsheet ---------------------------------------------------

XLSX_HEADERS = ("Ключ шага", "Шаг", "Федеральный срок", "Срок региона (ГГГГ-ММ-ДД)")
XLSX_FIRST_ROW = 4  # rows 1-2: region, season, version; row 3: the headers
XLSX_LIMITS = {"members": 64, "unpacked": 8 * 1024 * 1024, "ratio": 120}


def export_region_xlsx(
    calendar: Calendar, region: str, region_name: str, version: int = 0
) -> bytes:
    from openpyxl import Workbook  # here: openpyxl is slow to load
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Календарь"
    sheet.append(["Регион", region, region_name, "Сезон", calendar.season, "Версия", version])
    sheet.append(["Меняйте только столбец D; пустая ячейка — действует федеральный срок."])
    sheet.append(list(XLSX_HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in _rows(calendar, region):
        sheet.append(
            [
                row.key,
                row.title,
                date.fromisoformat(row.federal) if row.federal else None,
                date.fromisoformat(row.own) if row.own else None,
            ]
        )
    for number in range(XLSX_FIRST_ROW, sheet.max_row + 1):
        for column in ("C", "D"):
            sheet[f"{column}{number}"].number_format = "yyyy-mm-dd"
    for column, width in (("A", 22), ("B", 70), ("C", 18), ("D", 26)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = f"A{XLSX_FIRST_ROW}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


# --- reading either file into the same raw lines, then one check -----------------------------

MAX_DEPTH = 8  # the exported file nests three levels; a deeper one is not a calendar
SEASON_DEPTH = 16  # the season's file nests about six


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    line: int
    scalar: bool = True  # a list or a mapping where a value belongs is never "empty"


@dataclass(frozen=True, slots=True)
class RawStep:
    line: int
    key: Cell | None
    regional: Cell | None = None
    window: tuple[Cell, Cell] | None = None


@dataclass(slots=True)
class RawUpload:
    region: Cell | None = None
    version: int | None = None  # the version the file was downloaded at
    steps: list[RawStep] = field(default_factory=list)
    errors: list[UploadError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Checked:
    overrides: Overrides
    errors: list[UploadError]
    based_on: int | None


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line where the nesting passes `limit`, read from the parser's events (which keep their
    own stack): composing a 50,000-level document would exhaust Python's recursion instead."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    mark = event.start_mark
                    return int(mark.line) + 1 if mark is not None else 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # not YAML at all: the composer says where
    return None


def read_yaml_upload(text: str) -> RawUpload:
    raw = RawUpload()
    deep = too_deep(text)
    if deep is not None:
        raw.errors.append(UploadError(deep, "calupload-reason-too-deep"))
        return raw
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        raw.errors.append(UploadError(line, "calupload-reason-yaml"))
        return raw
    if not isinstance(root, yaml.MappingNode):
        raw.errors.append(UploadError(1, "calupload-reason-shape"))
        return raw
    fields = {key.value: value for key, value in root.value}
    region_node = fields.get("region")
    raw.region = Cell(
        str(region_node.value) if isinstance(region_node, yaml.ScalarNode) else "",
        _line(region_node or root),
    )
    version = fields.get("version")
    if isinstance(version, yaml.ScalarNode) and str(version.value).isdigit():
        raw.version = int(version.value)
    steps = fields.get("steps")
    if not isinstance(steps, yaml.SequenceNode):
        raw.errors.append(UploadError(_line(root), "calupload-reason-shape"))
        return raw
    for node in steps.value:
        if not isinstance(node, yaml.MappingNode):
            raw.errors.append(UploadError(_line(node), "calupload-reason-shape"))
            continue
        step = {key.value: value for key, value in node.value}
        window = step.get("regional_window")
        value = step.get("regional")
        raw.steps.append(
            RawStep(
                _line(node),
                _cell(step.get("key")),
                _cell(value) if value is not None else None,
                _window(window),
            )
        )
    return raw


def _window(node: yaml.Node | None) -> tuple[Cell, Cell] | None:
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
        return None
    start, end = node.value
    return (_cell(start) or Cell("", _line(node))), (_cell(end) or Cell("", _line(node)))


def _cell(node: yaml.Node | None) -> Cell | None:
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return Cell(str(node.value), _line(node))
    return Cell("", _line(node), scalar=False)


def read_xlsx_upload(data: bytes) -> RawUpload:
    """The spreadsheet's rows, each with its row number; a file that is not a sound workbook (not
    a zip, a zip bomb, too many parts) is refused before openpyxl reads a byte of it."""
    from openpyxl import load_workbook

    raw = RawUpload()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raw.errors.append(UploadError(1, "calupload-reason-xlsx-broken"))
        return raw
    unpacked = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    if (
        len(members) > XLSX_LIMITS["members"]
        or unpacked > XLSX_LIMITS["unpacked"]
        or unpacked / packed > XLSX_LIMITS["ratio"]
    ):
        raw.errors.append(UploadError(1, "calupload-reason-xlsx-bomb"))
        return raw
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(max_col=8, values_only=True))
        workbook.close()
    except Exception:  # openpyxl raises anything from KeyError to its own errors on a bad file
        raw.errors.append(UploadError(1, "calupload-reason-xlsx-broken"))
        return raw
    if len(rows) < XLSX_FIRST_ROW - 1 or not rows[0] or len(rows[0]) < 7:
        raw.errors.append(UploadError(1, "calupload-reason-shape"))
        return raw
    head = rows[0]
    raw.region = Cell(_text(head[1]), 1)
    if isinstance(head[6], int | float) and float(head[6]).is_integer():
        raw.version = int(head[6])
    elif isinstance(head[6], str) and head[6].strip().isdigit():
        raw.version = int(head[6].strip())
    for number, row in enumerate(rows[XLSX_FIRST_ROW - 1 :], start=XLSX_FIRST_ROW):
        cells = [*row, None, None, None, None][:4]
        if all(value is None or _text(value) == "" for value in cells):
            continue
        regional = cells[3]
        raw.steps.append(
            RawStep(
                number,
                Cell(_text(cells[0]), number),
                None
                if regional is None or _text(regional) == ""
                else Cell(_text(regional), number),
            )
        )
    return raw


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = "" if value is None else str(value).strip()
    dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if dotted:  # what Russian Excel shows a date as, when a cell is typed as text
        day, month, year = dotted.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def read_upload(data: bytes) -> RawUpload:
    """Either file as raw lines: the spreadsheet by its zip signature, else UTF-8 YAML."""
    if is_xlsx(data):
        return read_xlsx_upload(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RawUpload(errors=[UploadError(1, "calupload-reason-not-text")])
    return read_yaml_upload(text)


def check(raw: RawUpload, calendar: Calendar, region: str, known_regions: Set[str]) -> Checked:
    """The same line-level checks whatever the file was; every problem with its line."""
    errors = list(raw.errors)
    overrides: Overrides = {}
    if errors:
        return Checked({}, errors, raw.version)
    given = raw.region.text if raw.region else ""
    line = raw.region.line if raw.region else 1
    if given not in known_regions:
        errors.append(UploadError(line, "calupload-reason-unknown-region", given))
    elif given != region:
        errors.append(UploadError(line, "calupload-reason-other-region", given))
    for step in raw.steps:
        key = step.key.text if step.key else ""
        if calendar.step(key) is None:
            errors.append(
                UploadError(
                    step.key.line if step.key else step.line,
                    "calupload-reason-unknown-step",
                    key[:60],
                )
            )
            continue
        if step.window is not None:
            start, end = (_date(cell, errors, calendar.season) for cell in step.window)
            if start and end and end < start:
                errors.append(
                    UploadError(
                        step.window[0].line,
                        "calupload-reason-end-before-start",
                        f"{start} – {end}",
                    )
                )
            overrides[key] = end
            continue
        value = step.regional
        empty = value is None or (value.scalar and value.text in ("", "~", "null"))
        overrides[key] = None if empty else _date(value, errors, calendar.season)
    return Checked(overrides, errors, raw.version)


def parse_upload(
    text: str, calendar: Calendar, region: str, known_regions: Set[str]
) -> tuple[Overrides, list[UploadError]]:
    """Every problem with its line; the overrides are only meaningful when there are none."""
    checked = check(read_yaml_upload(text), calendar, region, known_regions)
    return checked.overrides, checked.errors


def plausible(day: date, season: int) -> bool:
    """A date of the season's calendar: from the year before it to the year after it. Anything
    else is a typo (9999-12-31, 0001-01-01) that would break every date shown for the region."""
    return date(season - 1, 1, 1) <= day <= date(season + 1, 12, 31)


def _date(cell: Cell | None, errors: list[UploadError], season: int) -> date | None:
    text = cell.text if cell else ""
    line = cell.line if cell else 0
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


_FEDERAL = "federal-calendar"  # the update's session remembers which season it read
# Built once: on SQLite, making a select costs more than running it (issue 17's profile).
_FEDERAL_NEWEST_ID = (
    select(CalendarVersion.id)  # the version's text (~175 KB) only when it is not parsed yet
    .where(CalendarVersion.region_code.is_(None))
    .order_by(CalendarVersion.season.desc(), CalendarVersion.version.desc())
    .limit(1)
)
_CONTENT = select(CalendarVersion.content).where(CalendarVersion.id == bindparam("version_id"))


async def federal_calendar(session: AsyncSession) -> Calendar:
    """The newest season the admins uploaded, else the one shipped with the bot: looked up once
    per session (an answer needs it both alone and under the asker's regional dates)."""
    known: Calendar | None = session.info.get(_FEDERAL)
    if known is None:
        known = session.info[_FEDERAL] = await _newest_federal(session)
    return known


async def _newest_federal(session: AsyncSession) -> Calendar:
    latest = await session.scalar(_FEDERAL_NEWEST_ID)
    if latest is None:
        return shipped_calendar()
    cached = _cache.get((None, latest))
    if cached is None:
        cached = _cache[(None, latest)] = parse_season(await _content(session, latest))
    return cached


async def _content(session: AsyncSession, version_id: int) -> str:
    content = await session.scalar(_CONTENT, {"version_id": version_id})
    return content or ""


def parse_season(text: str) -> Calendar:
    """A whole season's calendar in the shipped file's format; CalendarError says what is wrong."""
    deep = too_deep(text, SEASON_DEPTH)
    if deep is not None:
        raise TooDeepError(deep)
    try:
        raw = read_yaml(text)
    except RecursionError:  # the check above makes this unreachable; never a crash anyway
        raise TooDeepError(0) from None
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
    latest = await session.scalar(_REGIONAL_NEWEST_ID, {"region": region, "season": base.season})
    if latest is None:
        return base
    cached = _cache.get((region, latest))
    if cached is None:
        overrides, _ = parse_upload(await _content(session, latest), base, region, {region})
        cached = _cache[(region, latest)] = apply_overrides(base, region, overrides)
    return cached


async def latest_version(
    session: AsyncSession, region: str | None, season: int
) -> CalendarVersion | None:
    newest: CalendarVersion | None = await session.scalar(_newest(CalendarVersion, region, season))
    return newest


def _newest(
    what: Any, region: str | BindParameter[str] | None, season: int | BindParameter[int]
) -> Select[Any]:
    """`what` of the region's (None: the federal) newest version of the season; the region
    and season may be bound later (`bindparam`), for a statement built once."""
    where = (
        CalendarVersion.region_code.is_(None)
        if region is None
        else CalendarVersion.region_code == region
    )
    return (
        select(what)
        .where(where, CalendarVersion.season == season)
        .order_by(CalendarVersion.version.desc())
        .limit(1)
    )


_REGIONAL_NEWEST_ID = _newest(CalendarVersion.id, bindparam("region"), bindparam("season"))


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
    session.info.pop(_FEDERAL, None)
    return version


async def publish_season(session: AsyncSession, actor: Actor, season: int, content: str) -> int:
    """A new federal season's calendar as the next version, committed at once; its number.
    Federal admins only (ForbiddenError)."""
    if not actor.is_admin:
        raise ForbiddenError(Action.EDIT_CALENDAR)
    version = await save_version(session, None, season, content, actor.user_id)
    await session.commit()
    return version.version
