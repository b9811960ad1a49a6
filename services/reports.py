"""Exports for coordinators: the status table (XLSX), the evidence archive (ZIP), a progress chart.

All three stream: rows and files are written as they come, so memory stays flat however many
schools and screenshots a region has.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from services.xlsx import Sheet, Value, Writer, clean

# Screenshots are PNG/JPEG/PDF, already compressed: storing them is as small and far faster.
STORED_SUFFIXES = {".png", ".jpg", ".jpeg", ".pdf", ".webp", ".heic"}
MAX_BARS = 30  # more would make a photo Telegram refuses (PHOTO_INVALID_DIMENSIONS)
CHART_WIDTH = 10  # inches
CHART_DPI = 100
LABEL_INCHES = 2.6  # room for bar labels of 34 characters a line


@dataclass(frozen=True, slots=True)
class StatusRow:
    region: str
    municipality: str
    school_code: str
    school_name: str
    statuses: Sequence[str]  # one per step column, already in the reader's words


@dataclass(frozen=True, slots=True)
class ArchiveEntry:
    name: str  # path inside the archive, e.g. "Шаг 2/edu670009 СШ № 9/v1-1.jpg"
    source: Path | None
    content: bytes | None = None  # a small file made on the spot (the manifest)

    def size(self) -> int:
        if self.content is not None:
            return len(self.content)
        return self.source.stat().st_size if self.source else 0


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """One worksheet: its title, headers, column widths (characters) and rows; the cells of
    `status_column` are coloured by their text."""

    title: str
    headers: Sequence[str]
    widths: Sequence[int]
    rows: Iterable[Sequence[Value]]  # text, whole numbers, naive local dates
    status_columns: frozenset[int] = frozenset()
    repeated: int = 0  # leading columns that recur on every sheet (services.xlsx.Sheet)


@dataclass(frozen=True, slots=True)
class ChartBar:
    label: str
    accepted: int
    submitted: int
    returned: int
    missing: int


def write_status_xlsx(
    out: BinaryIO,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[StatusRow],
    fills: dict[str, str] | None = None,
) -> int:
    """Writes the table with openpyxl's write-only mode; `fills` colours cells by their text
    (e.g. {"принято": "C6EFCE"}). Returns the number of data rows."""
    from openpyxl import Workbook  # here: openpyxl is slow to load
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "E2"
    bold = Font(bold=True)
    header_cells = []
    for title in headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    patterns = {
        text: PatternFill("solid", fgColor=colour) for text, colour in (fills or {}).items()
    }
    count = 0
    for row in rows:
        cells = [
            text_cell(sheet, value)
            for value in (row.region, row.municipality, row.school_code, row.school_name)
        ]
        for status in row.statuses:
            cell = text_cell(sheet, status)
            if status in patterns:
                cell.fill = patterns[status]
            cells.append(cell)
        sheet.append(cells)
        count += 1
    book.save(out)
    return count


def text_cell(sheet: Any, value: str) -> Any:
    """A cell that holds `value` as text, whatever it starts with: a school named
    `=HYPERLINK(...)` must not become a live formula in the coordinator's Excel."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=clean(value))
    cell.data_type = "s"
    return cell


def write_workbook(
    out: BinaryIO, sheets: Iterable[SheetSpec], fills: dict[str, str] | None = None
) -> int:
    """Writes the sheets, each with a bold frozen header row, column widths and an autofilter
    (services.xlsx: openpyxl is too slow for a region's workbook). Returns the number of data
    rows written in all."""
    writer = Writer(out, fills or {})
    count = 0
    for spec in sheets:
        sheet = Sheet(spec.title, spec.headers, spec.widths, spec.status_columns, spec.repeated)
        count += writer.write(sheet, spec.rows)
    writer.close()
    return count


def write_evidence_zip(out: BinaryIO, entries: Iterable[ArchiveEntry]) -> int:
    """Copies each file into the archive in chunks (zipfile streams from disk); returns count."""
    count = 0
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for entry in entries:
            if entry.content is not None:
                archive.writestr(entry.name, entry.content, compress_type=zipfile.ZIP_DEFLATED)
            elif entry.source is not None:
                suffix = entry.source.suffix.lower() or Path(entry.name).suffix.lower()
                method = zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
                archive.write(entry.source, entry.name, compress_type=method)
            count += 1
    return count


def cap_bars(
    bars: Sequence[ChartBar], limit: int = MAX_BARS
) -> tuple[list[ChartBar], ChartBar | None]:
    """The `limit` bars with most missing, in their order, and the rest summed into one (for a
    note under the title: a bar that big would flatten all the others), if any were left out."""
    if len(bars) <= limit:
        return list(bars), None
    ranked = sorted(range(len(bars)), key=lambda n: (-bars[n].missing, n))
    rest = [bars[n] for n in ranked[limit:]]
    total = ChartBar(
        str(len(rest)),
        sum(b.accepted for b in rest),
        sum(b.submitted for b in rest),
        sum(b.returned for b in rest),
        sum(b.missing for b in rest),
    )
    return [bars[n] for n in sorted(ranked[:limit])], total


def wrap_label(label: str, width: int = 34, max_lines: int | None = None) -> str:
    """A label on lines of `width` characters; cut (with «…») only past `max_lines`."""
    lines = textwrap.wrap(label, width, max_lines=max_lines, placeholder=" …") if label else []
    return "\n".join(lines) or " "


def progress_chart(
    title: str,
    bars: Sequence[ChartBar],
    legend: Sequence[str],
    note: str | None = None,
    max_lines: int | None = None,
) -> bytes:
    """A stacked horizontal bar per municipality or step: accepted, submitted, returned, missing,
    each part with its count; labels wrapped (cut only past `max_lines`, for names an importer
    chose), the legend below the bars. `legend` names the four parts in the reader's language;
    `note` says what was left out."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot as plt

    shown = list(bars[:MAX_BARS])  # the caller caps; never a photo Telegram refuses
    labels = [wrap_label(bar.label, max_lines=max_lines) for bar in shown]
    lines = sum(max(1, label.count("\n") + 1) for label in labels)
    height = min(max(3.0, 0.15 * lines + 0.25 * len(shown) + 1.8), 60.0)
    figure, axes = plt.subplots(figsize=(CHART_WIDTH, height), dpi=CHART_DPI)
    try:
        _stack(axes, shown, labels, legend)
        heading = wrap_label(title, 90) + ("\n" + wrap_label(note, 95, 3) if note else "")
        axes.set_title(heading, loc="left", fontsize="medium")
        # The legend below the axes, never over a bar. Margins set by hand: tight_layout would
        # draw the figure twice (half the time of a 30-bar chart).
        figure.legend(loc="lower center", ncol=4, fontsize="small", frameon=False)
        top = 0.25 + 0.22 * (heading.count("\n") + 1)
        figure.subplots_adjust(
            left=LABEL_INCHES / CHART_WIDTH,
            right=0.98,
            top=1 - top / height,
            bottom=0.75 / height,
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)


def _stack(axes: Any, bars: Sequence[ChartBar], labels: list[str], legend: Sequence[str]) -> None:
    positions = list(range(len(bars)))
    parts = [
        [bar.accepted for bar in bars],
        [bar.submitted for bar in bars],
        [bar.returned for bar in bars],
        [bar.missing for bar in bars],
    ]
    colours = ["#2e7d32", "#1e88e5", "#f9a825", "#c62828"]
    left = [0] * len(bars)
    widest = max((sum(p[n] for p in parts) for n in positions), default=0) or 1
    for values, colour, name in zip(parts, colours, legend, strict=True):
        drawn = axes.barh(positions, values, left=left, color=colour, label=name)
        shown = [str(v) if v and v / widest >= 0.03 else "" for v in values]
        axes.bar_label(drawn, labels=shown, label_type="center", fontsize=7, color="white")
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, labels, fontsize=8)
    if bars:
        axes.set_ylim(len(bars) - 0.5, -0.5)  # the first bar on top
    axes.set_xlim(0, widest * 1.02)
