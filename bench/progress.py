"""Reporting at national-programme scale: `--schools` schools (3,000 by default) in 60
municipalities of one region, a season with 10 reporting steps, a confirmation of 2 files for most
school-steps (SQLite file, as the embedded default). Times the real /progress answer (the handler's
screen for the regional coordinator), the chart (30 bars: the municipalities with most missing),
the XLSX (a summary and a sheet per step: its own queries and the writing; `xlsx_write_s` is the
writing alone), and measures the peak Python memory of the streamed ZIP export for 600 and for
6,000 files (it should not grow with the count). CPU seconds are printed beside wall seconds: on
a shared, loaded machine the wall clock says more about the neighbours.

The chart figure is a warm one (the 60-municipality chart); the first chart of a process also
imports matplotlib, printed separately. Last line: {"progress_s": …, "chart_s": …,
"xlsx_s": …, "zip_peak_mb_600": …, "zip_peak_mb_6000": …}; targets: under 2 s each, ZIP peak flat.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.i18n import Catalog
from handlers.progress import _summary
from handlers.submissions import STATUS_KEYS
from services.calendar import CALENDAR_FILE, shipped_calendar
from services.calendar_io import calendar_for, save_version
from services.directory import Directory
from services.evidence import archive_entries
from services.exports import fills, load_export, municipality_bars, workbook_sheets
from services.file_store import FileStore
from services.regions import sync_regions
from services.reports import progress_chart, write_evidence_zip, write_workbook
from services.submissions import progress
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from storage.models import Municipality, RoleGrant, School, Submission, SubmissionFile, User
from storage.repositories.submissions import Area, EvidenceFile

REGION = "24"
ZONE = "Asia/Krasnoyarsk"
STEPS = 10
FILE_BYTES = 24 * 1024  # a compressed screenshot is tens of kilobytes


def season_with_steps(count: int) -> str:
    """The shipped 2022 calendar with the first steps made reporting ones until `count` are."""
    season = yaml.safe_load(CALENDAR_FILE.read_text(encoding="utf-8"))
    steps = [step for stage in season["stages"] for step in stage.get("steps", [])]
    missing = count - sum(1 for step in steps if step.get("screenshot"))
    for step in steps:
        if missing > 0 and not step.get("screenshot"):
            step["screenshot"] = True
            missing -= 1
    return str(yaml.safe_dump(season, allow_unicode=True, sort_keys=False))


async def seed(sessions: async_sessionmaker[AsyncSession], schools: int) -> None:
    now = datetime(2022, 10, 3, tzinfo=UTC)
    async with sessions.begin() as session:
        await sync_regions(session)
        await save_version(session, None, 2022, season_with_steps(STEPS), 1)
        await session.execute(
            insert(Municipality),
            [
                {"id": m + 1, "region_code": REGION, "name": f"Район № {m + 1:02d}"}
                for m in range(60)
            ],
        )
        await session.execute(
            insert(School),
            [
                {
                    "id": n + 1,
                    "code": f"edu24{n:05d}",
                    "name": f"МБОУ «СШ № {n + 1}»",
                    "municipality_id": n % 60 + 1,
                }
                for n in range(schools)
            ],
        )
        session.add(User(id=1, first_name="Координатор", language="ru"))
        await session.flush()
        session.add(RoleGrant(user_id=1, role="regional", region_code=REGION))
        calendar = await calendar_for(session, REGION)
        keys = [s.key for s in calendar.steps() if s.screenshot]
        statuses = ("accepted", "submitted", "returned", "accepted", None)
        rows: list[dict[str, object]] = []
        files: list[dict[str, object]] = []
        for n in range(schools):
            for k, key in enumerate(keys):
                status = statuses[(n + k) % len(statuses)]
                if status is None:
                    continue  # a fifth of the school-steps are missing
                rows.append(
                    {
                        "id": len(rows) + 1,
                        "school_id": n + 1,
                        "step_key": key,
                        "season": 2022,
                        "version": 1,
                        "status": status,
                        "submitted_by": 1,
                        "submitted_at": now,
                        "created_at": now,
                        "reviewed_by": 1 if status in ("accepted", "returned") else None,
                        "review_comment": "Не видна дата письма" if status == "returned" else None,
                    }
                )
                for f in range(2):
                    files.append(
                        {
                            "submission_id": len(rows),
                            "kind": "photo",
                            "file_id": f"f{len(rows)}-{f}",
                            "file_unique_id": f"u{len(rows)}-{f}",
                            "sha256": f"{len(rows) * 2 + f:064x}",
                            "download_attempts": 0,
                            "created_at": now,
                        }
                    )
        await session.execute(
            insert(RoleGrant),
            [
                {
                    "role": "curator",
                    "region_code": REGION,
                    "municipality_id": n % 60 + 1,
                    "school_id": n + 1,
                    "pending_name": f"Куратор школы № {n + 1}",
                    "pending_contact": f"@curator{n + 1}",
                }
                for n in range(schools)
            ],
        )
        await session.execute(insert(Submission), rows)
        await session.execute(insert(SubmissionFile), files)
    print(
        f"seeded {schools} schools, {len(keys)} steps, {len(rows)} submissions, {len(files)} files"
    )


async def timed_progress(
    sessions: async_sessionmaker[AsyncSession], folder: Path
) -> dict[str, float]:
    catalog = Catalog.load()
    t = catalog.bind("ru")
    settings = Settings(bot_token="1:bench", files_dir=folder / "files")
    async with sessions() as session:
        user = await session.get(User, 1)
        assert user is not None
        started = time.perf_counter()
        text, _ = await _summary(t, user, session, settings)
        progress_s = time.perf_counter() - started
        calendar = await calendar_for(session, REGION)
        report = await progress(session, Area(regions=frozenset({REGION})), calendar)
    print(text.split("\n")[0], f"— {len(text)} characters")

    legend = [t.label(STATUS_KEYS[s]) for s in ("accepted", "submitted", "returned", "missing")]
    # The first chart of a process also imports matplotlib (about 2 s, once per process).
    started = time.perf_counter()
    progress_chart("По шагам", report.bars_by_step("ru"), legend)
    cold_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    bars, rest = municipality_bars(report)
    png = progress_chart("Ход отчётности", bars, legend, f"ещё {rest.label}" if rest else None, 3)
    chart_s, chart_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    print(f"first chart of the process (with the matplotlib import): {cold_s:.2f} s")

    # The XLSX as the button makes it: its own queries (versions, curators), then the writing.
    async with sessions() as session:
        actor = await Directory(session, ()).actor(1)
        started, cpu = time.perf_counter(), time.process_time()
        data = await load_export(session, actor, report, calendar.season, ZoneInfo(ZONE))
        load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    buffer = io.BytesIO()
    started, cpu = time.perf_counter(), time.process_time()
    written = write_workbook(buffer, workbook_sheets(data, t), fills(t))
    write_s, write_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    xlsx_s, xlsx_cpu_s = load_s + write_s, load_cpu_s + write_cpu_s
    print(
        f"/progress {progress_s:.3f} s; chart {chart_s:.3f} s, CPU {chart_cpu_s:.3f} s "
        f"({len(png) // 1024} KB, {len(bars)} bars); xlsx {xlsx_s:.3f} s, CPU {xlsx_cpu_s:.3f} s "
        f"(queries {load_s:.3f} s, writing {write_s:.3f} s; {written} rows on "
        f"{len(data.report.steps) + 1} sheets, {len(buffer.getvalue()) // 1024} KB); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    return {
        "progress_s": progress_s,
        "chart_s": chart_s,
        "chart_cpu_s": chart_cpu_s,
        "xlsx_s": xlsx_s,
        "xlsx_cpu_s": xlsx_cpu_s,
        "xlsx_write_s": write_s,
    }


def zip_peak_mb(folder: Path, count: int) -> float:
    """Peak Python memory while archiving `count` stored screenshots. File contents stream in
    chunks; what grows is zipfile's central directory (one small record per file)."""
    store = FileStore(folder / f"store-{count}")
    files = []
    for n in range(count):
        sha = f"{n:064x}"
        path = store.path_for(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(FILE_BYTES))
        files.append(
            EvidenceFile(
                f"step-{n % 10}",
                f"edu{n // 20:05d}",
                "Школа",
                1,
                n % 20,
                "photo",
                None,
                sha,
                "image/jpeg",
            )
        )
    entries = archive_entries(files, shipped_calendar(), store, "Шаг")
    target = folder / f"evidence-{count}.zip"
    tracemalloc.start()
    started = time.perf_counter()
    with target.open("wb") as out:
        written = write_evidence_zip(out, entries)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = target.stat().st_size / 1024 / 1024
    print(f"zip of {written} files: {size:.0f} MB in {seconds:.2f} s, peak {peak / 1e6:.2f} MB")
    return peak / 1024 / 1024


async def main(schools: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        await upgrade_async(url)
        engine = create_engine(url)
        sessions = create_sessionmaker(engine)
        await seed(sessions, schools)
        figures = await timed_progress(sessions, folder)
        await engine.dispose()
        figures["zip_peak_mb_600"] = zip_peak_mb(folder, 600)
        figures["zip_peak_mb_6000"] = zip_peak_mb(folder, 6000)
    return {key: round(value, 3) for key, value in figures.items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=3000)
    print(json.dumps(asyncio.run(main(parser.parse_args().schools))))
