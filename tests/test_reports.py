"""Coordinators' exports: the status table, the evidence archive and the chart are real files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from emulator import make_png
from openpyxl import load_workbook

from services.reports import (
    ArchiveEntry,
    ChartBar,
    StatusRow,
    progress_chart,
    write_evidence_zip,
    write_status_xlsx,
)


def test_status_table_has_headers_rows_and_colours() -> None:
    out = io.BytesIO()
    rows = [
        StatusRow(
            "Смоленская область", "город Смоленск", "edu670009", "МБОУ «СШ № 9»", ["принято", "нет"]
        ),
        StatusRow(
            "Смоленская область",
            "город Смоленск",
            "edu670010",
            "МБОУ «СШ № 10»",
            ["возвращено", "отправлено"],
        ),
    ]
    headers = ["Регион", "Муниципалитет", "Код", "Школа", "Шаг 1", "Шаг 2"]
    count = write_status_xlsx(out, "Статус", headers, rows, {"принято": "C6EFCE"})
    assert count == 2
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == headers
    assert values[1][2:] == ["edu670009", "МБОУ «СШ № 9»", "принято", "нет"]
    assert sheet["E2"].fill.fgColor.rgb.endswith("C6EFCE")


def test_user_text_that_looks_like_a_formula_stays_text() -> None:
    """Finding 6: a school named `=HYPERLINK(...)` became a live formula in the export."""
    out = io.BytesIO()
    evil = '=HYPERLINK("http://evil.example/x","Нажмите")'
    rows = [StatusRow("Смоленская область", "+cmd|' /C calc'!A0", "edu670009", evil, ["@SUM(1)"])]
    write_status_xlsx(out, "Статус", ["Регион", "Муниципалитет", "Код", "Школа", "Шаг 1"], rows)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet is not None
    cells = next(iter(sheet.iter_rows(min_row=2)))
    assert [cell.data_type for cell in cells] == ["s"] * 5
    assert cells[3].value == evil


def test_archive_holds_every_file_under_its_folder(tmp_path: Path) -> None:
    shot = tmp_path / "a.png"
    shot.write_bytes(make_png(20, 20))
    letter = tmp_path / "b.txt"
    letter.write_text("письмо", encoding="utf-8")
    out = io.BytesIO()
    entries = [
        ArchiveEntry("Шаг 2/edu670009 СШ № 9/v1-1.png", shot),
        ArchiveEntry("Шаг 2/edu670009 СШ № 9/v1-2.txt", letter),
    ]
    assert write_evidence_zip(out, entries) == 2
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert archive.namelist() == [e.name for e in entries]
        assert archive.read(entries[0].name) == shot.read_bytes()
        assert archive.getinfo(entries[0].name).compress_type == zipfile.ZIP_STORED
        assert archive.getinfo(entries[1].name).compress_type == zipfile.ZIP_DEFLATED


def test_chart_is_a_png() -> None:
    bars = [ChartBar("город Смоленск", 3, 1, 1, 1), ChartBar("Балахтинский район", 0, 2, 0, 2)]
    png = progress_chart("Шаг 2", bars, ["принято", "на проверке", "возвращено", "нет"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5_000
