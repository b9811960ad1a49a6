"""A regional coordinator's calendar, from file to everyone it concerns: who may edit it, the file
to download (XLSX or YAML, carrying the version it was taken at), an upload or an earlier version
checked line by line and shown as a difference, applied as a new version, and everyone whom a
changed date concerns told once, in one message, through the outbox."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Texts
from services import timefmt
from services.calendar import Calendar
from services.calendar_io import (
    Change,
    Overrides,
    UploadError,
    apply_overrides,
    calendar_for,
    check,
    diff,
    export_region,
    export_region_xlsx,
    latest_version,
    read_upload,
    read_yaml_upload,
    save_version,
)
from services.delivery import Buttons, Outgoing, enqueue
from services.directory import Directory
from services.permissions import Action, Role, Scope, can
from services.regions import region_info, shipped_regions
from storage.models import CalendarVersion
from storage.repositories.calendar import CalendarRepository
from storage.repositories.directory import DirectoryRepository
from storage.repositories.users import UserRepository

FORMATS = ("xlsx", "yaml")
CONCERNED = ("school", "curator", "municipal", "regional")  # roles a step's `responsible` names


@dataclass(frozen=True, slots=True)
class Download:
    filename: str
    data: bytes
    version: int


@dataclass(frozen=True, slots=True)
class Preview:
    errors: list[UploadError]
    changes: list[Change]
    content: str  # what a confirmation applies: the whole region's dates, as YAML
    based_on: int | None  # the version the file was downloaded at
    current: int
    calendar: Calendar  # the one in force, which the changes are read against

    @property
    def stale(self) -> bool:
        return self.based_on is not None and self.based_on < self.current


@dataclass(frozen=True, slots=True)
class Applied:
    version: int
    changes: list[Change]
    told: int


class RegionCalendar:
    def __init__(self, session: AsyncSession, admin_ids: Sequence[int]) -> None:
        self._session = session
        self._admins = admin_ids

    async def region_of(self, user_id: int) -> str | None:
        """The region whose calendar this person sets; None for anyone else (every action asks)."""
        actor = await Directory(self._session, self._admins).actor(user_id)
        region = next((g.scope.region for g in actor.grants if g.role is Role.REGIONAL), None)
        if region is None or not can(actor, Action.EDIT_CALENDAR, Scope(region)):
            return None
        return region

    async def current(self, region: str) -> tuple[Calendar, int]:
        calendar = await calendar_for(self._session, region)
        latest = await latest_version(self._session, region, calendar.season)
        return calendar, latest.version if latest else 0

    async def download(self, region: str, kind: str) -> Download:
        calendar, version = await self.current(region)
        info = region_info(region)
        name = info.name if info else region
        stem = f"calendar-{calendar.season}-{region}-v{version}"
        if kind == "xlsx":
            data = export_region_xlsx(calendar, region, name, version)
            return Download(f"{stem}.xlsx", data, version)
        text = export_region(calendar, region, name, version)
        return Download(f"{stem}.yaml", text.encode("utf-8"), version)

    async def preview_file(self, region: str, data: bytes) -> Preview:
        calendar, version = await self.current(region)
        known = {r.code for r in shipped_regions()}
        checked = check(read_upload(data), calendar, region, known)
        if checked.errors:
            return Preview(checked.errors, [], "", checked.based_on, version, calendar)
        return self._preview(calendar, region, checked.overrides, checked.based_on, version)

    async def preview_version(self, region: str, number: int) -> Preview | None:
        """Going back to an earlier version: the difference it makes to the one in force."""
        calendar, version = await self.current(region)
        found = await CalendarRepository(self._session).version(region, calendar.season, number)
        if found is None:
            return None
        checked = check(read_yaml_upload(found.content), calendar, region, {region})
        if checked.errors:  # a version saved under an older season's steps
            return Preview(checked.errors, [], "", number, version, calendar)
        return self._preview(calendar, region, checked.overrides, None, version)

    def _preview(
        self,
        calendar: Calendar,
        region: str,
        overrides: Overrides,
        based_on: int | None,
        version: int,
    ) -> Preview:
        changes = diff(calendar, region, overrides)
        applied = apply_overrides(calendar, region, overrides)
        info = region_info(region)
        content = export_region(applied, region, info.name if info else region, version)
        return Preview([], changes, content, based_on, version, calendar)

    async def versions(self, region: str) -> list[CalendarVersion]:
        calendar = await calendar_for(self._session, region)
        return await CalendarRepository(self._session).versions(region, calendar.season)

    async def apply(
        self,
        user_id: int,
        region: str,
        content: str,
        catalog: Catalog,
        now: datetime,
        buttons: Callable[[Texts], Buttons],
    ) -> Applied | None:
        """Saves the previewed dates as the region's next version and tells those concerned,
        with `buttons` under the notice (ui.keyboards.deadlines_buttons). None when this person
        does not set this region's calendar (a forged or stale button)."""
        if await self.region_of(user_id) != region:
            return None
        calendar, _ = await self.current(region)
        checked = check(read_yaml_upload(content), calendar, region, {region})
        if checked.errors:
            return None
        changes = diff(calendar, region, checked.overrides)
        saved = await save_version(self._session, region, calendar.season, content, user_id)
        told = await self._tell(
            calendar, region, changes, saved.version, user_id, catalog, now, buttons
        )
        await self._session.commit()
        return Applied(saved.version, changes, told)

    async def _tell(
        self,
        calendar: Calendar,
        region: str,
        changes: list[Change],
        version: int,
        author: int,
        catalog: Catalog,
        now: datetime,
        buttons: Callable[[Texts], Buttons],
    ) -> int:
        """One message per person listing the changes of the steps their role answers for."""
        roles = {
            change.key: set(step.responsible) if (step := calendar.step(change.key)) else set()
            for change in changes
        }
        concerns: dict[int, list[Change]] = {}
        for person, role in await DirectoryRepository(self._session).people_in_region(
            region, CONCERNED
        ):
            if person == author:
                continue
            mine = concerns.setdefault(person, [])
            for change in changes:
                if role in roles[change.key] and change not in mine:
                    mine.append(change)
        readers = await UserRepository(self._session).many(
            [person for person, mine in concerns.items() if mine]
        )
        info = region_info(region)
        messages = []
        for reader in readers:
            t = catalog.bind(reader.language)
            lines = [t("caltools-notice", region=info.name if info else region)]
            lines += change_lines(t, calendar, concerns[reader.id])
            messages.append(Outgoing(reader.id, "\n".join(lines), buttons(t)))
        await enqueue(
            self._session, f"calendar:{region}:{calendar.season}:v{version}", messages, now
        )
        return len(messages)


def change_lines(t: Texts, calendar: Calendar, changes: Sequence[Change]) -> list[str]:
    lines = []
    for change in changes:
        step = calendar.step(change.key)
        lines.append(
            t(
                "calupload-change-line",
                title=step.text("title", t.language) if step else change.key,
                before=_day(t, change.before),
                after=_day(t, change.after),
            )
        )
    return lines


def _day(t: Texts, day: date | None) -> str:
    return timefmt.day(day, t.language) if day is not None else t("calupload-federal")
