"""What a coordinator files with the ministry: the progress workbook (a summary sheet and a sheet
per step, with names, curators, dates, reviewers and comments), the evidence archive with its
manifest, and the chart's bars. Scope checks come first: only coordinators export, each their own
area."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from services import file_types
from services.calendar import Calendar, Step
from services.file_store import FileStore
from services.permissions import Action, Actor, ForbiddenError
from services.reports import ArchiveEntry, ChartBar, SheetSpec, cap_bars
from services.submissions import STATUSES, Progress, viewer_area
from services.xlsx import XML_ILLEGAL
from storage.repositories.exports import Contact, ExportRepository, ManifestFile, VersionRow
from storage.repositories.submissions import SchoolRow, SubmissionRepository

STATUS_KEYS = {
    "accepted": "status-accepted",
    "submitted": "status-submitted",
    "returned": "status-returned",
    "missing": "status-missing",
}
FILLS = {"accepted": "C6EFCE", "submitted": "DDEBF7", "returned": "FFEB9C", "missing": "FFC7CE"}
PLACE_WIDTHS = (24, 28, 12, 40, 28)  # region, municipality, code, school, curator
STEP_WIDTHS = (*PLACE_WIDTHS, 14, 17, 24, 40, 9)
MANIFEST = "manifest.csv"


def require_exporter(actor: Actor) -> None:
    """Exports are a coordinator's: ForbiddenError for anyone else, however they pressed."""
    if not actor.is_coordinator():
        raise ForbiddenError(Action.EXPORT)


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything the workbook shows, read in four queries."""

    report: Progress
    versions: dict[tuple[int, str], list[VersionRow]]
    curators: dict[int, list[Contact]]
    regions: dict[str, tuple[str, str]]
    zone: ZoneInfo

    def region_name(self, code: str, language: str) -> str:
        names = self.regions.get(code)
        if names is None:
            return code
        return names[1] if language == "en" else names[0]

    def curator_names(self, school_id: int) -> str:
        return ", ".join(c.name for c in self.curators.get(school_id, []) if c.name)


async def load_export(
    session: AsyncSession, actor: Actor, report: Progress, season: int, zone: ZoneInfo
) -> ExportData:
    require_exporter(actor)
    area = viewer_area(actor)
    repository = ExportRepository(session)
    versions: dict[tuple[int, str], list[VersionRow]] = {}
    for row in await repository.versions(area, season):
        versions.setdefault((row.school_id, row.step_key), []).append(row)
    curators: dict[int, list[Contact]] = {}
    for contact in await repository.curators(area):
        curators.setdefault(contact.school_id, []).append(contact)
    return ExportData(report, versions, curators, await repository.region_names(), zone)


def workbook_sheets(data: ExportData, t: Texts) -> list[SheetSpec]:
    """The summary sheet first, then one sheet per reporting step."""
    words = {status: t.label(STATUS_KEYS[status]) for status in STATUSES}
    places = {school.id: _place(data, school, t.language) for school in data.report.schools}
    return [_summary_sheet(data, t, words, places)] + [
        _step_sheet(data, t, words, places, step) for step in data.report.steps
    ]


def fills(t: Texts) -> dict[str, str]:
    return {t.label(STATUS_KEYS[status]): colour for status, colour in FILLS.items()}


def _place_headers(t: Texts) -> list[str]:
    keys = ("xlsx-region", "xlsx-municipality", "xlsx-code", "xlsx-school", "export-curator")
    return [t.label(key) for key in keys]


def _place(data: ExportData, school: SchoolRow, language: str) -> list[str]:
    return [
        data.region_name(school.region, language),
        school.municipality,
        school.code,
        school.name,
        data.curator_names(school.id),
    ]


Places = dict[int, list[str]]  # school id → region, municipality, code, school, curators


def _summary_sheet(data: ExportData, t: Texts, words: dict[str, str], places: Places) -> SheetSpec:
    steps = data.report.steps
    headers = _place_headers(t) + [_step_title(step, t) for step in steps]
    headers.append(t.label("export-accepted-count"))
    first = len(PLACE_WIDTHS)

    def rows() -> Iterator[list[str | int | datetime | None]]:
        for school in data.report.schools:
            statuses = [data.report.status(school.id, step.key) for step in steps]
            row: list[str | int | datetime | None] = list(places[school.id])
            row += [words[status] for status in statuses]
            row.append(statuses.count("accepted"))
            yield row

    return SheetSpec(
        t.label("export-summary-sheet"),
        headers,
        [*PLACE_WIDTHS, *([18] * len(steps)), 12],
        rows(),
        frozenset(range(first, first + len(steps))),
        len(PLACE_WIDTHS),
    )


def _step_title(step: Step, t: Texts) -> str:
    return f"{step.number}. {step.text('title', t.language)}"


def _step_sheet(
    data: ExportData, t: Texts, words: dict[str, str], places: Places, step: Step
) -> SheetSpec:
    zone_name = data.zone.key
    headers = [
        *_place_headers(t),
        t.label("export-status"),
        t.label("export-sent-at", zone=zone_name),
        t.label("export-reviewer"),
        t.label("export-comment"),
        t.label("export-versions"),
    ]

    def rows() -> Iterator[list[str | int | datetime | None]]:
        for school in data.report.schools:
            versions = data.versions.get((school.id, step.key), [])
            latest = versions[-1] if versions else None
            row: list[str | int | datetime | None] = list(places[school.id])
            row.append(words[data.report.status(school.id, step.key)])
            row.append(_local(latest.submitted_at, data.zone) if latest else None)
            row.append(latest.reviewer if latest else None)
            row.append(latest.comment if latest else None)
            row.append(len(versions))
            yield row

    return SheetSpec(
        t.label("export-step-sheet", number=step.number),
        [*headers[:5], _step_title(step, t) + " — " + headers[5], *headers[6:]],
        STEP_WIDTHS,
        rows(),
        frozenset({len(PLACE_WIDTHS)}),
        len(PLACE_WIDTHS),
    )


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A naive local time (Excel has no zones; the header names it)."""
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


# --- the archive ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArchivePlan:
    entries: list[ArchiveEntry]
    manifest: list[list[str]] = field(default_factory=list)  # rows, header first


def latest_only(files: Sequence[ManifestFile]) -> list[ManifestFile]:
    """The files of the newest version of each school's step."""
    newest: dict[tuple[int, str], int] = {}
    for file in files:
        key = (file.school_id, file.step_key)
        newest[key] = max(newest.get(key, 0), file.version)
    return [f for f in files if f.version == newest[(f.school_id, f.step_key)]]


def archive_plan(
    files: Sequence[ManifestFile], calendar: Calendar, store: FileStore, t: Texts
) -> ArchivePlan:
    """Folders by step and school, each file named by what its bytes are (jpg, png, pdf, webp…),
    and a manifest row for it."""
    header = [
        t.label(key)
        for key in (
            "manifest-school-code",
            "manifest-school",
            "manifest-step",
            "manifest-version",
            "manifest-status",
            "manifest-reviewer",
            "manifest-comment",
            "manifest-file",
            "manifest-original",
            "manifest-sha256",
        )
    ]
    entries: list[ArchiveEntry] = []
    manifest = [header]
    index: dict[tuple[str, int, int], int] = {}
    for file in files:
        step = calendar.step(file.step_key)
        number = step.number if step else file.step_key
        key = (file.step_key, file.school_id, file.version)
        index[key] = index.get(key, 0) + 1
        source = store.path_for(file.sha256)
        name = f"v{file.version}-{index[key]}{_real_extension(source)}"
        school = _safe(f"{file.school_code} {file.school_name}")[:80]
        path = f"{t.label('zip-step-folder')} {number}/{school}/{name}"
        entries.append(ArchiveEntry(path, source))
        manifest.append(
            [
                file.school_code,
                file.school_name,
                str(number),
                str(file.version),
                t.label(STATUS_KEYS.get(file.status, "export-status-superseded")),
                file.reviewer or "",
                file.comment or "",
                path,
                file.file_name or "",
                file.sha256,
            ]
        )
    return ArchivePlan(entries, manifest)


def _real_extension(source: Path) -> str:
    """The extension of what the stored bytes are, whatever the sender called the file."""
    try:
        with source.open("rb") as handle:
            head = handle.read(file_types.HEAD)
    except OSError:
        return ".bin"
    return file_types.extension(file_types.sniff(head))


def _safe(text: str) -> str:
    """No path separators, control characters or characters Windows refuses in a folder."""
    return "".join("_" if c in '/\\:*?"<>|' or c < " " else c for c in text).strip()


def manifest_csv(rows: Sequence[Sequence[str]]) -> bytes:
    """The manifest as Excel opens it (UTF-8 with BOM, `;`), no cell readable as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for row in rows:
        writer.writerow([_csv_safe(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def _csv_safe(value: str) -> str:
    value = XML_ILLEGAL.sub("", value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def with_manifest(part: list[ArchiveEntry], plan: ArchivePlan) -> list[ArchiveEntry]:
    """The part's files and a manifest of exactly them."""
    names = {entry.name for entry in part}
    rows = [plan.manifest[0]] + [row for row in plan.manifest[1:] if row[7] in names]
    return [*part, ArchiveEntry(MANIFEST, None, manifest_csv(rows))]


# --- the chart --------------------------------------------------------------------------------


def municipality_bars(report: Progress) -> tuple[list[ChartBar], ChartBar | None]:
    """School-step cells per municipality, capped to the ones with most missing."""
    totals: dict[int, tuple[str, dict[str, int]]] = {}
    for school in report.schools:
        _, cells = totals.setdefault(
            school.municipality_id, (school.municipality, dict.fromkeys(STATUSES, 0))
        )
        for step in report.steps:
            cells[report.status(school.id, step.key)] += 1
    bars = [
        ChartBar(name, c["accepted"], c["submitted"], c["returned"], c["missing"])
        for name, c in totals.values()
    ]
    return cap_bars(bars)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The area's stored evidence files of a season, and how many are still to be downloaded."""

    files: list[ManifestFile]
    absent: int


async def load_evidence(session: AsyncSession, actor: Actor, season: int) -> Evidence:
    require_exporter(actor)
    area = viewer_area(actor)
    return Evidence(
        await ExportRepository(session).files(area, season),
        await SubmissionRepository(session).count_undownloaded(area, season),
    )
