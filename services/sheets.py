"""Reading an uploaded spreadsheet without trusting it.

An XLSX is a ZIP: 84 KB can unpack into a million rows. Reading happens in a child process
(`python -m services.sheets`) with a memory limit, a CPU limit and a wall-clock budget; it stops
reading at the row cap instead of reading everything first. The bot's event loop never runs the
parser, so everyone else is answered meanwhile. A CSV is read in a thread, also up to the cap.
"""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import json
import os
import resource
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

Cell = str | None
Sheet = tuple[str, list[tuple[Cell, ...]]]
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the reader: a bomb dies, a file does not
CPU_SECONDS = 30
WALL_SECONDS = 40.0
MAX_COLUMNS = 50
_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)


class SheetError(Exception):
    """The file cannot be read; the reason is a locale key."""


@dataclass(frozen=True, slots=True)
class Limits:
    rows: int  # rows per sheet, header included; one more means "too many"
    wall_seconds: float = WALL_SECONDS


async def read_xlsx(data: bytes, limits: Limits) -> list[Sheet]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.sheets",
        str(limits.rows),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": _PROJECT_ROOT},  # whatever the working directory is
    )
    try:
        out, _ = await asyncio.wait_for(process.communicate(data), limits.wall_seconds)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise SheetError("sheet-error-too-slow") from None
    if process.returncode != 0:
        raise SheetError("sheet-error-too-big-unpacked")
    answer = json.loads(out)
    if "error" in answer:
        raise SheetError(str(answer["error"]))
    return [(str(title), [tuple(row) for row in rows]) for title, rows in answer["sheets"]]


async def read_csv(data: bytes, limits: Limits) -> list[tuple[Cell, ...]]:
    return await asyncio.to_thread(_csv_rows, data, limits.rows)


def too_many(rows: Sequence[object], limits: Limits) -> bool:
    return len(rows) > limits.rows


def _limit_self() -> None:
    """The child limits itself first thing (a preexec_fn would run Python between fork and exec
    in a process with threads, which can deadlock)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _csv_rows(data: bytes, max_rows: int) -> list[tuple[Cell, ...]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        if ";" not in sample and "," not in sample and "\t" not in sample:
            raise SheetError("sheet-error-no-delimiter") from None
        dialect = csv.excel  # sniffing failed on a short or odd sample: Excel's own default
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return [tuple(row[:MAX_COLUMNS]) for row in itertools.islice(reader, max_rows + 1)]
    except csv.Error as error:
        raise SheetError("sheet-error-csv-broken") from error


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM ("Unicode text" from Excel), else
    cp1251, which Russian Excel writes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SheetError("sheet-error-encoding") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise SheetError("sheet-error-encoding") from None


def _cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_workbook(data: bytes, max_rows: int) -> dict[str, object]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a broken file
        return {"error": "sheet-error-unreadable"}
    sheets = []
    for sheet in book.worksheets:
        rows = itertools.islice(
            sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), max_rows + 1
        )
        sheets.append([sheet.title, [[_cell(value) for value in row] for row in rows]])
    return {"sheets": sheets}


def main() -> None:
    """The child: the workbook on stdin, its rows as JSON on stdout."""
    _limit_self()
    max_rows = int(sys.argv[1])
    answer = _read_workbook(sys.stdin.buffer.read(), max_rows)
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main()
