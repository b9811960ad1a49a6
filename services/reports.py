"""Exports for coordinators: the status table (XLSX), the evidence archive (ZIP), a progress chart.

All three stream: rows and files are written as they come, so memory stays flat however many
schools and screenshots a region has.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

# Screenshots are PNG/JPEG/PDF, already compressed: storing them is as small and far faster.
STORED_SUFFIXES = {".png", ".jpg", ".jpeg", ".pdf", ".webp", ".heic"}


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
    source: Path


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
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def write_evidence_zip(out: BinaryIO, entries: Iterable[ArchiveEntry]) -> int:
    """Copies each file into the archive in chunks (zipfile streams from disk); returns count."""
    count = 0
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for entry in entries:
            method = (
                zipfile.ZIP_STORED
                if entry.source.suffix.lower() in STORED_SUFFIXES
                else zipfile.ZIP_DEFLATED
            )
            archive.write(entry.source, entry.name, compress_type=method)
            count += 1
    return count


def progress_chart(title: str, bars: Sequence[ChartBar], legend: Sequence[str]) -> bytes:
    """A stacked horizontal bar per municipality or step: accepted, submitted, returned, missing.
    `legend` names the four parts in the reader's language."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot as plt

    height = max(2.5, 0.45 * len(bars) + 1.5)
    figure, axes = plt.subplots(figsize=(8, height), dpi=110)
    try:
        labels = [bar.label for bar in bars]
        parts = [
            [bar.accepted for bar in bars],
            [bar.submitted for bar in bars],
            [bar.returned for bar in bars],
            [bar.missing for bar in bars],
        ]
        colours = ["#2e7d32", "#1e88e5", "#f9a825", "#c62828"]
        left = [0] * len(bars)
        for values, colour, name in zip(parts, colours, legend, strict=True):
            axes.barh(labels, values, left=left, color=colour, label=name)
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.invert_yaxis()
        axes.set_title(title)
        axes.legend(loc="lower right", fontsize="small")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)
