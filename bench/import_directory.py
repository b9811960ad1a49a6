"""Directory import at regional scale: a generated XLSX of `--schools` schools (in 60
municipalities, a curator for every tenth school) is parsed, checked and written to a fresh SQLite
database, as a coordinator's upload is. Prints the time of each phase; the last line is
{"schools": …, "seconds": …} (target: 3,000 schools in under 10 s).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from services.directory_import import (
    CURATOR_COLUMNS,
    CURATORS_SHEET,
    SCHOOL_COLUMNS,
    SCHOOLS_SHEET,
    DirectoryImport,
    parse_upload,
)
from services.permissions import Actor, Grant, Role, Scope
from services.regions import sync_regions
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async

REGION = "24"  # Krasnoyarsk krai, home of the Balakhta district roadmap


def generate(schools: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SCHOOLS_SHEET)
    sheet.append(SCHOOL_COLUMNS)
    for n in range(schools):
        sheet.append(
            (
                f"Муниципальный район № {n % 60 + 1}",
                f"edu{REGION}{n:05d}",
                f"МБОУ «Средняя школа № {n + 1}»",
            )
        )
    curators = book.create_sheet(CURATORS_SHEET)
    curators.append(CURATOR_COLUMNS)
    for n in range(0, schools, 10):
        curators.append((f"Куратор {n}", f"@curator_{n:05d}", f"edu{REGION}{n:05d}"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def main(schools: int) -> dict[str, float]:
    data = generate(schools)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await upgrade_async(url)
        engine = create_engine(url)
        sessions = create_sessionmaker(engine)
        actor = Actor(1, (Grant(Role.REGIONAL, Scope(REGION)),))
        async with sessions.begin() as session:
            await sync_regions(session)
        started = time.perf_counter()
        parsed = await parse_upload("directory.xlsx", data)
        parsed_at = time.perf_counter()
        async with sessions.begin() as session:
            service = DirectoryImport(session)
            errors = await service.check(actor, parsed)
            checked_at = time.perf_counter()
            if errors:
                raise SystemExit(f"generated file refused: {errors[:3]}")
            summary = await service.seed(Scope(REGION), parsed, importer_id=1)
        finished = time.perf_counter()
        await engine.dispose()
    print(f"file: {len(data) / 1024:.0f} KB, {schools} schools, {summary.curator_links} curators")
    print(
        f"parse {parsed_at - started:.2f} s, check {checked_at - parsed_at:.2f} s, "
        f"write {finished - checked_at:.2f} s"
    )
    assert summary.schools_added == schools
    return {"schools": schools, "seconds": round(finished - started, 2)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--schools", type=int, default=3000)
    print(json.dumps(asyncio.run(main(parser.parse_args().schools))))
